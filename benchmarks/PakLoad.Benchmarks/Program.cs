using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/PakLoad.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/PakLoad.Benchmarks -- engine-turns   (per-turn percentiles)
// dotnet run -c Release --project benchmarks/PakLoad.Benchmarks -- ledger [seconds] [workers]   (needs PAKLOAD_TEST_POSTGRES)
if (args is ["engine-turns", ..])
{
    await PakLoad.Benchmarks.EngineTurnMeasurement.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000);
    return;
}

// dotnet run -c Release --project benchmarks/PakLoad.Benchmarks -- matching-latency   (per-call percentiles, index memory)
if (args is ["matching-latency", ..])
{
    PakLoad.Benchmarks.MatchingLatency.Run();
    return;
}

if (args is ["language-parts", ..])
{
    PakLoad.Benchmarks.LanguageBenchmarks.PrintParts();
    return;
}

if (args is ["ledger", ..])
{
    await PakLoad.Benchmarks.LedgerLoad.RunAsync(args[1..]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point type for BenchmarkSwitcher.</summary>
internal sealed partial class Program;
