using PakLoad.Conversations.Engine;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;
using Stateless;
using Stateless.Reflection;

namespace PakLoad.Conversations.Flows;

/// <summary>How a step read the turn's input.</summary>
internal enum ReadingKind
{
    /// <summary>A valid answer: its values are already in the session's slots.</summary>
    Answer,

    /// <summary>Not an answer: <see cref="Reading.Error"/> says why; counts toward the three strikes.</summary>
    Invalid,
    Yes,
    No,

    /// <summary>The step said something itself (a suggestion, the next page) and waits; no strike.</summary>
    Stay,

    /// <summary>Go to <see cref="Reading.Target"/> (a pick that opens another step or flow).</summary>
    Go,
}

internal readonly record struct Reading(ReadingKind Kind, Error? Error = null, Step Target = Step.Idle)
{
    public static Reading Answer { get; } = new(ReadingKind.Answer);

    public static Reading Yes { get; } = new(ReadingKind.Yes);

    public static Reading No { get; } = new(ReadingKind.No);

    public static Reading Stay { get; } = new(ReadingKind.Stay);

    public static Reading Invalid(string key, params (string Name, string Value)[] args) => new(ReadingKind.Invalid, Error.Of(key, args));

    public static Reading Invalid(Error error) => new(ReadingKind.Invalid, error);

    public static Reading Go(Step target) => new(ReadingKind.Go, null, target);
}

/// <summary>
/// The conversation as one Stateless machine over the session's step (external state, queued firing). Every
/// form step is a substate of <see cref="Step.Form"/>, which carries cancel, help, back, menu, invalid answers and
/// the three-strikes exit, so each flow only says what it asks, how it reads an answer and where it goes next.
/// Entry actions ask; Core is called only from commit actions. A new machine is built for every turn.
/// </summary>
internal sealed partial class Dialog
{
    private static readonly System.Collections.Concurrent.ConcurrentBag<Dialog> Pool = [];
    private TurnContext _t;
    private ConversationSession _s;
    private readonly StateMachine<Step, Trigger> _m;
    private readonly StateMachine<Step, Trigger>.TriggerWithParameters<Step> _start;

    /// <summary>
    /// The machine's configuration does not depend on the turn (every action reads the bound turn when it
    /// runs), so configured machines are pooled: a turn rents one, binds it, and returns it when done.
    /// </summary>
    public static Dialog Rent(TurnContext turn)
    {
        if (!Pool.TryTake(out var dialog))
        {
            return new Dialog(turn);
        }

        dialog.Bind(turn);
        return dialog;
    }

    /// <summary>Gives the machine back after a turn that finished normally (a faulted machine is dropped).</summary>
    public static void Return(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        dialog._t = null!;
        dialog._s = null!;
        Pool.Add(dialog);
    }

    private void Bind(TurnContext turn)
    {
        _t = turn;
        _s = turn.Session;
    }

    public Dialog(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        _t = turn;
        _s = turn.Session;
        _m = new StateMachine<Step, Trigger>(() => _s.Step, step => _s.Step = step, FiringMode.Queued);
        _start = _m.SetTriggerParameters<Step>(Trigger.Start);
        ConfigureIdleAndForm();
        ConfigureOnboarding();
        ConfigurePostLoad();
        ConfigureFindLoads();
        ConfigureBidding();
        ConfigureMyLoads();
        ConfigureMyBids();
        ConfigureTrips();
        ConfigureEmptyTruck();
        ConfigureLanguageAndResume();
        ConfigureMoney();
        _m.OnTransitioned(RememberForBack);
        _m.OnUnhandledTriggerAsync(async (_, _) => { _t.Say("chat.not_now"); await AskAsync(_s.Step); });
    }

    private ConversationSession S => _s;

    private bool IsCarrier => _t.Party?.Has(PartyRole.Carrier) == true;

    private bool IsShipper => _t.Party is { } p && (p.Has(PartyRole.Shipper) || p.Has(PartyRole.Broker));

    private PartyId Actor => _t.Party?.Id ?? throw new InvalidOperationException("This step needs a registered party.");

