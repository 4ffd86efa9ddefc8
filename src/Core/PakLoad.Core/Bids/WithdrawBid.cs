using PakLoad.Core.Common;
using PakLoad.Core.Places;

namespace PakLoad.Core.Bids;

/// <summary>The carrier takes back a live bid; the shipper is told.</summary>
public sealed record WithdrawBidCommand(PartyId ActorId, BidId BidId);

public sealed class WithdrawBidHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer)
{
    public Task<Result<BidView>> HandleAsync(WithdrawBidCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        return BidEnding.EndAsync(
            db, gazetteer, clock, command.ActorId, command.BidId, BidSide.Carrier, bid => bid.Withdraw(clock), "notifications.bid.withdrawn", "bid-withdrawn", ct);
    }
}
