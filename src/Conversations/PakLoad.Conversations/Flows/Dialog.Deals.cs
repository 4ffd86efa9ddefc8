using System.Globalization;
using PakLoad.Conversations.Engine;
using PakLoad.Conversations.Language;
using PakLoad.Core.Bids;
using PakLoad.Core.Bookings;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;

namespace PakLoad.Conversations.Flows;

/// <summary>
/// My loads (a shipper sees the bids on a load and accepts, counters or rejects one) and my bids (a carrier
/// accepts a counter-offer, counters again or withdraws).
/// </summary>
internal sealed partial class Dialog
{
    private void ConfigureMyLoads()
    {
        Flow(Step.MyLoads);
        FormStep(Step.MyLoadList, Step.MyLoads, () => Step.MyLoadBids, "the bids on the load picked");
        FormStep(Step.MyLoadBids, Step.MyLoads, () => Step.MyLoadBidAction, "what to do with the bid picked");
        _m.Configure(Step.MyLoadBidAction)
            .SubstateOf(Step.MyLoads)
            .OnEntryAsync(async () => { S.Retries = 0; await AskAsync(Step.MyLoadBidAction); })
            .InternalTransitionAsync(Trigger.Answer, _ => ShipperActAsync())
            .Permit(Trigger.No, Step.ShipperCounterAmount);
        _m.Configure(Step.ShipperCounterAmount)
            .SubstateOf(Step.MyLoads)
            .OnEntryAsync(async () => { S.Retries = 0; await AskAsync(Step.ShipperCounterAmount); })
            .InternalTransitionAsync(Trigger.Answer, _ => CounterAsync());
    }

    private void ConfigureMyBids()
    {
        Flow(Step.MyBids);
        FormStep(Step.MyBidList, Step.MyBids, () => Step.MyBidAction, "what to do with the bid picked");
        _m.Configure(Step.MyBidAction)
            .SubstateOf(Step.MyBids)
            .OnEntryAsync(async () => { S.Retries = 0; await AskAsync(Step.MyBidAction); })
            .InternalTransitionAsync(Trigger.Answer, _ => CarrierActAsync())
            .Permit(Trigger.No, Step.CarrierCounterAmount);
        _m.Configure(Step.CarrierCounterAmount)
            .SubstateOf(Step.MyBids)
            .OnEntryAsync(async () => { S.Retries = 0; await AskAsync(Step.CarrierCounterAmount); })
            .InternalTransitionAsync(Trigger.Answer, _ => CounterAsync());
    }

    private async Task AskMyLoadsAsync(Step step)
    {
        switch (step)
        {
            case Step.MyLoadList:
                var mine = await _t.Market.MyLoadsAsync(new ListMyLoadsQuery(Actor, OpenOnly: true, 1, 10), _t.CancellationToken);
                var loads = mine.Value?.Items ?? [];
                if (loads.Count == 0)
                {
                    _t.Say("chat.myloads.none");
                    await _m.FireAsync(Trigger.Done);
                    ShowMenu();
                    return;
                }

                _t.Ask("chat.myloads.list", PromptExpects.Choice, loads.Select(l => PromptOption.Of(
                    l.Id.Value.ToString("N"),
                    "chat.myloads.row",
                    TurnContext.Arg("ref", TurnContext.Reference(l.Reference)),
                    TurnContext.Arg("from", _t.City(l.Origin.City.Value)),
                    TurnContext.Arg("to", _t.City(l.Destination.City.Value)),
                    TurnContext.Arg("date", _t.Date(l.PickupFrom)))).ToArray());
                break;
            case Step.MyLoadBids:
                var bids = await _t.Market.ListBidsAsync(new ListBidsQuery(Actor, new LoadId(Guid.Parse(S.Slot(Slots.Load)!)), LiveOnly: true, 1, 10), _t.CancellationToken);
                var live = bids.Value?.Items ?? [];
                if (live.Count == 0)
                {
                    _t.Say("chat.myloads.no_bids");
                    await _m.FireAsync(Trigger.Done);
                    ShowMenu();
                    return;
                }

                _t.Ask("chat.myloads.bids", PromptExpects.Choice, live.Select((b, i) => PromptOption.Of(
                    b.Id.Value.ToString("N"),
                    b.Turn == BidSide.Shipper ? "chat.myloads.bid_row" : "chat.myloads.bid_row_waiting",
                    TurnContext.Arg("n", (i + 1).ToString(CultureInfo.InvariantCulture)),
                    TurnContext.Arg("amount", _t.Money(b.Amount)))).ToArray());
                break;
            case Step.MyLoadBidAction:
                _t.Ask("chat.myloads.ask_action", PromptExpects.Choice, [
                    PromptOption.Of("accept", "chat.option.accept"),
                    PromptOption.Of("counter", "chat.option.counter"),
                    PromptOption.Of("reject", "chat.option.reject"),
                ]);
                break;
            case Step.ShipperCounterAmount:
                _t.Ask("chat.bid.ask_counter", PromptExpects.Text);
                break;
        }
    }

    private Reading ReadMyLoads()
    {
        switch (S.Step)
        {
            case Step.MyLoadList:
                return Pick(Slots.Load);
            case Step.MyLoadBids:
                return Pick(Slots.Bid);
            case Step.MyLoadBidAction:
                var action = _t.PickedOption();
                if (action == "counter")
                {
                    return Reading.No;
                }

                if (action is "accept" or "reject")
                {
                    S.Set("action", action);
                    return Reading.Answer;
                }

                return Reading.Invalid("chat.choose_number");
            default:
                return ReadCounterAmount();
        }
    }

