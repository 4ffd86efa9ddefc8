using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;

namespace PakLoad.Core.Bids;

/// <summary>A carrier offers a price for a load that takes bids; the shipper is told.</summary>
public sealed record PlaceBidCommand(PartyId ActorId, LoadId LoadId, Money Amount);

public sealed class PlaceBidHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer, MarketplaceOptions options)
{
    public async Task<Result<BidView>> HandleAsync(PlaceBidCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        // The load, its shipper (to tell) and the bidder (to check) in one round trip of primary-key lookups: the
        // board's hottest write. A party who may not see the load learns nothing, not even which role it would need.
        var found = await (
                from l in db.Loads.AsNoTracking()
                where l.Id == command.LoadId
                join s in db.Parties.AsNoTracking() on l.ShipperId equals s.Id
                from a in db.Parties.AsNoTracking().Where(a => a.Id == command.ActorId).DefaultIfEmpty()
                select new { Load = l, Shipper = s, Actor = a })
            .FirstOrDefaultAsync(ct);
        if (found is null || !found.Load.IsOnBoardFor(command.ActorId))
        {
            return Error.Of("errors.not_found");
        }

        var (load, shipper, actor) = (found.Load, found.Shipper, found.Actor);
        if (actor is null || !actor.Has(PartyRole.Carrier))
        {
            return Error.Of("errors.forbidden");
        }

        var placed = Bid.Place(load, actor.Id, command.Amount, options.BidLifetime, clock);
        if (!placed.IsSuccess)
        {
            return placed.Error;
        }

        var bid = placed.Value;
        db.Bids.Add(bid);
        db.Outbox.Add(LoadNotice.To(shipper, load, "notifications.bid.received", $"bid-received:{bid.Id}:{bid.Rounds.Count}", gazetteer, clock, bid.Amount));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (db.IsConflict(ex))
        {
            // ux_bids_one_live_per_carrier: this carrier already has an open or countered bid on the load.
            db.DiscardChanges();
            return Error.Of("errors.bid.duplicate");
        }

        return BidView.Of(bid);
    }
}
