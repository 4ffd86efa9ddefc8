using PakLoad.Core.Common;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Matching;

/// <summary>
/// Ranking with no index: every truck scored, everything sorted. The reference the index's pruned ranking is
/// tested against, and the baseline the matching benchmark measures beside it. Same rules, same score.
/// </summary>
public static class BruteForceMatcher
{
    public static IReadOnlyList<(CapacityPostId Truck, double Score)> RankTrucks(
        IEnumerable<TruckSnapshot> trucks,
        IReadOnlyDictionary<PartyId, CarrierStats> carriers,
        LoadSnapshot load,
        int top,
        DateTimeOffset now,
        MatchingOptions options,
        VehicleCatalogue vehicles,
        Gazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(trucks);
        ArgumentNullException.ThrowIfNull(carriers);
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(vehicles);
        ArgumentNullException.ThrowIfNull(gazetteer);
        var pickupStart = PakistanTime.EndOf(load.PickupFrom.AddDays(-1));
        var open = trucks.Where(t => t.IsOpen).ToList();

        // A carrier is as recently active as its newest post.
        var lastPost = open.GroupBy(t => t.CarrierId).ToDictionary(g => g.Key, g => g.Max(t => t.CreatedAt.UtcTicks));
        var payloads = vehicles.Classes.ToDictionary(c => c.Id, c => c.MaxPayloadKg);
        var scored = new List<(TruckSnapshot Truck, double Score, double Km)>();
        foreach (var t in open)
        {
            var payload = payloads.GetValueOrDefault(t.VehicleClass);
            if (t.ExpiresAt <= now || t.ExpiresAt <= pickupStart || t.AvailableFrom > load.PickupTo
                || payload < load.WeightKg || t.CarrierId == load.ShipperId
                || (load.Body is { } need && t.Body is { } has && need != has))
            {
                continue;
            }

            var km = Flat(load.Origin, t.EmptyAt);
            if (km > options.MaxMatchDistanceKm)
            {
                continue;
            }

            var onTheWay = t.WantedDestination is { } w && w == load.DestinationCity;
            double progress = -1;
            if (t.WantedDestination is { } wanted && !onTheWay && gazetteer.Contains(wanted))
            {
                var home = gazetteer.Get(wanted).Location;
                var emptyToWanted = Flat(t.EmptyAt, home);
                var destToWanted = Flat(load.Destination, home);
                progress = emptyToWanted < 25 ? (destToWanted < 50 ? 1 : 0) : Math.Clamp((emptyToWanted - destToWanted) / emptyToWanted, 0, 1);
            }

            var stats = carriers.GetValueOrDefault(t.CarrierId);
            var facts = new MatchFacts
            {
                DistanceKm = km,
                OnTheWay = onTheWay,
                Progress = progress,
                SameClass = t.VehicleClass == load.VehicleClass,
                BodyUnknown = load.Body is not null && t.Body is null,
                WeightKg = load.WeightKg,
                TruckMaxPayloadKg = payload,
                AvailableDay = t.AvailableFrom.DayNumber,
                PickupFromDay = load.PickupFrom.DayNumber,
                PickupToDay = load.PickupTo.DayNumber,
                RatingSum = stats?.RatingSum ?? 0,
                RatingCount = stats?.RatingCount ?? 0,
                Completed = stats?.Completed ?? 0,
                Cancelled = stats?.Cancelled ?? 0,
                LastActiveTicks = Math.Max(stats?.LastActiveAt?.UtcTicks ?? 0, lastPost[t.CarrierId]),
                NowTicks = now.UtcTicks,
            };
            scored.Add((t, MatchScorer.Total(facts), km));
        }

        return scored
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Km)
            .ThenBy(x => x.Truck.Id.Value)
            .DistinctBy(x => x.Truck.CarrierId)
            .Take(top)
            .Select(x => (x.Truck.Id, x.Score))
            .ToList();
    }

    // The distance the ranking uses (see Geo.FlatKm), from the points as given.
    private static double Flat(GeoPoint a, GeoPoint b) =>
        Geo.FlatKm(a.Latitude, a.Longitude, Geo.Cos(a.Latitude), b.Latitude, b.Longitude, Geo.Cos(b.Latitude));
}