    private Reading Pick(string slot)
    {
        var picked = _t.PickedOption();
        if (picked is null)
        {
            return Reading.Invalid("chat.choose_number");
        }

        S.Set(slot, picked);
        return Reading.Answer;
    }

    private Reading ReadCounterAmount()
    {
        var money = _t.Read.Money.Interpret(_t.Input);
        return money.Kind switch
        {
            MoneyReadingKind.Sure => SetAmount(money.Amount),
            MoneyReadingKind.Ambiguous => Reading.Invalid("chat.amount_unclear", ("input", _t.Input.Text)),
            MoneyReadingKind.OutOfRange => Reading.Invalid("chat.amount_range"),
            _ => Reading.Invalid("chat.amount_needed"),
        };
    }

    private Reading SetAmount(Money amount)
    {
        S.Set(Slots.Amount, amount.Paisa.ToString(CultureInfo.InvariantCulture));
        return Reading.Answer;
    }

    private BidId PickedBid => new(Guid.Parse(S.Slot(Slots.Bid)!));

    private async Task ShipperActAsync()
    {
        if (S.Slot("action") == "accept")
        {
            await AcceptAsync();
            return;
        }

        var rejected = await _t.Market.RejectAsync(new RejectBidCommand(Actor, PickedBid), _t.CancellationToken);
        _t.Say(rejected.IsSuccess ? Error.Of("chat.bid.rejected") : rejected.Error!);
        await _m.FireAsync(Trigger.Done);
    }

    private async Task AcceptAsync()
    {
        var accepted = await _t.Market.AcceptAsync(new AcceptBidCommand(Actor, PickedBid), _t.CancellationToken);
        if (!accepted.IsSuccess)
        {
            _t.Say(accepted.Error!);
        }
        else
        {
            _t.Note($"booked {accepted.Value!.BookingId}");
            _t.Say("chat.bid.accepted", TurnContext.Arg("amount", _t.Money(accepted.Value.AgreedPrice)));
            if (S.Step is Step.MyLoadBidAction)
            {
                await SayPaymentLinkAsync(accepted.Value.BookingId);
            }
        }

        await _m.FireAsync(Trigger.Done);
    }

    private async Task CounterAsync()
    {
        var amount = new Money(long.Parse(S.Slot(Slots.Amount)!, CultureInfo.InvariantCulture));
        var countered = await _t.Market.CounterAsync(new CounterBidCommand(Actor, PickedBid, amount), _t.CancellationToken);
        _t.Say(countered.IsSuccess ? Error.Of("chat.bid.countered", ("amount", _t.Money(amount))) : countered.Error!);
        await _m.FireAsync(Trigger.Done);
    }

    private async Task AskMyBidsAsync(Step step)
    {
        switch (step)
        {
            case Step.MyBidList:
                var bids = await _t.Market.ListBidsAsync(new ListBidsQuery(Actor, null, LiveOnly: true, 1, 10), _t.CancellationToken);
                var live = bids.Value?.Items.Where(b => b.CarrierId == Actor).ToArray() ?? [];
                if (live.Length == 0)
                {
                    _t.Say("chat.mybids.none");
                    await _m.FireAsync(Trigger.Done);
                    ShowMenu();
                    return;
                }

                _t.Ask("chat.mybids.list", PromptExpects.Choice, live.Select((b, i) => PromptOption.Of(
                    b.Id.Value.ToString("N"),
                    b.Turn == BidSide.Carrier ? "chat.mybids.row_countered" : "chat.mybids.row",
                    TurnContext.Arg("n", (i + 1).ToString(CultureInfo.InvariantCulture)),
                    TurnContext.Arg("amount", _t.Money(b.Amount)))).ToArray());
                break;
            case Step.MyBidAction:
                _t.Ask("chat.mybids.ask_action", PromptExpects.Choice, [
                    PromptOption.Of("accept", "chat.option.accept"),
                    PromptOption.Of("counter", "chat.option.counter"),
                    PromptOption.Of("withdraw", "chat.option.withdraw"),
                ]);
                break;
            case Step.CarrierCounterAmount:
                _t.Ask("chat.bid.ask_counter", PromptExpects.Text);
                break;
        }
    }

    private Reading ReadMyBids()
    {
        switch (S.Step)
        {
            case Step.MyBidList:
                return Pick(Slots.Bid);
            case Step.MyBidAction:
                var action = _t.PickedOption();
                if (action == "counter")
                {
                    return Reading.No;
                }

                if (action is "accept" or "withdraw")
                {
                    S.Set("action", action);
                    return Reading.Answer;
                }

                return Reading.Invalid("chat.choose_number");
            default:
                return ReadCounterAmount();
        }
    }

    private async Task CarrierActAsync()
    {
        if (S.Slot("action") == "accept")
        {
            await AcceptAsync();
            return;
        }

        var withdrawn = await _t.Market.WithdrawAsync(new WithdrawBidCommand(Actor, PickedBid), _t.CancellationToken);
        _t.Say(withdrawn.IsSuccess ? Error.Of("chat.bid.withdrawn") : withdrawn.Error!);
        await _m.FireAsync(Trigger.Done);
    }
}
