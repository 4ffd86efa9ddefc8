namespace PakLoad.Conversations.Engine;

/// <summary>
/// Every place a conversation can stand. Superstates (<see cref="Form"/> and one per flow) carry the repairs
/// every step shares: cancel, help, back, menu, invalid answers. The value is saved by name, so steps may be
/// reordered but never renamed without a session migration.
/// </summary>
public enum Step
{
    Idle,

    /// <summary>Superstate of every multi-turn form: global commands are configured once, here.</summary>
    Form,

    Onboarding,
    OnboardLanguage,
    OnboardRole,
    OnboardName,
    OnboardVehicle,
    OnboardCnic,

    PostLoad,
    PostOrigin,
    PostDestination,
    PostWeight,
    PostDate,
    PostConfirm,
    PostEdit,

    FindLoads,
    FindMode,
    FindPlace,
    FindResults,
    FindDetail,

    Bidding,
    BidLoad,
    BidAmount,
    BidConfirm,

    MyLoads,
    MyLoadList,
    MyLoadBids,
    MyLoadBidAction,
    ShipperCounterAmount,

    MyBids,
    MyBidList,
    MyBidAction,
    CarrierCounterAmount,

    Trips,
    TripList,
    TripAction,
    TripLocation,
    TripCode,

    EmptyTruck,
    TruckPlace,
    TruckDate,
    TruckDestination,
    TruckVehicle,
    TruckConfirm,

    Money,
    PayoutConfirm,

    LanguagePick,
    ResumeOffer,
}

/// <summary>What a turn can do to the machine.</summary>
public enum Trigger
{
    /// <summary>A valid answer for the current step; its values are already in the session's slots.</summary>
    Answer,
    Invalid,
    Yes,
    No,
    Cancel,
    Help,
    Back,
    Restart,
    TooManyRetries,

    /// <summary>A committed step finished: leave the flow.</summary>
    Done,

    /// <summary>Enter a flow at a given step (from the menu, fill-ahead or a resume).</summary>
    Start,

    /// <summary>Say the current step's question again (after a language change or a voice note).</summary>
    Reprompt,
}