    /// <summary>The machine's graph, for the docs (flows/README has it) and the diagram test.</summary>
    public StateMachineInfo Info => _m.GetInfo();

    public Task FireAsync(Trigger trigger) => _m.FireAsync(trigger);

    public Task StartAsync(Step step) => _m.FireAsync(_start, step);

    /// <summary>Reads the input for the current step (no state change yet).</summary>
    public Task<Reading> ReadAsync() => _s.Step switch
    {
        Step.Idle => ReadIdleAsync(),
        Step.OnboardLanguage or Step.OnboardRole or Step.OnboardName or Step.OnboardVehicle or Step.OnboardCnic => Task.FromResult(ReadOnboarding()),
        Step.PostOrigin or Step.PostDestination or Step.PostWeight or Step.PostDate or Step.PostConfirm or Step.PostEdit => Task.FromResult(ReadPostLoad()),
        Step.FindMode or Step.FindPlace or Step.FindResults or Step.FindDetail => ReadFindLoadsAsync(),
        Step.BidLoad or Step.BidAmount or Step.BidConfirm => ReadBiddingAsync(),
        Step.MyLoadList or Step.MyLoadBids or Step.MyLoadBidAction or Step.ShipperCounterAmount => Task.FromResult(ReadMyLoads()),
        Step.MyBidList or Step.MyBidAction or Step.CarrierCounterAmount => Task.FromResult(ReadMyBids()),
        Step.TripList or Step.TripAction or Step.TripLocation or Step.TripCode => Task.FromResult(ReadTrips()),
        Step.TruckPlace or Step.TruckDate or Step.TruckDestination or Step.TruckVehicle or Step.TruckConfirm => Task.FromResult(ReadEmptyTruck()),
        Step.LanguagePick => Task.FromResult(ReadLanguagePick()),
        Step.ResumeOffer => Task.FromResult(ReadResume()),
        Step.PayoutConfirm => Task.FromResult(ReadPayout()),
        _ => Task.FromResult(Reading.Invalid("chat.not_understood")),
    };

    /// <summary>Fires what a reading means.</summary>
    public async Task ApplyAsync(Reading reading)
    {
        switch (reading.Kind)
        {
            case ReadingKind.Answer:
                await _m.FireAsync(Trigger.Answer);
                break;
            case ReadingKind.Yes:
                await _m.FireAsync(Trigger.Yes);
                break;
            case ReadingKind.No:
                await _m.FireAsync(Trigger.No);
                break;
            case ReadingKind.Go:
                await StartAsync(reading.Target);
                break;
            case ReadingKind.Invalid:
                _t.Say(reading.Error ?? Error.Of("chat.not_understood"));
                await _m.FireAsync(Trigger.Invalid);
                break;
            case ReadingKind.Stay:
                break;
        }
    }

    /// <summary>Asks the question of a step (entry actions, help and re-prompts all come here).</summary>
    public async Task AskAsync(Step step)
    {
        switch (step)
        {
            case Step.Idle:
                ShowMenu();
                break;
            case Step.OnboardLanguage or Step.OnboardRole or Step.OnboardName or Step.OnboardVehicle or Step.OnboardCnic:
                AskOnboarding(step);
                break;
            case Step.PostConfirm:
                AskPostLoad(step);
                await SayLaneAsync(S.Slot(Slots.From), S.Slot(Slots.To), S.Slot(Slots.Vehicle));
                AskYesNo("chat.post.ask_confirm");
                break;
            case Step.PostOrigin or Step.PostDestination or Step.PostWeight or Step.PostDate or Step.PostEdit:
                AskPostLoad(step);
                break;
            case Step.FindMode or Step.FindPlace or Step.FindResults or Step.FindDetail:
                await AskFindLoadsAsync(step);
                break;
            case Step.BidLoad or Step.BidAmount or Step.BidConfirm:
                if (step == Step.BidAmount)
                {
                    await SayLaneForLoadAsync();
                }

                AskBidding(step);
                break;
            case Step.PayoutConfirm:
                await AskPayoutAsync();
                break;
            case Step.MyLoadList or Step.MyLoadBids or Step.MyLoadBidAction or Step.ShipperCounterAmount:
                await AskMyLoadsAsync(step);
                break;
            case Step.MyBidList or Step.MyBidAction or Step.CarrierCounterAmount:
                await AskMyBidsAsync(step);
                break;
            case Step.TripList or Step.TripAction or Step.TripLocation or Step.TripCode:
                await AskTripsAsync(step);
                break;
            case Step.TruckPlace or Step.TruckDate or Step.TruckDestination or Step.TruckVehicle or Step.TruckConfirm:
                AskEmptyTruck(step);
                break;
            case Step.LanguagePick:
                AskLanguagePick();
                break;
            case Step.ResumeOffer:
                AskResume();
                break;
        }
    }

