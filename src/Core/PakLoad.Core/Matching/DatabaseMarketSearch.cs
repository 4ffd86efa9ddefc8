using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Capacity;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;

namespace PakLoad.Core.Matching;

/// <summary>
/// The same searches as the <see cref="MarketIndex"/>, answered by scanning the database: used before the index
/// has been built, and as the reference the index is tested against (written separately, on purpose).
/// </summary>
public static class DatabaseMarketSearch
{
    public static async Task<Paged<LoadHit>> SearchLoadsAsync(IPakLoadDb db, LoadSearch s, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(s);
        var (page, size) = Paging.Normalize(s.Page, s.PageSize);
        var open = await db.Loads.AsNoTracking().Where(l => l.Status == LoadStatus.Open && l.ExpiresAt > now).ToListAsync(ct);
        var byRadius = s.DestinationRadiusKm is not null && s.DestinationPoint is not null;
        var hits = open
            .Where(l => l.Visibility == LoadVisibility.Public || (s.Viewer is { } v && l.ShipperId == v))
            .Where(l => s.VehicleClass is not { } c || l.VehicleClass == c)
            .Where(l => s.Body is not { } b || l.Body is null || l.Body == b)
            .Where(l => byRadius || s.DestinationCity is not { } d || l.DestinationCity == d)
            .Where(l => !byRadius || s.DestinationPoint!.Value.DistanceKmTo(l.Destination.Point) <= s.DestinationRadiusKm)
            .Where(l => (s.PickupTo is not { } to || l.PickupFrom <= to) && (s.PickupFrom is not { } from || l.PickupTo >= from))
            .Where(l => (s.MinWeightKg is not { } min || l.WeightKg >= min) && (s.MaxWeightKg is not { } max || l.WeightKg <= max))
            .Where(l => s.MinPrice is not { } p || (l.TargetPrice is { } price && price >= p))
            .Select(l => (Load: l, Km: s.Near.DistanceKmTo(l.Origin.Point)))
            .Where(x => x.Km <= s.RadiusKm)
            .ToList();
        IOrderedEnumerable<(Load Load, double Km)> ordered = s.Sort switch
        {
            LoadSort.Distance => hits.OrderBy(x => x.Km),
            LoadSort.PickupDate => hits.OrderBy(x => x.Load.PickupFrom).ThenBy(x => x.Km),
            LoadSort.Price => hits.OrderBy(x => x.Load.TargetPrice is null ? 1 : 0).ThenByDescending(x => x.Load.TargetPrice?.Paisa).ThenBy(x => x.Km),
        };
        var items = ordered.ThenBy(x => x.Load.Id.Value)
            .Skip((page - 1) * size)
            .Take(size)
            .Select(x => new LoadHit(LoadSummary.Of(x.Load), x.Km))
            .ToList();
        return new Paged<LoadHit>(items, page, size, hits.Count);
    }

    public static async Task<Paged<TruckHit>> TrucksNearAsync(IPakLoadDb db, TruckSearch s, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(s);
        var (page, size) = Paging.Normalize(s.Page, s.PageSize);
        var open = await db.CapacityPosts.AsNoTracking().Where(c => c.Status == CapacityStatus.Open && c.ExpiresAt > now).ToListAsync(ct);
        var freeEnd = s.FreeOn is { } day ? PakistanTime.EndOf(day) : (DateTimeOffset?)null;
        var hits = open
            .Where(c => s.VehicleClass is not { } v || c.VehicleClass == v)
            .Where(c => s.Body is not { } b || c.Body == b)
            .Where(c => s.FreeOn is not { } d || (c.AvailableFrom <= d && c.ExpiresAt >= freeEnd))
            .Select(c => (Post: c, Km: s.Near.DistanceKmTo(c.EmptyAt.Point)))
            .Where(x => x.Km <= s.RadiusKm)
            .OrderBy(x => x.Km)
            .ThenBy(x => x.Post.Id.Value)
            .ToList();
        return new Paged<TruckHit>(
            hits.Skip((page - 1) * size).Take(size).Select(x => new TruckHit(EmptyTruckView.Of(x.Post), x.Km)).ToList(), page, size, hits.Count);
    }
}
