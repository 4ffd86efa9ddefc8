using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using PakLoad.Core.Common;
using PakLoad.Core.Matching;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Benchmarks;

/// <summary>
/// Ranking a new load against 100,000 empty trucks spread like Pakistan's (issue 6), beside the brute-force scan
/// of the same trucks (every truck scored, all sorted) in the same run. One operation ranks one load (top 20).
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes it in [GlobalCleanup]; benchmark classes may not be sealed.")]
public class MatchingBenchmarks
{
    private MarketIndex _index = null!;
    private List<TruckSnapshot> _trucks = null!;
    private LoadSnapshot[] _loads = null!;
    private readonly MatchingOptions _options = new();
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var data = new MarketData(6);
        _trucks = Enumerable.Range(0, 100_000).Select(_ => data.Truck()).ToList();
        _loads = Enumerable.Range(0, 512).Select(_ => data.Load()).ToArray();
        _index = new MarketIndex(Gazetteer.Default, VehicleCatalogue.Default, _options);
        _index.Reset([], _trucks, [], MarketData.Now);
    }

    [GlobalCleanup]
    public void Cleanup() => _index.Dispose();

    [Benchmark(Baseline = true, Description = "brute-force scan, 100k trucks (baseline)")]
    public int BruteForce() =>
        BruteForceMatcher.RankTrucks(_trucks, new Dictionary<PartyId, CarrierStats>(), Next(), 20, MarketData.Now, _options, VehicleCatalogue.Default, Gazetteer.Default).Count;

    [Benchmark(Description = "MarketIndex.RankTrucks, 100k trucks")]
    public int Index() => _index.RankTrucks(Next(), 20, MarketData.Now).Count;

    private LoadSnapshot Next() => _loads[_next++ & 511];
}

/// <summary>Radius search over 150,000 open loads (issue 6), beside a linear scan of the same loads in the same run.</summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes it in [GlobalCleanup]; benchmark classes may not be sealed.")]
public class SearchBenchmarks
{
    private MarketIndex _index = null!;
    private List<LoadSnapshot> _loads = null!;
    private LoadSearch[] _searches = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var data = new MarketData(7);
        _loads = Enumerable.Range(0, 150_000).Select(_ => data.Load()).ToList();
        _searches = Enumerable.Range(0, 512).Select(_ => data.Search()).ToArray();
        _index = new MarketIndex(Gazetteer.Default, VehicleCatalogue.Default, new MatchingOptions());
        _index.Reset(_loads, [], [], MarketData.Now);
    }

    [GlobalCleanup]
    public void Cleanup() => _index.Dispose();

    [Benchmark(Baseline = true, Description = "linear scan, 150k loads (baseline)")]
    public int LinearScan()
    {
        var s = _searches[_next++ & 511];
        return _loads.Where(l => l.Visibility == Core.Loads.LoadVisibility.Public && l.ExpiresAt > MarketData.Now)
            .Select(l => (l, Km: s.Near.DistanceKmTo(l.Origin)))
            .Where(x => x.Km <= s.RadiusKm)
            .OrderBy(x => x.Km)
            .Take(20)
            .Count();
    }

    [Benchmark(Description = "MarketIndex.SearchLoads, 150k loads")]
    public int Index() => _index.SearchLoads(_searches[_next++ & 511], MarketData.Now).Items.Count;
}
