using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Places;

namespace PakLoad.Core.Bids;

/// <summary>
/// A new amount from whoever's turn it is: the shipper answers an open bid, the carrier answers the shipper's
/// counter. The side is the actor's, never a field the caller could get wrong. The other side is told.
/// </summary>
public sealed record CounterBidCommand(PartyId ActorId, BidId BidId, Money Amount);

public sealed class CounterBidHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer, MarketplaceOptions options)
{
    public async Task<Result<BidView>> HandleAsync(CounterBidCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var bid = await db.Bids.SingleOrDefaultAsync(b => b.Id == command.BidId, ct);
        if (bid?.SideOf(command.ActorId) is not { } side)
        {
            return Error.Of("errors.not_found");
        }

        var load = await db.Loads.SingleAsync(l => l.Id == bid.LoadId, ct);
        if (load.WhyNotOpen(clock.GetUtcNow()) is { } closed)
        {
            return closed;
        }

        var countered = bid.Counter(side, command.Amount, options.BidLifetime, clock);
        if (!countered.IsSuccess)
        {
            return countered.Error;
        }

        var otherSide = side == BidSide.Shipper ? bid.CarrierId : bid.ShipperId;
        var recipient = await db.Parties.SingleAsync(p => p.Id == otherSide, ct);
        db.Outbox.Add(LoadNotice.To(
            recipient, load, "notifications.bid.countered", $"bid-countered:{bid.Id}:{bid.Rounds.Count}", gazetteer, clock, bid.Amount));
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
