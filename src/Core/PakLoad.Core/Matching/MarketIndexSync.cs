using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Capacity;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Trips;

namespace PakLoad.Core.Matching;

/// <summary>Reads the open market from the database into the index: at start, and whenever a rebuild is wanted.</summary>
public sealed record RebuildMarketIndexCommand;

public sealed class RebuildMarketIndexHandler(IPakLoadDb db, MarketIndex index, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(RebuildMarketIndexCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);

        // Anything changed from here on is read again by the next catch-up, so nothing committed during the read is lost.
        var started = clock.GetUtcNow() - index.Options.CatchUpOverlap;
        var now = clock.GetUtcNow();
        var loads = await db.Loads.AsNoTracking().Where(l => l.Status == LoadStatus.Open && l.ExpiresAt > now).ToListAsync(ct);
        var trucks = await db.CapacityPosts.AsNoTracking().Where(c => c.Status == CapacityStatus.Open && c.ExpiresAt > now).ToListAsync(ct);
        var stats = await CarrierStatsReader.ReadAsync(db, ct);
        index.Reset(loads.Select(LoadSnapshot.Of), trucks.Select(TruckSnapshot.Of), stats, started);
        return loads.Count + trucks.Count;
    }
}

/// <summary>
/// Reads what changed since the last read (by updated_at, looking back <see cref="MatchingOptions.CatchUpOverlap"/>)
/// and applies it: how an instance hears about changes another instance committed. Run every
/// <see cref="MatchingOptions.CatchUpInterval"/>; rows read twice are ignored by version.
/// </summary>
/// <param name="Sweep">Look back the whole <see cref="MatchingOptions.CatchUpOverlap"/>; otherwise <see cref="MatchingOptions.CatchUpRecent"/>.</param>
/// <param name="Since">
/// Read changes stamped from here on. A caller that knows when its previous read of the same kind started passes
/// that time minus the look-back: every row committed since then was stamped after it (a commit follows its stamp
/// by less than the look-back), and the window no longer depends on the data's own timestamps (a bulk import stamped
/// in one second was otherwise read again on every tick). Without it: the newest change seen, minus the look-back.
/// </param>
public sealed record CatchUpMarketIndexCommand(bool Sweep = true, DateTimeOffset? Since = null);

public sealed class CatchUpMarketIndexHandler(IPakLoadDb db, MarketIndex index)
{
    public async Task<Result<int>> HandleAsync(CatchUpMarketIndexCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!index.IsReady)
        {
            return 0;
        }

        var overlap = command.Sweep ? index.Options.CatchUpOverlap : index.Options.CatchUpRecent;
        var loadsFrom = command.Since ?? index.LoadsSeenUntil - overlap;
        var trucksFrom = command.Since ?? index.TrucksSeenUntil - overlap;
        var loads = await db.Loads.AsNoTracking().Where(l => l.UpdatedAt >= loadsFrom).ToListAsync(ct);
        var trucks = await db.CapacityPosts.AsNoTracking().Where(c => c.UpdatedAt >= trucksFrom).ToListAsync(ct);
        var changes = new MarketChanges();
        changes.Loads.AddRange(loads.Select(LoadSnapshot.Of));
        changes.Trucks.AddRange(trucks.Select(TruckSnapshot.Of));
        index.Apply(
            changes,
            loads.Count > 0 ? loads.Max(l => l.UpdatedAt) : null,
            trucks.Count > 0 ? trucks.Max(t => t.UpdatedAt) : null);
        return loads.Count + trucks.Count;
    }
}

/// <summary>Re-reads every carrier's ratings, trip outcomes and last activity (slow-moving parts of the score).</summary>
public sealed record RefreshCarrierStatsCommand;

public sealed class RefreshCarrierStatsHandler(IPakLoadDb db, MarketIndex index)
{
    public async Task<Result<int>> HandleAsync(RefreshCarrierStatsCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var stats = await CarrierStatsReader.ReadAsync(db, ct);
        index.ApplyStats(stats);
        return stats.Count;
    }
}

internal static class CarrierStatsReader
{
    public static async Task<List<CarrierStats>> ReadAsync(IPakLoadDb db, CancellationToken ct)
    {
        var ratings = await db.Ratings.AsNoTracking()
            .GroupBy(r => r.ToPartyId)
            .Select(g => new { Party = g.Key, Sum = g.Sum(r => r.Stars), Count = g.Count() })
            .ToListAsync(ct);
        TripStatus[] ended = [TripStatus.Completed, TripStatus.Cancelled];
        var trips = await db.Trips.AsNoTracking()
            .Where(t => ended.Contains(t.Status))
            .GroupBy(t => new { t.CarrierId, t.Status })
            .Select(g => new { Party = g.Key.CarrierId, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        var bids = await db.Bids.AsNoTracking()
            .GroupBy(b => b.CarrierId)
            .Select(g => new { Party = g.Key, Last = g.Max(b => b.CreatedAt) })
            .ToListAsync(ct);
        var posts = await db.CapacityPosts.AsNoTracking()
            .GroupBy(c => c.CarrierId)
            .Select(g => new { Party = g.Key, Last = g.Max(c => c.CreatedAt) })
            .ToListAsync(ct);

        var all = new Dictionary<PartyId, CarrierStats>();
        CarrierStats Get(PartyId p) => all.TryGetValue(p, out var s) ? s : new CarrierStats(p, 0, 0, 0, 0, null);
        foreach (var r in ratings)
        {
            all[r.Party] = Get(r.Party) with { RatingSum = r.Sum, RatingCount = r.Count };
        }

        foreach (var t in trips)
        {
            all[t.Party] = t.Status == TripStatus.Completed ? Get(t.Party) with { Completed = t.Count } : Get(t.Party) with { Cancelled = t.Count };
        }

        foreach (var a in bids.Select(b => (b.Party, b.Last)).Concat(posts.Select(p => (p.Party, p.Last))))
        {
            var s = Get(a.Party);
            all[a.Party] = s with { LastActiveAt = s.LastActiveAt is { } l && l > a.Last ? l : a.Last };
        }

        return [.. all.Values];
    }
}
