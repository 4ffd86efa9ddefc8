using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Places;

namespace PakLoad.Core.Bids;

/// <summary>Closing the bids still in play on loads that stopped taking them, and telling each carrier once.</summary>
internal static class LiveBids
{
    /// <summary>
    /// Closes every live bid on <paramref name="loads"/> except <paramref name="keep"/> and queues
    /// <paramref name="templateKey"/> for each carrier under <paramref name="dedupeKey"/>. Nothing is saved here:
    /// the caller saves it with the change that closed the loads, so either both happen or neither.
    /// </summary>
    public static async Task<int> CloseAsync(
        IPakLoadDb db,
        Gazetteer gazetteer,
        TimeProvider clock,
        IReadOnlyCollection<Load> loads,
        BidId? keep,
        string templateKey,
        Func<Bid, string> dedupeKey,
        CancellationToken ct)
    {
        if (loads.Count == 0)
        {
            return 0;
        }

        var byId = loads.ToDictionary(l => l.Id);
        var loadIds = byId.Keys.ToList();
        var found = await db.Bids
            .Where(b => loadIds.Contains(b.LoadId) && (b.Status == BidStatus.Open || b.Status == BidStatus.Countered))
            .ToListAsync(ct);

        // Tracked bids come back as they are in memory: one accepted a moment ago is no longer live.
        var live = found.Where(b => b.IsLive && b.Id != keep).ToList();
        if (live.Count == 0)
        {
            return 0;
        }

        var carrierIds = live.Select(b => b.CarrierId).Distinct().ToList();
        var carriers = await db.Parties.Where(p => carrierIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        foreach (var bid in live)
        {
            bid.CloseBecauseLoadClosed(clock);
            db.Outbox.Add(LoadNotice.To(carriers[bid.CarrierId], byId[bid.LoadId], templateKey, dedupeKey(bid), gazetteer, clock));
        }

        return live.Count;
    }
}
