using System.Globalization;
using PakLoad.Conversations.Engine;
using PakLoad.Conversations.Language;
using PakLoad.Core.Bids;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;

namespace PakLoad.Conversations.Flows;

/// <summary>Find loads (near me, from a city, to a city; a page at a time; details) and bid on one.</summary>
internal sealed partial class Dialog
{
    private const string More = "more";

    private void ConfigureFindLoads()
    {
        Flow(Step.FindLoads);
        FormStep(Step.FindMode, Step.FindLoads, () => S.Has(Slots.From) || S.Has(Slots.To) ? Step.FindResults : Step.FindPlace, "a place to search from");
        FormStep(Step.FindPlace, Step.FindLoads, () => Step.FindResults, "results");
        FormStep(Step.FindResults, Step.FindLoads, () => Step.FindDetail, "the load picked");
        _m.Configure(Step.FindResults).PermitReentry(Trigger.Reprompt);
        FormStep(Step.FindDetail, Step.FindLoads, () => Step.BidAmount, "bid on it");
    }

    private void ConfigureBidding()
    {
        Flow(Step.Bidding);
        FormStep(Step.BidAmount, Step.Bidding, () => Step.BidConfirm, "confirm the amount");
        _m.Configure(Step.BidConfirm)
            .SubstateOf(Step.Bidding)
            .OnEntryAsync(async () => { S.Retries = 0; await AskAsync(Step.BidConfirm); })
            .InternalTransitionAsync(Trigger.Yes, _ => CommitBidAsync())
            .PermitReentry(Trigger.Answer)
            .Permit(Trigger.No, Step.BidAmount);
    }

    private async Task AskFindLoadsAsync(Step step)
    {
        switch (step)
        {
            case Step.FindMode:
                _t.Ask("chat.find.ask_mode", PromptExpects.Choice, [
                    PromptOption.Of("near", "chat.option.near_me"),
                    PromptOption.Of("from", "chat.option.from_city"),
                    PromptOption.Of("to", "chat.option.to_city"),
                ]);
                break;
            case Step.FindPlace:
                if (S.Slot(Slots.FindMode) == "near")
                {
                    _t.Ask("chat.find.ask_location", PromptExpects.Location);
                }
                else
                {
                    _t.Ask(S.Slot(Slots.FindMode) == "to" ? "chat.find.ask_to_city" : "chat.find.ask_from_city", PromptExpects.Text);
                }

                break;
            case Step.FindResults:
                await ShowResultsAsync();
                break;
            case Step.FindDetail:
                await ShowLoadAsync();
                break;
        }
    }

