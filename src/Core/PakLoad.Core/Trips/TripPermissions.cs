using PakLoad.Core.Common;

namespace PakLoad.Core.Trips;

/// <summary>What a party is on one trip. An owner-driver is Carrier and Driver at once.</summary>
[Flags]
public enum TripRoles
{
    None = 0,
    Shipper = 1,
    Carrier = 2,
    Driver = 4,
}

/// <summary>
/// Who may pull which trigger. The lifecycle says what is possible in a status; this table says who may ask.
/// The truck side reports the road (pickup, loading, departure, position, arrival, the consignee's code); the
/// shipper confirms the end; either side of the deal may cancel before loading or raise a dispute.
/// </summary>
public static class TripPermissions
{
    public static TripRoles AllowedRoles(TripTrigger trigger) => trigger switch
    {
        TripTrigger.AssignDriver => TripRoles.Carrier,
        TripTrigger.ArriveAtPickup or TripTrigger.Load or TripTrigger.Depart or TripTrigger.CheckIn
            or TripTrigger.Arrive or TripTrigger.Deliver => TripRoles.Carrier | TripRoles.Driver,
        TripTrigger.Complete => TripRoles.Shipper,
        TripTrigger.Cancel or TripTrigger.Dispute => TripRoles.Shipper | TripRoles.Carrier,
    };

    public static bool Allows(TripRoles roles, TripTrigger trigger) => (roles & AllowedRoles(trigger)) != TripRoles.None;

    public static TripRoles RolesOf(PartyId party, PartyId shipper, PartyId carrier, PartyId? driver) =>
        (party == shipper ? TripRoles.Shipper : TripRoles.None)
        | (party == carrier ? TripRoles.Carrier : TripRoles.None)
        | (driver == party ? TripRoles.Driver : TripRoles.None);

    /// <summary>The triggers someone with <paramref name="roles"/> may pull in <paramref name="status"/>, for screens and menus.</summary>
    public static IReadOnlyList<TripTrigger> Actions(TripStatus status, TripRoles roles) =>
        TripLifecycle.Permitted(status).Where(t => Allows(roles, t)).ToArray();
}
