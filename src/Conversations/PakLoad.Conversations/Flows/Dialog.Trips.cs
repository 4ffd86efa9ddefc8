using System.Globalization;
using PakLoad.Conversations.Engine;
using PakLoad.Conversations.Language;
using PakLoad.Core.Capacity;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Parties;
using PakLoad.Core.Trips;

namespace PakLoad.Conversations.Flows;

/// <summary>My trips (report the next milestone, share location, enter the delivery code) and post an empty truck.</summary>
internal sealed partial class Dialog
{
    private void ConfigureTrips()
    {
        Flow(Step.Trips);
        FormStep(Step.TripList, Step.Trips, () => Step.TripAction, "what to report on the trip picked");
        _m.Configure(Step.TripAction)
            .SubstateOf(Step.Trips)
            .OnEntryAsync(async () => { S.Retries = 0; await AskAsync(Step.TripAction); })
            .InternalTransitionAsync(Trigger.Answer, _ => ReportMilestoneAsync());
        _m.Configure(Step.TripLocation)
            .SubstateOf(Step.Trips)
            .OnEntryAsync(async () => { S.Retries = 0; await AskAsync(Step.TripLocation); })
            .InternalTransitionAsync(Trigger.Answer, _ => CheckInAsync());
        _m.Configure(Step.TripCode)
            .SubstateOf(Step.Trips)
            .OnEntryAsync(async () => { S.Retries = 0; await AskAsync(Step.TripCode); })
            .InternalTransitionAsync(Trigger.Answer, _ => DeliverAsync());
    }

    private TripId PickedTrip => new(Guid.Parse(S.Slot(Slots.Trip)!));

    private async Task AskTripsAsync(Step step)
    {
        switch (step)
        {
            case Step.TripList:
                var trips = await _t.Market.ListTripsAsync(new ListTripsQuery(Actor, null, 1, 20), _t.CancellationToken);
                var active = trips.Value?.Items.Where(t => t.CarrierId == Actor || t.DriverId == Actor)
                    .Where(t => t.Status is not TripStatus.Completed and not TripStatus.Cancelled).Take(5).ToArray() ?? [];
                if (active.Length == 0)
                {
                    _t.Say("chat.trips.none");
                    await _m.FireAsync(Trigger.Done);
                    ShowMenu();
                    return;
                }

                var options = new List<PromptOption>();
                foreach (var trip in active)
                {
                    var load = await _t.Market.GetLoadAsync(new GetLoadQuery(Actor, trip.LoadId), _t.CancellationToken);
                    options.Add(PromptOption.Of(
                        trip.Id.Value.ToString("N"),
                        "chat.trips.row",
                        TurnContext.Arg("ref", load.IsSuccess ? TurnContext.Reference(load.Value!.Reference) : "-"),
                        TurnContext.Arg("from", load.IsSuccess ? _t.City(load.Value!.Origin.City.Value) : "-"),
                        TurnContext.Arg("to", load.IsSuccess ? _t.City(load.Value!.Destination.City.Value) : "-"),
                        TurnContext.Arg("status", _t.Word($"chat.status.{trip.Status}"))));
                }

                _t.Ask("chat.trips.list", PromptExpects.Choice, options);
                break;
            case Step.TripAction:
                var view = await _t.Market.GetTripAsync(new GetTripQuery(Actor, PickedTrip), _t.CancellationToken);
                if (!view.IsSuccess)
                {
                    _t.Say(view.Error!);
                    await _m.FireAsync(Trigger.Done);
                    return;
                }

                // A booked trip has no driver yet: an owner-driver on chat can take the wheel ("I will drive it").
                var status = view.Value!.Status;
                var actions = view.Value.Actions
                    .Where(a => a is not TripTrigger.Cancel and not TripTrigger.Dispute and not TripTrigger.Complete)
                    .Where(a => a != TripTrigger.AssignDriver || status == TripStatus.Booked)
                    .Select(a => PromptOption.Of(a.ToString(), $"chat.option.trip_{a}")).ToArray();
                if (actions.Length == 0)
                {
                    _t.Say("chat.trips.nothing_to_do", TurnContext.Arg("status", _t.Word($"chat.status.{view.Value.Status}")));
                    await _m.FireAsync(Trigger.Done);
                    return;
                }

                _t.Ask("chat.trips.ask_action", PromptExpects.Choice, actions, TurnContext.Arg("status", _t.Word($"chat.status.{view.Value.Status}")));
                break;
            case Step.TripLocation:
                _t.Ask("chat.trips.ask_location", PromptExpects.Location);
                break;
            case Step.TripCode:
                _t.Ask("chat.trips.ask_code", PromptExpects.Text);
                break;
        }
    }