    public void ShowMenu()
    {
        if (_t.Party is null)
        {
            return;
        }

        var options = new List<PromptOption>();
        if (IsShipper)
        {
            options.Add(PromptOption.Of("post", "chat.menu.post"));
            options.Add(PromptOption.Of("myloads", "chat.menu.myloads"));
        }

        if (IsCarrier)
        {
            options.Add(PromptOption.Of("find", "chat.menu.find"));
            options.Add(PromptOption.Of("mybids", "chat.menu.mybids"));
            options.Add(PromptOption.Of("trips", "chat.menu.trips"));
            options.Add(PromptOption.Of("truck", "chat.menu.truck"));
            options.Add(PromptOption.Of("balance", "chat.menu.balance"));
        }

        options.Add(PromptOption.Of("lang", "chat.menu.language"));
        options.Add(PromptOption.Of("help", "chat.menu.help"));
        _t.Ask("chat.menu.title", PromptExpects.Choice, options, TurnContext.Arg("name", _t.Party.Name));
    }

    private void ConfigureIdleAndForm()
    {
        var steps = Enum.GetValues<Step>();
        var formSteps = new DynamicStateInfos();
        foreach (var step in steps.Where(s => s is not Step.Idle and not Step.Form))
        {
            formSteps.Add(step, step.ToString());
        }

        _m.Configure(Step.Idle)
            .OnEntryFrom(Trigger.Cancel, () => { S.ResetFlow(); _t.Say("chat.cancelled"); ShowMenu(); })
            .OnEntryFrom(Trigger.Restart, () => { S.ResetFlow(); ShowMenu(); })
            .OnEntryFrom(Trigger.Back, () => { S.ResetFlow(); ShowMenu(); })
            .OnEntryFrom(Trigger.TooManyRetries, () => { S.ResetFlow(); _t.Say("chat.gave_up"); })
            .OnEntryFrom(Trigger.Done, () => S.ResetFlow())
            .PermitDynamic(_start, step => step, "the step a menu choice or fill-ahead opens", formSteps)
            .InternalTransition(Trigger.Cancel, () => { _t.Say("chat.nothing_to_cancel"); ShowMenu(); })
            .InternalTransition(Trigger.Help, () => { _t.Say("chat.help.general"); ShowMenu(); })
            .InternalTransition(Trigger.Restart, ShowMenu)
            .InternalTransition(Trigger.Back, ShowMenu)
            .InternalTransition(Trigger.Reprompt, ShowMenu)
            .InternalTransition(Trigger.Invalid, ShowMenu)
            .InternalTransition(Trigger.Done, () => { })
            .InternalTransition(Trigger.Answer, ShowMenu);

        _m.Configure(Step.Form)
            .Permit(Trigger.Cancel, Step.Idle)
            .Permit(Trigger.Restart, Step.Idle)
            .Permit(Trigger.TooManyRetries, Step.Idle)
            .Permit(Trigger.Done, Step.Idle)
            .PermitDynamic(Trigger.Back, PreviousStep, "the step answered before this one, or the menu", formSteps)
            .PermitDynamic(_start, step => step, "another step or flow", formSteps)
            .InternalTransitionAsync(Trigger.Help, async _ => { _t.Say(HelpKey(S.Step)); await AskAsync(S.Step); })
            .InternalTransitionAsync(Trigger.Reprompt, _ => AskAsync(S.Step))
            .InternalTransitionAsync(Trigger.Invalid, _ => OnInvalidAsync());
    }

