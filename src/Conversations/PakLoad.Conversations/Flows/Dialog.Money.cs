using System.Globalization;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Common;
using PakLoad.Core.Escrow;
using PakLoad.Core.Loads;
using PakLoad.Core.Matching;
using PakLoad.Core.Payments;
using PakLoad.Core.Payouts;

namespace PakLoad.Conversations.Flows;

/// <summary>
/// Money in chat: a carrier's balance and payout request, the shipper's payment link after a deal, and the
/// lane's recent prices beside every price question (post a load, bid).
/// </summary>
internal sealed partial class Dialog
{
    private void ConfigureMoney()
    {
        Flow(Step.Money);
        _m.Configure(Step.PayoutConfirm)
            .SubstateOf(Step.Money)
            .OnEntryAsync(async () => { S.Retries = 0; await AskAsync(Step.PayoutConfirm); })
            .InternalTransitionAsync(Trigger.Yes, _ => RequestPayoutAsync())
            .Permit(Trigger.No, Step.Idle);
    }

    private async Task AskPayoutAsync()
    {
        var balance = await _t.Market.CarrierBalanceAsync(new GetCarrierBalanceQuery(Actor), _t.CancellationToken);
        if (!balance.IsSuccess)
        {
            _t.Say(balance.Error!);
            await _m.FireAsync(Trigger.Done);
            return;
        }

        var b = balance.Value!;
        _t.Say("chat.money.balance", TurnContext.Arg("payable", _t.Money(b.Payable)), TurnContext.Arg("pending", _t.Money(b.PayoutsPending)));
        if (b.Payable <= Money.Zero)
        {
            await _m.FireAsync(Trigger.Done);
            return;
        }

        AskYesNo("chat.money.ask_payout", TurnContext.Arg("amount", _t.Money(b.Payable)));
    }

    private Reading ReadPayout() => YesNoAnswer() ?? Reading.Invalid("chat.post.confirm_unclear");

    private async Task RequestPayoutAsync()
    {
        var requested = await _t.Market.RequestPayoutAsync(new RequestPayoutCommand(Actor), _t.CancellationToken);
        _t.Say(requested.IsSuccess
            ? Error.Of("chat.money.payout_requested", ("amount", _t.Money(requested.Value!.Amount)))
            : requested.Error!);
        await _m.FireAsync(Trigger.Done);
    }

    /// <summary>"Usually Rs 80,000 to Rs 95,000 on this route" or "no prices yet", before a price is asked.</summary>
    private async Task SayLaneAsync(string? origin, string? destination, string? vehicle)
    {
        if (origin is null || destination is null || vehicle is null)
        {
            return;
        }

        var lane = await _t.Market.PriceGuidanceAsync(new PriceGuidanceQuery(origin, destination, vehicle), _t.CancellationToken);
        if (!lane.IsSuccess)
        {
            return;
        }

        var g = lane.Value!;
        if (!g.HasData || g.Low is null || g.High is null || g.Median is null)
        {
            _t.Say("chat.price.none");
            return;
        }

        _t.Say(
            "chat.price.guidance",
            TurnContext.Arg("low", _t.Money(g.Low.Value)),
            TurnContext.Arg("high", _t.Money(g.High.Value)),
            TurnContext.Arg("median", _t.Money(g.Median.Value)),
            TurnContext.Arg("count", g.Samples.ToString(CultureInfo.InvariantCulture)),
            TurnContext.Arg("days", g.Days.ToString(CultureInfo.InvariantCulture)));
    }

    private async Task SayLaneForLoadAsync()
    {
        if (S.Slot(Slots.Load) is not { } id || _t.Party is null)
        {
            return;
        }

        var load = await _t.Market.GetLoadAsync(new GetLoadQuery(Actor, new LoadId(Guid.Parse(id))), _t.CancellationToken);
        if (load.IsSuccess)
        {
            await SayLaneAsync(load.Value!.Origin.City.Value, load.Value.Destination.City.Value, load.Value.VehicleClass.Value);
        }
    }

    /// <summary>After a shipper closes a deal: the payment link that funds the escrow (price + fee).</summary>
    private async Task SayPaymentLinkAsync(BookingId booking)
    {
        if (!_t.Market.HasPayments)
        {
            return;
        }

        var link = await _t.Market.FundingLinkAsync(new CreateFundingLinkCommand(Actor, booking), _t.CancellationToken);
        if (link.IsSuccess)
        {
            _t.Say("chat.money.pay_link", TurnContext.Arg("amount", _t.Money(link.Value!.Amount)), TurnContext.Arg("url", link.Value.CheckoutUrl ?? string.Empty));
        }
        else
        {
            _t.Say(link.Error!);
        }
    }

    /// <summary>After an empty truck is posted: the best open loads for it, each with its strongest reason.</summary>
    private async Task SayTruckMatchesAsync(PakLoad.Core.Common.CapacityPostId post)
    {
        if (!_t.Market.HasIndex)
        {
            return;
        }

        var matches = await _t.Market.MatchesForTruckAsync(new MatchesForTruckQuery(Actor, post, 3), _t.CancellationToken);
        if (!matches.IsSuccess || matches.Value!.Count == 0)
        {
            return;
        }

        _t.Say("chat.truck.matches");
        foreach (var match in matches.Value)
        {
            var l = match.Load;
            _t.Say(
                "chat.find.row",
                TurnContext.Arg("ref", TurnContext.Reference(l.Reference)),
                TurnContext.Arg("from", _t.City(l.Origin.City.Value)),
                TurnContext.Arg("to", _t.City(l.Destination.City.Value)),
                TurnContext.Arg("weight", _t.Weight(l.WeightKg)),
                TurnContext.Arg("date", _t.Date(l.PickupFrom)));
            if (match.Score.Reasons.FirstOrDefault() is { } reason)
            {
                _t.Say(reason.ReasonKey, reason.Args.Select(a => TurnContext.Arg(a.Key, a.Value)).ToArray());
            }
        }

        _t.Say("chat.truck.matches_hint");
    }
}