    private Reading ReadTrips()
    {
        switch (S.Step)
        {
            case Step.TripList:
                return Pick(Slots.Trip);
            case Step.TripAction:
                var picked = _t.PickedOption();
                if (picked is null && _t.Read.Commands.MatchMilestone(_t.Input) is { } spoken)
                {
                    picked = TriggerFor(spoken, null).ToString();
                }

                if (picked is null || !Enum.TryParse<TripTrigger>(picked, out var trigger))
                {
                    return Reading.Invalid("chat.choose_number");
                }

                S.Set("action", trigger.ToString());
                return trigger switch
                {
                    TripTrigger.CheckIn => Reading.Go(Step.TripLocation),
                    TripTrigger.Deliver => Reading.Go(Step.TripCode),
                    _ => Reading.Answer,
                };
            case Step.TripLocation:
                if (_t.Message.Location is { } pin)
                {
                    S.Set("lat", pin.Latitude.ToString("R", CultureInfo.InvariantCulture));
                    S.Set("lon", pin.Longitude.ToString("R", CultureInfo.InvariantCulture));
                    return Reading.Answer;
                }

                return Reading.Invalid("chat.trips.location_needed");
            default:
                var code = string.Concat(_t.Input.Tokens);
                if (code.Length != 6 || !code.All(char.IsAsciiDigit))
                {
                    return Reading.Invalid("chat.trips.code_format");
                }

                S.Set("code", code);
                return Reading.Answer;
        }
    }

    private static TripTrigger TriggerFor(SpokenMilestone spoken, TripStatus? status) => spoken switch
    {
        SpokenMilestone.ArriveAtPickup => TripTrigger.ArriveAtPickup,
        SpokenMilestone.Load => TripTrigger.Load,
        SpokenMilestone.Depart => TripTrigger.Depart,
        SpokenMilestone.Arrive when status is TripStatus.DriverAssigned => TripTrigger.ArriveAtPickup,
        SpokenMilestone.Arrive => TripTrigger.Arrive,
        _ => TripTrigger.Deliver,
    };

    private static TripMilestone? MilestoneOf(TripTrigger trigger) => trigger switch
    {
        TripTrigger.ArriveAtPickup => TripMilestone.ArriveAtPickup,
        TripTrigger.Load => TripMilestone.Load,
        TripTrigger.Depart => TripMilestone.Depart,
        TripTrigger.Arrive => TripMilestone.Arrive,
        _ => null,
    };

    private async Task ReportMilestoneAsync()
    {
        var trigger = Enum.Parse<TripTrigger>(S.Slot("action")!);
        if (trigger == TripTrigger.AssignDriver)
        {
            await DriveMyselfAsync();
            return;
        }

        if (MilestoneOf(trigger) is not { } milestone)
        {
            _t.Say("chat.not_now");
            await _m.FireAsync(Trigger.Done);
            return;
        }

        var advanced = await _t.Market.AdvanceTripAsync(new AdvanceTripCommand(Actor, PickedTrip, milestone), _t.CancellationToken);
        _t.Say(advanced.IsSuccess
            ? Error.Of("chat.trips.updated", ("status", _t.Word($"chat.status.{advanced.Value!.Status}")))
            : advanced.Error!);
        await _m.FireAsync(Trigger.Done);
    }

    /// <summary>
    /// "I will drive it": the carrier becomes the trip's driver. A carrier who registered on chat ("I drive a
    /// truck") gets the driver role first, so the trip can move past Booked without the web app.
    /// </summary>
    private async Task DriveMyselfAsync()
    {
        var party = _t.Party!;
        if (!party.Has(PartyRole.Driver))
        {
            var registered = await _t.Market.RegisterAsync(
                new RegisterPartyCommand(party.Phone, party.Name, PartyRole.Driver, party.Language, _t.Message.Channel, null, null),
                _t.CancellationToken);
            if (!registered.IsSuccess)
            {
                _t.Say(registered.Error!);
                await _m.FireAsync(Trigger.Done);
                return;
            }

            _t.Party = registered.Value;
        }

        var assigned = await _t.Market.AssignDriverAsync(new AssignDriverCommand(Actor, PickedTrip, Actor, null), _t.CancellationToken);
        _t.Say(assigned.IsSuccess
            ? Error.Of("chat.trips.updated", ("status", _t.Word($"chat.status.{assigned.Value!.Status}")))
            : assigned.Error!);
        await _m.FireAsync(Trigger.Done);
    }

