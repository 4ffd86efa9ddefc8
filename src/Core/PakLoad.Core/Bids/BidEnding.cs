using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Places;

namespace PakLoad.Core.Bids;

/// <summary>
/// The one path that ends a live bid on one side's word (the shipper rejects, the carrier withdraws) and tells
/// the other side, shared by <see cref="RejectBidHandler"/> and <see cref="WithdrawBidHandler"/>.
/// </summary>
internal static class BidEnding
{
    public static async Task<Result<BidView>> EndAsync(
        IPakLoadDb db,
        Gazetteer gazetteer,
        TimeProvider clock,
        PartyId actor,
        BidId bidId,
        BidSide endingSide,
        Func<Bid, Result<Bid>> end,
        string notice,
        string dedupePrefix,
        CancellationToken ct)
    {
        var bid = await db.Bids.SingleOrDefaultAsync(b => b.Id == bidId, ct);
        var side = bid?.SideOf(actor);
        if (bid is null || side is null)
        {
            return Error.Of("errors.not_found");
        }

        if (side != endingSide)
        {
            return Error.Of("errors.forbidden"); // the shipper rejects, the carrier withdraws: never the other way
        }

        var ended = end(bid);
        if (!ended.IsSuccess)
        {
            return ended.Error;
        }

        var load = await db.Loads.SingleAsync(l => l.Id == bid.LoadId, ct);
        var otherSide = endingSide == BidSide.Shipper ? bid.CarrierId : bid.ShipperId;
        var recipient = await db.Parties.SingleAsync(p => p.Id == otherSide, ct);
        db.Outbox.Add(LoadNotice.To(recipient, load, notice, $"{dedupePrefix}:{bid.Id}", gazetteer, clock));
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
