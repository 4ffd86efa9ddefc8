using System.Globalization;
using PakLoad.Conversations.Engine;
using PakLoad.Conversations.Language;
using PakLoad.Core.Loads;
using PakLoad.Core.Trips;

namespace PakLoad.Conversations.Flows;

/// <summary>
/// The menu: a number or button picks a flow; a free message is read for what it already says (fill-ahead),
/// so "Karachi se Lahore 20 ton kal" opens the post-load confirmation and "bid PK4821937 85 hazar" the bid one.
/// </summary>
internal sealed partial class Dialog
{
    private async Task<Reading> ReadIdleAsync()
    {
        var picked = _t.PickedOption();
        if (picked is not null)
        {
            return picked switch
            {
                "post" when IsShipper => Reading.Go(Step.PostOrigin),
                "myloads" when IsShipper => Reading.Go(Step.MyLoadList),
                "find" when IsCarrier => Reading.Go(Step.FindMode),
                "mybids" when IsCarrier => Reading.Go(Step.MyBidList),
                "trips" when IsCarrier => Reading.Go(Step.TripList),
                "truck" when IsCarrier => Reading.Go(NextTruckStep()),
                "balance" when IsCarrier => Reading.Go(Step.PayoutConfirm),
                "lang" => Reading.Go(Step.LanguagePick),
                "help" => HelpAtMenu(),
                _ => Reading.Invalid("chat.choose_number"),
            };
        }

        var intents = _t.Read.Commands.Intents(_t.Input);
        var reference = LoadReference();
        if (IsCarrier)
        {
            if (reference is not null && _t.Read.Commands.MatchMilestone(_t.Input) is { } milestone)
            {
                return await TripByWordsAsync(reference.Value, milestone);
            }

            if (reference is not null && (intents.Contains(Intent.Bid) || _t.Read.Money.Interpret(_t.Input).IsSure))
            {
                return await BidByWordsAsync(reference.Value);
            }

            if (intents.Contains(Intent.Balance))
            {
                return Reading.Go(Step.PayoutConfirm);
            }

            if (intents.Contains(Intent.MyBids))
            {
                return Reading.Go(Step.MyBidList);
            }

            if (intents.Contains(Intent.MyTrips))
            {
                return Reading.Go(Step.TripList);
            }

            if (intents.Contains(Intent.EmptyTruck) && !intents.Contains(Intent.FindLoads))
            {
                FillTruck(Step.TruckPlace);
                return Reading.Go(NextTruckStep());
            }

            if (!intents.Contains(Intent.PostLoad) || !IsShipper)
            {
                if (FillSearch())
                {
                    return Reading.Go(Step.FindResults);
                }

                if (intents.Contains(Intent.FindLoads) || _t.Message.Kind == InboundKind.Location)
                {
                    return Reading.Go(Step.FindMode);
                }
            }
        }

        if (IsShipper)
        {
            if (intents.Contains(Intent.MyLoads))
            {
                return Reading.Go(Step.MyLoadList);
            }

            var filled = FillPostLoad(Step.Idle);
            if (filled > 0 || intents.Contains(Intent.PostLoad) || S.Has(Slots.SuggestionFor))
            {
                S.Clear("error");
                S.Clear("error_arg");
                return Reading.Go(NextPostStep());
            }

            S.ResetFlow();
        }

        if (intents.Contains(Intent.Language))
        {
            return Reading.Go(Step.LanguagePick);
        }

        return Reading.Invalid("chat.menu.not_understood");
    }

    private Reading HelpAtMenu()
    {
        _t.Say("chat.help.general");
        ShowMenu();
        return Reading.Stay;
    }

    /// <summary>"PK4821937", "pk 4821937" or a bare 7-digit number: a load's short reference.</summary>
    private int? LoadReference()
    {
        var tokens = _t.Input.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var digits = token.StartsWith("pk", StringComparison.Ordinal) ? token[2..]
                : token == "pk" && i + 1 < tokens.Count ? tokens[i + 1]
                : token;
            if (digits.Length == 7 && digits.All(char.IsAsciiDigit)
                && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var reference))
            {
                return reference;
            }
        }

        return null;
    }

    private async Task<LoadSummary?> LoadByReferenceAsync(int reference)
    {
        var found = await _t.Market.FindByReferenceAsync(new FindLoadsByReferenceQuery(_t.Party?.Id, reference), _t.CancellationToken);
        if (found.Count == 0)
        {
            _t.Say("chat.load_not_found", TurnContext.Arg("ref", TurnContext.Reference(reference)));
            return null;
        }

        return found[0];
    }

    private async Task<Reading> BidByWordsAsync(int reference)
    {
        var load = await LoadByReferenceAsync(reference);
        if (load is null)
        {
            return Reading.Stay;
        }

        S.ResetFlow();
        S.Set(Slots.Load, load.Id.Value.ToString("N"));
        S.Set("load_ref", TurnContext.Reference(reference));

        // The reference itself is digits: read the amount from what follows it only.
        var rest = string.Join(' ', _t.Input.Tokens.Where(t => !t.Contains(reference.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) && t != "pk"));
        var money = _t.Read.Money.Interpret(Normalizer.Normalize(rest));
        if (money.IsSure)
        {
            S.Set(Slots.Amount, money.Amount.Paisa.ToString(CultureInfo.InvariantCulture));
            return Reading.Go(Step.BidConfirm);
        }

        if (money.Kind != MoneyReadingKind.None || _t.Read.Dates.Interpret(_t.Input.Tokens, _t.Clock) is not null)
        {
            _t.Say(money.Kind == MoneyReadingKind.Ambiguous ? "chat.amount_unclear" : "chat.amount_needed", TurnContext.Arg("input", rest));
        }

        return Reading.Go(Step.BidAmount);
    }

    private async Task<Reading> TripByWordsAsync(int reference, SpokenMilestone spoken)
    {
        var load = await LoadByReferenceAsync(reference);
        if (load is null)
        {
            return Reading.Stay;
        }

        var trips = await _t.Market.ListTripsAsync(new ListTripsQuery(Actor, null, 1, 50), _t.CancellationToken);
        var trip = trips.Value?.Items.FirstOrDefault(t => t.LoadId == load.Id);
        if (trip is null)
        {
            _t.Say("chat.load_not_found", TurnContext.Arg("ref", TurnContext.Reference(reference)));
            return Reading.Stay;
        }

        S.ResetFlow();
        S.Set(Slots.Trip, trip.Id.Value.ToString("N"));
        var trigger = TriggerFor(spoken, trip.Status);
        S.Set("action", trigger.ToString());

        // Checked before asking for the delivery code too: "delivered" while not yet loaded cannot skip ahead.
        if (!trip.Actions.Contains(trigger))
        {
            S.ResetFlow();
            _t.Say("chat.trips.cannot_skip", TurnContext.Arg("status", _t.Word($"chat.status.{trip.Status}")));
            return Reading.Stay;
        }

        if (trigger == TripTrigger.Deliver)
        {
            return Reading.Go(Step.TripCode);
        }

        await ReportMilestoneAsync();
        S.ResetFlow();
        return Reading.Stay;
    }
}