    private async Task CheckInAsync()
    {
        var lat = double.Parse(S.Slot("lat")!, CultureInfo.InvariantCulture);
        var lon = double.Parse(S.Slot("lon")!, CultureInfo.InvariantCulture);
        var checkedIn = await _t.Market.CheckInAsync(new CheckInCommand(Actor, PickedTrip, lat, lon), _t.CancellationToken);
        _t.Say(checkedIn.IsSuccess ? Error.Of("chat.trips.location_shared") : checkedIn.Error!);
        await _m.FireAsync(Trigger.Done);
    }

    private async Task DeliverAsync()
    {
        var delivered = await _t.Market.ConfirmDeliveryAsync(new ConfirmDeliveryCommand(Actor, PickedTrip, S.Slot("code")), _t.CancellationToken);
        if (delivered.IsSuccess)
        {
            _t.Say("chat.trips.delivered");
            await _m.FireAsync(Trigger.Done);
            return;
        }

        _t.Say(delivered.Error!);
        if (delivered.Value is null && S.Retries + 1 < _t.Options.MaxInvalidAnswers)
        {
            S.Retries++;
            await AskAsync(Step.TripCode);
            return;
        }

        await _m.FireAsync(Trigger.Done);
    }

    private void ConfigureEmptyTruck()
    {
        Flow(Step.EmptyTruck);
        FormStep(Step.TruckPlace, Step.EmptyTruck, NextTruckStep, "the first empty slot");
        FormStep(Step.TruckDate, Step.EmptyTruck, NextTruckStep, "the first empty slot");
        FormStep(Step.TruckDestination, Step.EmptyTruck, NextTruckStep, "the first empty slot");
        FormStep(Step.TruckVehicle, Step.EmptyTruck, NextTruckStep, "the first empty slot");
        _m.Configure(Step.TruckConfirm)
            .SubstateOf(Step.EmptyTruck)
            .OnEntryAsync(async () => { S.Retries = 0; await AskAsync(Step.TruckConfirm); })
            .InternalTransitionAsync(Trigger.Yes, _ => CommitTruckAsync())
            .PermitReentry(Trigger.Answer)
            .Permit(Trigger.No, Step.Idle);
    }

    private Step NextTruckStep() =>
        !S.Has(Slots.From) ? Step.TruckPlace
        : !S.Has(Slots.Date) ? Step.TruckDate
        : !S.Has(Slots.To) && !S.Has(Slots.AnyDestination) ? Step.TruckDestination
        : !S.Has(Slots.Vehicle) && _t.Party?.DefaultVehicle is null ? Step.TruckVehicle
        : Step.TruckConfirm;

    private void AskEmptyTruck(Step step)
    {
        switch (step)
        {
            case Step.TruckPlace:
                _t.Ask("chat.truck.ask_place", PromptExpects.Location);
                break;
            case Step.TruckDate:
                AskDate("chat.truck.ask_date");
                break;
            case Step.TruckDestination:
                _t.Ask("chat.truck.ask_destination", PromptExpects.Choice, [PromptOption.Of("any", "chat.option.anywhere")]);
                break;
            case Step.TruckVehicle:
                _t.Ask("chat.onboard.ask_vehicle", PromptExpects.Choice, PopularVehicles.Select(v => PromptOption.Of(v, "chat.option.vehicle", TurnContext.Arg("vehicle", _t.Vehicle(v)))).ToArray());
                break;
            case Step.TruckConfirm:
                var vehicle = S.Slot(Slots.Vehicle) ?? _t.Party?.DefaultVehicle?.Value ?? string.Empty;
                AskYesNo(
                    S.Has(Slots.To) ? "chat.truck.ask_confirm_to" : "chat.truck.ask_confirm",
                    TurnContext.Arg("from", _t.City(S.Slot(Slots.From)!)),
                    TurnContext.Arg("to", S.Slot(Slots.To) is { } to ? _t.City(to) : string.Empty),
                    TurnContext.Arg("date", _t.Date(DateOnly.ParseExact(S.Slot(Slots.Date)!, "yyyy-MM-dd", CultureInfo.InvariantCulture))),
                    TurnContext.Arg("vehicle", _t.Vehicle(vehicle)));
                break;
        }
    }

