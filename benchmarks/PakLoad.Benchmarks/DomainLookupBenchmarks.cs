using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;

namespace PakLoad.Benchmarks;

/// <summary>
/// The lookups every inbound message will make (city names, phone numbers), against a baseline measured in
/// the same run: an exact-key frozen dictionary lookup, the least a name lookup can cost.
/// </summary>
[MemoryDiagnoser]
public class DomainLookupBenchmarks
{
    private readonly FrozenDictionary<string, Place> _exact =
        Gazetteer.Default.All.ToFrozenDictionary(p => p.NameEn, StringComparer.Ordinal);

    [Params("Gujranwala", "  gujrawala ", "گوجرانوالا", "GRW")]
    public string Input { get; set; } = "Gujranwala";

    [Benchmark(Baseline = true, Description = "exact dictionary lookup (baseline)")]
    public Place? ExactLookup() => _exact.GetValueOrDefault("Gujranwala");

    [Benchmark(Description = "Gazetteer.Find (folded)")]
    public bool GazetteerFind() => Gazetteer.Default.Find(Input).IsSuccess;

    [Benchmark(Description = "PhoneNumber.Parse (libphonenumber)")]
    public bool PhoneParse() => PhoneNumber.Parse("+92-300-1234567").IsSuccess;
}
