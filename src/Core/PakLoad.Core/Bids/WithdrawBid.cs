using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Places;

namespace PakLoad.Core.Bids;

/// <summary>The carrier takes back a live bid; the shipper is told.</summary>
public sealed record WithdrawBidCommand(PartyId ActorId, BidId BidId);

public sealed class WithdrawBidHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer)
{
    public async Task<Result<BidView>> HandleAsync(WithdrawBidCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var bid = await db.Bids.SingleOrDefaultAsync(b => b.Id == command.BidId, ct);
        switch (bid?.SideOf(command.ActorId))
        {
            case null:
                return Error.Of("errors.not_found");
            case BidSide.Shipper:
                return Error.Of("errors.forbidden"); // the shipper rejects; only the carrier withdraws
            case BidSide.Carrier:
                break;
        }

        var withdrawn = bid.Withdraw(clock);
        if (!withdrawn.IsSuccess)
        {
            return withdrawn.Error;
        }

        var load = await db.Loads.SingleAsync(l => l.Id == bid.LoadId, ct);
        var shipper = await db.Parties.SingleAsync(p => p.Id == bid.ShipperId, ct);
        db.Outbox.Add(LoadNotice.To(shipper, load, "notifications.bid.withdrawn", $"bid-withdrawn:{bid.Id}", gazetteer, clock));
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
