using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Matching;

/// <summary>
/// "Lahore se Karachi, 22 wheeler, kitna?": what the platform's own bookings on this lane (origin city, destination
/// city, vehicle class) agreed over the last <see cref="MatchingOptions.LaneDays"/> days. Offered when a shipper
/// posts and when a carrier bids.
/// </summary>
public sealed record PriceGuidanceQuery(string? Origin, string? Destination, string? VehicleClass);

/// <summary>
/// <see cref="HasData"/> false (and the amounts null) below <see cref="MatchingOptions.LaneMinSamples"/> bookings:
/// "no data yet", key <see cref="MessageKey"/>. <see cref="Low"/> and <see cref="High"/> are the 25th and 75th
/// percentiles (half of the deals fell between them); <see cref="Min"/> and <see cref="Max"/> the extremes.
/// </summary>
public sealed record LaneGuidance(
    PlaceId Origin,
    PlaceId Destination,
    VehicleClassId VehicleClass,
    int Days,
    int Samples,
    bool HasData,
    Money? Median,
    Money? Low,
    Money? High,
    Money? Min,
    Money? Max,
    string MessageKey);

/// <remarks>With <paramref name="lanePrices"/> (the host registers one per process) a lane is read at most once per
/// <see cref="MatchingOptions.LaneCacheFor"/>; without it, every call reads the bookings.</remarks>
public sealed class PriceGuidanceHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer, VehicleCatalogue vehicles, MatchingOptions options, LanePrices? lanePrices = null)
{
    public async Task<Result<LaneGuidance>> HandleAsync(PriceGuidanceQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var origin = gazetteer.Find(query.Origin);
        if (!origin.IsSuccess)
        {
            return origin.Error;
        }

        var destination = gazetteer.Find(query.Destination);
        if (!destination.IsSuccess)
        {
            return destination.Error;
        }

        var vehicle = vehicles.FindClass(query.VehicleClass);
        if (!vehicle.IsSuccess)
        {
            return vehicle.Error;
        }

        var (from, to, cls) = (origin.Value.Id, destination.Value.Id, vehicle.Value.Id);
        return lanePrices is null
            ? await ComputeAsync(from, to, cls, ct)
            : await lanePrices.GetOrComputeAsync(from, to, cls, c => ComputeAsync(from, to, cls, c), ct);
    }

    private async Task<LaneGuidance> ComputeAsync(PlaceId from, PlaceId to, VehicleClassId cls, CancellationToken ct)
    {
        var since = clock.GetUtcNow().AddDays(-options.LaneDays);
        var prices = await db.Bookings.AsNoTracking()
            .Where(b => b.CreatedAt >= since)
            .Join(db.Loads.AsNoTracking(), b => b.LoadId, l => l.Id, (b, l) => new { b.AgreedPrice, l.OriginCity, l.DestinationCity, l.VehicleClass })
            .Where(x => x.OriginCity == from && x.DestinationCity == to && x.VehicleClass == cls)
            .Select(x => x.AgreedPrice)
            .ToListAsync(ct);
        return Lane.Of(from, to, cls, options.LaneDays, prices.Select(p => p.Paisa).ToList(), options.LaneMinSamples);
    }
}

/// <summary>The arithmetic of a lane, on whole paisa (percentiles by linear interpolation, rounded to the rupee).</summary>
public static class Lane
{
    public static LaneGuidance Of(PlaceId origin, PlaceId destination, VehicleClassId vehicle, int days, IReadOnlyList<long> paisa, int minSamples)
    {
        ArgumentNullException.ThrowIfNull(paisa);
        if (paisa.Count < Math.Max(1, minSamples))
        {
            return new LaneGuidance(origin, destination, vehicle, days, paisa.Count, false, null, null, null, null, null, "pricing.no_data");
        }

        var sorted = paisa.Order().ToArray();
        return new LaneGuidance(
            origin, destination, vehicle, days, sorted.Length, true,
            Percentile(sorted, 0.5), Percentile(sorted, 0.25), Percentile(sorted, 0.75),
            new Money(sorted[0]), new Money(sorted[^1]), "pricing.guidance");
    }

    private static Money Percentile(long[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Length - 1);
        var value = sorted[below] + ((rank - below) * (sorted[above] - sorted[below]));
        return Money.FromRupees((long)Math.Round(value / Money.PaisaPerRupee, MidpointRounding.AwayFromZero));
    }
}
