using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/PakLoad.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/PakLoad.Benchmarks -- engine-turns   (per-turn percentiles)
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

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point type for BenchmarkSwitcher.</summary>
internal sealed partial class Program;