    private async Task ShowResultsAsync()
    {
        var page = int.Parse(S.Slot(Slots.Page) ?? "1", CultureInfo.InvariantCulture);
        var found = S.Slot("near") is { } near && _t.Market.HasIndex
            ? await SearchNearAsync(near, page)
            : await _t.Market.FindLoadsAsync(
                new FindOpenLoadsQuery(_t.Party?.Id, S.Slot(Slots.From), S.Slot(Slots.To), null, null, page, _t.Options.PageSize),
                _t.CancellationToken);
        var loads = found.Value?.Items ?? [];
        var place = S.Slot(Slots.From) ?? S.Slot(Slots.To)!;
        if (loads.Count == 0)
        {
            _t.Say(page == 1 ? "chat.find.none" : "chat.find.no_more", TurnContext.Arg("city", _t.City(place)));
            await _m.FireAsync(Trigger.Done);
            ShowMenu();
            return;
        }

        var options = loads.Select(l => PromptOption.Of(
            l.Id.Value.ToString("N"),
            l.TargetPrice is null ? "chat.find.row" : "chat.find.row_price",
            TurnContext.Arg("ref", TurnContext.Reference(l.Reference)),
            TurnContext.Arg("from", _t.City(l.Origin.City.Value)),
            TurnContext.Arg("to", _t.City(l.Destination.City.Value)),
            TurnContext.Arg("weight", _t.Weight(l.WeightKg)),
            TurnContext.Arg("date", _t.Date(l.PickupFrom)),
            TurnContext.Arg("price", l.TargetPrice is { } p ? _t.Money(p) : string.Empty))).ToList();
        if (found.Value!.Total > page * _t.Options.PageSize)
        {
            options.Add(PromptOption.Of(More, "chat.option.more"));
        }

        _t.Ask("chat.find.results", PromptExpects.Choice, options, TurnContext.Arg("city", _t.City(place)), TurnContext.Arg("total", found.Value.Total.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Open loads within 50 km of a shared pin, nearest first (the market index).</summary>
    private async Task<Result<Paged<LoadSummary>>> SearchNearAsync(string near, int page)
    {
        var parts = near.Split(',');
        var pin = PlaceInput.Pinned(double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
        var hits = await _t.Market.SearchLoadsAsync(
            new PakLoad.Core.Matching.SearchLoadsQuery(_t.Party?.Id, pin, Page: page, PageSize: _t.Options.PageSize), _t.CancellationToken);
        return hits.IsSuccess
            ? new Paged<LoadSummary>(hits.Value!.Items.Select(h => h.Load).ToArray(), hits.Value.Page, hits.Value.PageSize, hits.Value.Total)
            : hits.Error!;
    }

    private async Task ShowLoadAsync()
    {
        var id = new LoadId(Guid.Parse(S.Slot(Slots.Load)!));
        var load = await _t.Market.GetLoadAsync(new GetLoadQuery(_t.Party!.Id, id), _t.CancellationToken);
        if (!load.IsSuccess)
        {
            _t.Say(load.Error!);
            return;
        }

        var l = load.Value!;
        S.Set("load_ref", TurnContext.Reference(l.Reference));
        _t.Say(
            "chat.find.detail",
            TurnContext.Arg("ref", TurnContext.Reference(l.Reference)),
            TurnContext.Arg("from", _t.City(l.Origin.City.Value)),
            TurnContext.Arg("to", _t.City(l.Destination.City.Value)),
            TurnContext.Arg("weight", _t.Weight(l.WeightKg)),
            TurnContext.Arg("date", _t.Date(l.PickupFrom)),
            TurnContext.Arg("vehicle", _t.Vehicle(l.VehicleClass.Value)));
        if (l.TargetPrice is { } price)
        {
            _t.Say("chat.post.summary_price", TurnContext.Arg("price", _t.Money(price)));
        }

        _t.Ask("chat.find.ask_action", PromptExpects.Choice, [PromptOption.Of("bid", "chat.option.bid"), PromptOption.Of("list", "chat.option.back_to_list")]);
    }

    private async Task<Reading> ReadFindLoadsAsync()
    {
        switch (S.Step)
        {
            case Step.FindMode:
                var mode = _t.PickedOption();
                if (mode is "near" or "from" or "to")
                {
                    S.Set(Slots.FindMode, mode);
                    return Reading.Answer;
                }

                return FillSearch() ? Reading.Go(Step.FindResults) : Reading.Invalid("chat.choose_number");
            case Step.FindPlace:
                return FillSearch() ? Reading.Answer : Reading.Invalid("chat.city_unknown", ("input", _t.Input.Text));
            case Step.FindResults:
                var picked = _t.PickedOption() ?? (_t.Read.Commands.IsMore(_t.Input, _t.Message.Channel) ? More : null);
                if (picked == More)
                {
                    S.Set(Slots.Page, (int.Parse(S.Slot(Slots.Page) ?? "1", CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture));
                    await AskAsync(Step.FindResults);
                    return Reading.Stay;
                }

                if (picked is not null)
                {
                    S.Set(Slots.Load, picked);
                    return Reading.Answer;
                }

                if (FillSearch())
                {
                    S.Set(Slots.Page, "1");
                    await AskAsync(Step.FindResults);
                    return Reading.Stay;
                }

                return Reading.Invalid("chat.choose_number");
            default:
                var action = _t.PickedOption();
                if (action == "bid" || _t.Read.Commands.Intents(_t.Input).Contains(Intent.Bid))
                {
                    var amount = _t.Read.Money.Interpret(_t.Input);
                    if (amount.IsSure)
                    {
                        S.Set(Slots.Amount, amount.Amount.Paisa.ToString(CultureInfo.InvariantCulture));
                        return Reading.Go(Step.BidConfirm);
                    }

                    return Reading.Answer;
                }

                if (action == "list")
                {
                    S.Clear(Slots.Load);
                    return Reading.Go(Step.FindResults);
                }

                var money = _t.Read.Money.Interpret(_t.Input);
                if (money.IsSure)
                {
                    S.Set(Slots.Amount, money.Amount.Paisa.ToString(CultureInfo.InvariantCulture));
                    return Reading.Go(Step.BidConfirm);
                }

                return Reading.Invalid("chat.choose_number");
        }
    }

    /// <summary>Reads where to search: a pin, "X se" (from), "X ke liye" / "to X" (to), or a bare city (from).</summary>
    private bool FillSearch()
    {
        if (_t.Message.Location is { } pin)
        {
            S.Set(Slots.From, _t.Market.Gazetteer.Nearest(pin).Place.Id.Value);
            S.Clear(Slots.To);
            S.Set("near", string.Create(CultureInfo.InvariantCulture, $"{pin.Latitude:R},{pin.Longitude:R}"));
            S.Set(Slots.Page, "1");
            return true;
        }

        S.Clear("near");

        var route = _t.Read.Routes.Interpret(_t.Input.Tokens);
        if (route.Origin is null && route.Destination is null)
        {
            var single = _t.Read.Places.Interpret(_t.Input.Tokens);
            if (single.Kind != PlaceMatchKind.Exact || single.Place is null)
            {
                return false;
            }

            S.Clear(Slots.From);
            S.Clear(Slots.To);
            S.Set(S.Slot(Slots.FindMode) == "to" ? Slots.To : Slots.From, single.Place.Value.Value);
            S.Set(Slots.Page, "1");
            return true;
        }

        S.Clear(Slots.From);
        S.Clear(Slots.To);
        if (route.Origin is { } origin)
        {
            S.Set(Slots.From, origin.Value);
        }

        if (route.Destination is { } destination)
        {
            S.Set(Slots.To, destination.Value);
        }

        S.Set(Slots.Page, "1");
        _t.Note($"search from={S.Slot(Slots.From)} to={S.Slot(Slots.To)}");
        return true;
    }

    private void AskBidding(Step step)
    {
        switch (step)
        {
            case Step.BidAmount:
                _t.Ask("chat.bid.ask_amount", PromptExpects.Text);
                break;
            case Step.BidConfirm:
                AskYesNo(
                    "chat.bid.ask_confirm",
                    TurnContext.Arg("ref", S.Slot("load_ref") ?? string.Empty),
                    TurnContext.Arg("amount", _t.Money(new Money(long.Parse(S.Slot(Slots.Amount)!, CultureInfo.InvariantCulture)))));
                break;
        }
    }

    private async Task<Reading> ReadBiddingAsync()
    {
        await EnsureLoadReferenceAsync();
        if (S.Step == Step.BidConfirm)
        {
            var answer = YesNoAnswer();
            if (answer is not null)
            {
                return answer.Value;
            }
        }

        var money = _t.Read.Money.Interpret(_t.Input);
        switch (money.Kind)
        {
            case MoneyReadingKind.Sure:
                S.Set(Slots.Amount, money.Amount.Paisa.ToString(CultureInfo.InvariantCulture));
                if (S.Step == Step.BidConfirm)
                {
                    _t.Say("chat.updated");
                }

                return Reading.Answer;
            case MoneyReadingKind.Ambiguous:
                return Reading.Invalid("chat.amount_unclear", ("input", _t.Input.Text));
            case MoneyReadingKind.OutOfRange:
                return Reading.Invalid("chat.amount_range");
            default:
                return Reading.Invalid("chat.amount_needed");
        }
    }

    private async Task EnsureLoadReferenceAsync()
    {
        if (S.Has("load_ref") || S.Slot(Slots.Load) is not { } id)
        {
            return;
        }

        var load = await _t.Market.GetLoadAsync(new GetLoadQuery(_t.Party!.Id, new LoadId(Guid.Parse(id))), _t.CancellationToken);
        if (load.IsSuccess)
        {
            S.Set("load_ref", TurnContext.Reference(load.Value!.Reference));
        }
    }

    private async Task CommitBidAsync()
    {
        var load = new LoadId(Guid.Parse(S.Slot(Slots.Load)!));
        var amount = new Money(long.Parse(S.Slot(Slots.Amount)!, CultureInfo.InvariantCulture));
        var placed = await _t.Market.PlaceBidAsync(new PlaceBidCommand(Actor, load, amount), _t.CancellationToken);
        if (!placed.IsSuccess)
        {
            _t.Say(placed.Error!);
            await _m.FireAsync(Trigger.Done);
            ShowMenu();
            return;
        }

        _t.Note($"bid {placed.Value!.Id}");
        _t.Say("chat.bid.placed", TurnContext.Arg("ref", S.Slot("load_ref") ?? string.Empty), TurnContext.Arg("amount", _t.Money(amount)));
        await _m.FireAsync(Trigger.Done);
    }
}