    private async Task OnInvalidAsync()
    {
        S.Retries++;
        if (S.Retries >= _t.Options.MaxInvalidAnswers)
        {
            await _m.FireAsync(Trigger.TooManyRetries);
            return;
        }

        await AskAsync(S.Step);
    }

    /// <summary>A form step: asks on entry (fresh strikes), and moves on an answer to <paramref name="next"/>.</summary>
    private StateMachine<Step, Trigger>.StateConfiguration FormStep(Step step, Step flow, Func<Step> next, string nextDescription)
    {
        return _m.Configure(step)
            .SubstateOf(flow)
            .OnEntryAsync(async () => { S.Retries = 0; await AskAsync(step); })
            .PermitDynamic(Trigger.Answer, next, nextDescription);
    }

    private void Flow(Step flow) => _m.Configure(flow).SubstateOf(Step.Form);

    private Step PreviousStep()
    {
        while (S.History.Count > 0)
        {
            var previous = S.History[^1];
            S.History.RemoveAt(S.History.Count - 1);
            ForgetAnswer(previous);
            return previous;
        }

        return Step.Idle;
    }

    private void RememberForBack(StateMachine<Step, Trigger>.Transition transition)
    {
        if (transition.Trigger is Trigger.Answer or Trigger.Start && transition.Source is not Step.Idle
            && transition.Source != transition.Destination && !IsConfirmStep(transition.Source))
        {
            S.History.Add(transition.Source);
        }
    }

    private static bool IsConfirmStep(Step step) => step is Step.PostConfirm or Step.BidConfirm or Step.TruckConfirm or Step.ResumeOffer;

    /// <summary>Back to a step forgets what it had answered there.</summary>
    private void ForgetAnswer(Step step)
    {
        foreach (var slot in SlotsOf(step))
        {
            S.Clear(slot);
        }
    }

    private static string[] SlotsOf(Step step) => step switch
    {
        Step.PostOrigin => [Slots.From],
        Step.PostDestination => [Slots.To],
        Step.PostWeight => [Slots.Kg, Slots.WeightAmount, Slots.WeightUnit],
        Step.PostDate => [Slots.Date],
        Step.TruckPlace => [Slots.From],
        Step.TruckDate => [Slots.Date],
        Step.TruckDestination => [Slots.To, Slots.AnyDestination],
        Step.BidAmount => [Slots.Amount],
        _ => [],
    };

    private static string HelpKey(Step step) => step switch
    {
        Step.PostOrigin or Step.PostDestination or Step.FindPlace or Step.TruckPlace or Step.TruckDestination => "chat.help.city",
        Step.PostWeight => "chat.help.weight",
        Step.PostDate or Step.TruckDate => "chat.help.date",
        Step.BidAmount or Step.ShipperCounterAmount or Step.CarrierCounterAmount => "chat.help.amount",
        Step.PostConfirm or Step.BidConfirm or Step.TruckConfirm => "chat.help.confirm",
        Step.TripCode => "chat.help.code",
        Step.TripLocation => "chat.help.location",
        Step.OnboardName => "chat.help.name",
        Step.OnboardCnic => "chat.help.cnic",
        _ => "chat.help.choose",
    };
}

/// <summary>Slot names, so flows and tests agree.</summary>
internal static class Slots
{
    public const string From = "from";
    public const string To = "to";
    public const string Kg = "kg";
    public const string WeightAmount = "weight_amount";
    public const string WeightUnit = "weight_unit";
    public const string Date = "date";
    public const string Vehicle = "vehicle";
    public const string Price = "price";
    public const string Receiver = "receiver";
    public const string Suggestion = "suggest";
    public const string SuggestionFor = "suggest_for";
    public const string PendingAmount = "pending_amount";
    public const string Language = "language";
    public const string Role = "role";
    public const string Name = "name";
    public const string Cnic = "cnic";
    public const string FindMode = "find_mode";
    public const string Page = "page";
    public const string Load = "load";
    public const string Amount = "amount";
    public const string Bid = "bid";
    public const string Trip = "trip";
    public const string AnyDestination = "any_destination";
    public const string Results = "results";
}
