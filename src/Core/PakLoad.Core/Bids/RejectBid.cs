using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Places;

namespace PakLoad.Core.Bids;

/// <summary>The shipper turns a live bid down; the carrier is told.</summary>
public sealed record RejectBidCommand(PartyId ActorId, BidId BidId);

public sealed class RejectBidHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer)
{
    public async Task<Result<BidView>> HandleAsync(RejectBidCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var bid = await db.Bids.SingleOrDefaultAsync(b => b.Id == command.BidId, ct);
        switch (bid?.SideOf(command.ActorId))
        {
            case null:
                return Error.Of("errors.not_found");
            case BidSide.Carrier:
                return Error.Of("errors.forbidden"); // the carrier withdraws; only the shipper rejects
            case BidSide.Shipper:
                break;
        }

        var rejected = bid.Reject(clock);
        if (!rejected.IsSuccess)
        {
            return rejected.Error;
        }

        var load = await db.Loads.SingleAsync(l => l.Id == bid.LoadId, ct);
        var carrier = await db.Parties.SingleAsync(p => p.Id == bid.CarrierId, ct);
        db.Outbox.Add(LoadNotice.To(carrier, load, "notifications.bid.rejected", $"bid-rejected:{bid.Id}", gazetteer, clock));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (db.IsConflict(ex))
        {
            db.DiscardChanges();
            return Error.Of("errors.conflict");
        }

        return BidView.Of(bid);
    }
}
