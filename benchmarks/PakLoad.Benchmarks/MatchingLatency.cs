using System.Diagnostics;
using System.Globalization;
using PakLoad.Core.Common;
using PakLoad.Core.Matching;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Benchmarks;

/// <summary>
/// Per-call latency percentiles (BenchmarkDotNet reports means of batches, not the tail a user feels) and the
/// index's memory: `dotnet run -c Release --project benchmarks/PakLoad.Benchmarks -- matching-latency`.
/// </summary>
internal static class MatchingLatency
{
    public static void Run()
    {
        var options = new MatchingOptions();
        Memory();

        var data = new MarketData(6);
        var trucks = Enumerable.Range(0, 100_000).Select(_ => data.Truck()).ToList();
        using var trucksIndex = new MarketIndex(Gazetteer.Default, VehicleCatalogue.Default, options);
        trucksIndex.Reset([], trucks, [], MarketData.Now);
        var loads = Enumerable.Range(0, 20_000).Select(_ => data.Load()).ToArray();
        var none = new Dictionary<PartyId, CarrierStats>();
        Warm(() => trucksIndex.RankTrucks(loads[0], 20, MarketData.Now));
        var index = Measure(loads.Length, i => trucksIndex.RankTrucks(loads[i], 20, MarketData.Now));
        var brute = Measure(200, i => BruteForceMatcher.RankTrucks(trucks, none, loads[i], 20, MarketData.Now, options, VehicleCatalogue.Default, Gazetteer.Default));
        Report("rank a load vs 100k trucks: index", index);
        Report("rank a load vs 100k trucks: brute force (baseline)", brute);
        Console.WriteLine($"  speed-up at p50 {brute[0] / index[0]:0.0}x, at p95 {brute[1] / index[1]:0.0}x");

        var open = Enumerable.Range(0, 150_000).Select(_ => data.Load()).ToList();
        using var loadsIndex = new MarketIndex(Gazetteer.Default, VehicleCatalogue.Default, options);
        loadsIndex.Reset(open, [], [], MarketData.Now);
        var searches = Enumerable.Range(0, 20_000).Select(_ => data.Search()).ToArray();
        Warm(() => loadsIndex.SearchLoads(searches[0], MarketData.Now));
        var search = Measure(searches.Length, i => loadsIndex.SearchLoads(searches[i], MarketData.Now));
        var scan = Measure(200, i =>
        {
            var s = searches[i];
            return open.Where(l => l.Visibility == Core.Loads.LoadVisibility.Public && l.ExpiresAt > MarketData.Now)
                .Select(l => (l, Km: s.Near.DistanceKmTo(l.Origin))).Where(x => x.Km <= s.RadiusKm).OrderBy(x => x.Km).Take(20).Count();
        });
        Report("radius search, 150k open loads: index", search);
        Report("radius search, 150k open loads: linear scan (baseline)", scan);
    }

    private static void Memory()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var data = new MarketData(5);
        var index = new MarketIndex(Gazetteer.Default, VehicleCatalogue.Default, new MatchingOptions());

        // Lazy sequences: the snapshots are garbage once applied, so what stays is the index.
        index.Reset(Enumerable.Range(0, 150_000).Select(_ => data.Load()), Enumerable.Range(0, 100_000).Select(_ => data.Truck()), [], MarketData.Now);
        GC.KeepAlive(data);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index memory, 150k open loads + 100k trucks: {(after - before) / 1024.0 / 1024.0:0.0} MiB (managed heap after full GC, generators included)"));
        GC.KeepAlive(index);
        index.Dispose();
    }

    private static void Warm(Func<object> call)
    {
        for (var i = 0; i < 200; i++)
        {
            call();
        }
    }

    /// <summary>
    /// p50, p95, p99 in milliseconds over <paramref name="count"/> different calls. With REPEATS=n (default 1) each
    /// call runs n times and its fastest run counts: on a shared machine that removes the other processes'
    /// preemptions (a query is not slower because another build ran), and keeps the spread between queries.
    /// </summary>
    private static double[] Measure<T>(int count, Func<int, T> call)
    {
        var repeats = int.TryParse(Environment.GetEnvironmentVariable("REPEATS"), out var r) && r > 0 ? r : 1;
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            times[i] = double.MaxValue;
            for (var k = 0; k < repeats; k++)
            {
                var start = Stopwatch.GetTimestamp();
                GC.KeepAlive(call(i));
                times[i] = Math.Min(times[i], Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        Array.Sort(times);
        return [times[count / 2], times[(int)(count * 0.95)], times[(int)(count * 0.99)]];
    }

    private static void Report(string what, double[] p) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: p50 {p[0]:0.000} ms, p95 {p[1]:0.000} ms, p99 {p[2]:0.000} ms"));
}
