using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
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
        var context = (DbContext)db;
        var found = await Compiled.GetValue(context.Model, _ => Compile())(context, command.LoadId, command.ActorId, ct);
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
            // The bid and its notice: one round trip, both or neither.
            await db.SaveInOneRoundTripAsync(ct);
        }
        catch (DbUpdateException ex) when (db.IsConflict(ex))
        {
            // ux_bids_one_live_per_carrier: this carrier already has an open or countered bid on the load.
            db.DiscardChanges();
            return Error.Of("errors.bid.duplicate");
        }

        return BidView.Of(bid);
    }

    private sealed record Found(Load Load, Party Shipper, Party? Actor);

    /// <summary>
    /// Compiled once per model (a compiled query is bound to the model it was compiled against: one per provider in a
    /// host, one per host in tests): the hottest write does not rebuild and look up its query's expression tree on
    /// every bid.
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, Func<DbContext, LoadId, PartyId, CancellationToken, Task<Found?>>> Compiled = new();

    private static Func<DbContext, LoadId, PartyId, CancellationToken, Task<Found?>> Compile() => EF.CompileAsyncQuery(
        (DbContext c, LoadId load, PartyId actor, CancellationToken ct) =>
            (from l in c.Set<Load>().AsNoTracking()
             where l.Id == load
             join s in c.Set<Party>().AsNoTracking() on l.ShipperId equals s.Id
             from a in c.Set<Party>().AsNoTracking().Where(a => a.Id == actor).DefaultIfEmpty()
             select new Found(l, s, a))
            .FirstOrDefault());
}
