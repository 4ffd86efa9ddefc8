using PakLoad.Core.Common;
using PakLoad.Core.Places;

namespace PakLoad.Core.Bids;

/// <summary>The shipper turns a live bid down; the carrier is told.</summary>
public sealed record RejectBidCommand(PartyId ActorId, BidId BidId);

public sealed class RejectBidHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer)
{
    public Task<Result<BidView>> HandleAsync(RejectBidCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        return BidEnding.EndAsync(
            db, gazetteer, clock, command.ActorId, command.BidId, BidSide.Shipper, bid => bid.Reject(clock), "notifications.bid.rejected", "bid-rejected", ct);
    }
}