    private Reading ReadEmptyTruck()
    {
        var step = S.Step;
        if (step == Step.TruckConfirm && YesNoAnswer() is { } answer)
        {
            return answer;
        }

        if (step == Step.TruckDestination && (_t.PickedOption() == "any" || _t.Read.Commands.IsSkip(_t.Input)))
        {
            S.Set(Slots.AnyDestination, "true");
            return Reading.Answer;
        }

        if (step == Step.TruckVehicle)
        {
            var vehicle = _t.PickedOption() ?? _t.Read.Vehicles.Interpret(_t.Input.Tokens).Class?.Value;
            if (vehicle is null)
            {
                return Reading.Invalid("chat.vehicle_unknown", ("input", _t.Input.Text));
            }

            S.Set(Slots.Vehicle, vehicle);
            return Reading.Answer;
        }

        var filled = FillTruck(step);
        if (step == Step.TruckConfirm)
        {
            if (filled > 0)
            {
                _t.Say("chat.updated");
                return Reading.Answer;
            }

            return Reading.Invalid("chat.post.confirm_unclear");
        }

        var answered = step switch
        {
            Step.TruckPlace => S.Has(Slots.From),
            Step.TruckDate => S.Has(Slots.Date),
            Step.TruckDestination => S.Has(Slots.To),
            _ => false,
        };
        if (answered)
        {
            return Reading.Answer;
        }

        if (filled > 0)
        {
            return Reading.Go(NextTruckStep());
        }

        return step == Step.TruckDate ? Reading.Invalid("chat.date_unknown") : Reading.Invalid("chat.city_unknown", ("input", _t.Input.Text));
    }

    /// <summary>Fill-ahead for an empty truck: "Lahore se Karachi khali kal", a pin, a date, a vehicle.</summary>
    private int FillTruck(Step step)
    {
        var filled = 0;
        if (_t.Message.Location is { } pin)
        {
            S.Set(Slots.From, _t.Market.Gazetteer.Nearest(pin).Place.Id.Value);
            filled++;
        }

        var route = _t.Read.Routes.Interpret(_t.Input.Tokens);
        if (route.Origin is null && route.Destination is null)
        {
            var single = _t.Read.Places.Interpret(_t.Input.Tokens);
            if (single.Kind == PlaceMatchKind.Exact && single.Place is { } place)
            {
                S.Set(step == Step.TruckDestination ? Slots.To : Slots.From, place.Value);
                filled++;
            }
        }
        else
        {
            if (route.Origin is { } origin)
            {
                S.Set(Slots.From, origin.Value);
                filled++;
            }

            if (route.Destination is { } destination)
            {
                S.Set(Slots.To, destination.Value);
                S.Clear(Slots.AnyDestination);
                filled++;
            }
        }

        var date = _t.Read.Dates.Interpret(_t.Input.Tokens, _t.Clock, slotLooksForward: true);
        if (date is null && step == Step.TruckDate)
        {
            date = PickedDay();
        }

        if (date is { } d && d >= _t.Today)
        {
            S.Set(Slots.Date, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            filled++;
        }

        if (_t.Read.Vehicles.Interpret(_t.Input.Tokens).Class is { } vehicleClass)
        {
            S.Set(Slots.Vehicle, vehicleClass.Value);
            filled++;
        }

        if (S.Has(Slots.To) && S.Slot(Slots.To) == S.Slot(Slots.From))
        {
            S.Clear(Slots.To);
            filled--;
        }

        return filled;
    }

    private async Task CommitTruckAsync()
    {
        var vehicle = S.Slot(Slots.Vehicle) ?? _t.Party?.DefaultVehicle?.Value ?? string.Empty;
        var date = DateOnly.ParseExact(S.Slot(Slots.Date)!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var posted = await _t.Market.PostEmptyTruckAsync(
            new PostEmptyTruckCommand(Actor, vehicle, null, PlaceInput.Named(S.Slot(Slots.From)!), date, S.Slot(Slots.To)),
            _t.CancellationToken);
        if (!posted.IsSuccess)
        {
            _t.Say(posted.Error!);
            await AskAsync(Step.TruckConfirm);
            return;
        }

        _t.Say("chat.truck.posted", TurnContext.Arg("from", _t.City(S.Slot(Slots.From)!)));
        await SayTruckMatchesAsync(posted.Value!.Id);
        await _m.FireAsync(Trigger.Done);
    }
}
