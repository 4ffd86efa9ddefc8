using PakLoad.Core.Matching;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Tests.Matching;

/// <summary>The index's pruned, nearest-cells-first ranking returns exactly what scoring every truck returns.</summary>
public sealed class RankingEquivalenceTests
{
    private static readonly string[] Cities = ["karachi", "karachi", "karachi", "lahore", "lahore", "faisalabad", "multan", "rawalpindi", "hyderabad", "peshawar", "quetta", "sukkur"];

    [Fact]
    public void RankTrucks_TenThousandRandomTrucks_EqualsBruteForce()
    {
        var random = new Random(6);
        var options = new MatchingOptions();
        var classes = VehicleCatalogue.Default.Classes;
        var bodies = VehicleCatalogue.Default.Bodies;
        var carriers = Enumerable.Range(0, 2_000).Select(_ => MarketWorld.NewParty()).ToArray();
        var trucks = Enumerable.Range(0, 10_000).Select(_ => MarketWorld.Truck(
            Cities[random.Next(Cities.Length)],
            classes[random.Next(classes.Count)].Id.Value,
            random.NextDouble() < 0.6 ? Cities[random.Next(Cities.Length)] : null,
            random.NextDouble() < 0.4 ? bodies[random.Next(bodies.Count)].Id.Value : null,
            random.Next(0, 4),
            (random.NextDouble() - 0.5) * 60,
            (random.NextDouble() - 0.5) * 60,
            carriers[random.Next(carriers.Length)])).ToList();
        var stats = carriers.Where(_ => random.NextDouble() < 0.3)
            .Select(c => (Carrier: c, Count: random.Next(1, 11)))
            .Select(c => new CarrierStats(c.Carrier, random.Next(c.Count, (5 * c.Count) + 1), c.Count, random.Next(0, 20), random.Next(0, 4), MarketWorld.Now.AddDays(-random.Next(0, 40))))
            .ToDictionary(s => s.CarrierId);
        using var world = new MarketWorld(options);
        world.Add([.. trucks]);
        world.Index.ApplyStats(stats.Values);

        var nonEmpty = 0;
        for (var i = 0; i < 200; i++)
        {
            var vehicle = classes[random.Next(classes.Count)];
            var load = MarketWorld.Load(
                Cities[random.Next(Cities.Length)],
                Cities[random.Next(Cities.Length)],
                vehicle.Id.Value,
                random.Next(100, vehicle.MaxPayloadKg + 1),
                random.NextDouble() < 0.3 ? bodies[random.Next(bodies.Count)].Id.Value : null,
                random.Next(0, 3),
                random.Next(0, 3));
            var top = random.Next(1, 30);
            var now = MarketWorld.Now.AddHours(random.Next(0, 72));

            var fromIndex = world.Index.RankTrucks(load, top, now);
            var brute = BruteForceMatcher.RankTrucks(trucks, stats, load, top, now, options, VehicleCatalogue.Default, Gazetteer.Default);

            Assert.Equal(brute.Select(b => b.Truck), fromIndex.Select(m => m.Truck.Id));
            Assert.Equal(brute.Select(b => Math.Round(b.Score, 1)), fromIndex.Select(m => m.Score.Total));
            nonEmpty += fromIndex.Count > 0 ? 1 : 0;
        }

        Assert.True(nonEmpty > 130, $"{nonEmpty} of 200 rankings found anything");
    }
}
