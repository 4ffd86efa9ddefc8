using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.Core.Escrow;

namespace PakLoad.Benchmarks;

/// <summary>
/// Ledger transfers per second on PostgreSQL, with latency percentiles, beside a plain single-row INSERT measured
/// in the same run on the same server, pool and concurrency. Each worker moves Rs 1 between its own two accounts
/// (so the number is the ledger's cost, not one hot row's queue) through <see cref="TransferFundsHandler"/>: a
/// repeatable-read transaction whose one statement, the <c>ledger_post</c> function, checks the key, locks both
/// accounts in code order, checks the balance, inserts the transaction and two entries and updates both balances;
/// then the commit (two round trips: Npgsql sends BEGIN with the function's call).
/// </summary>
internal static class LedgerLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var workers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        var admin = Environment.GetEnvironmentVariable("PAKLOAD_TEST_POSTGRES")
                    ?? throw new InvalidOperationException("Set PAKLOAD_TEST_POSTGRES (scripts/test exports it).");
        var name = $"pakload_bench_{Guid.NewGuid():N}";
        await ExecAsync(admin, $"CREATE DATABASE \"{name}\"");
        // The host's connection settings (ProviderSetup.ForOltp: prepared statements, no reset on return) for both.
        var connection = ProviderSetup.ForOltp(new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = workers + 4, IncludeErrorDetail = false }.ConnectionString);
        try
        {
            await using (var db = ProviderSetup.CreatePostgres(connection))
            {
                await db.Database.MigrateAsync();
            }

            await ExecAsync(connection, "CREATE TABLE bench_plain (id uuid PRIMARY KEY, amount bigint NOT NULL, created_at timestamptz NOT NULL)");
            await FundAsync(connection, workers);

            // Warm up both paths (JIT, pool, plan cache), then measure each for the same time, plain insert first.
            await MeasureAsync("warm-up", WarmUpSeconds, workers, connection, Transfer);
            await MeasureAsync("warm-up", WarmUpSeconds, workers, connection, PlainInsert);
            var plain = await MeasureAsync("plain INSERT (baseline)", seconds, workers, connection, PlainInsert);
            var ledger = await MeasureAsync("ledger transfer", seconds, workers, connection, Transfer);
            Console.WriteLine();
            Console.WriteLine($"| Operation | Workers | Ops/s | p50 ms | p99 ms | max ms |");
            Console.WriteLine($"| --- | ---: | ---: | ---: | ---: | ---: |");
            Console.WriteLine(plain);
            Console.WriteLine(ledger);
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static readonly TimeProvider Clock = TimeProvider.System;

    /// <summary>Long enough for tiered compilation to reach its optimised code (LEDGER_WARMUP seconds, default 10).</summary>
    private static int WarmUpSeconds => int.TryParse(Environment.GetEnvironmentVariable("LEDGER_WARMUP"), out var s) ? s : 10;

    private static PooledDbContextFactory<PostgresPakLoadDbContext>? _contexts;

    /// <summary>Pooled contexts over options built once, as the host's DI does (AddDbContextPool).</summary>
    private static PostgresPakLoadDbContext Context(string connection)
    {
        _contexts ??= new PooledDbContextFactory<PostgresPakLoadDbContext>(
            (DbContextOptions<PostgresPakLoadDbContext>)new DbContextOptionsBuilder<PostgresPakLoadDbContext>().Postgres(connection).Options);
        return _contexts.CreateDbContext();
    }

    private static async Task Transfer(string connection, int worker, long n)
    {
        await using var db = Context(connection);
        var (from, to) = n % 2 == 0 ? (Wallet(worker, 0), Wallet(worker, 1)) : (Wallet(worker, 1), Wallet(worker, 0));
        var posting = Posting.Transfer($"bench:{worker}:{n}:{Guid.NewGuid():N}", LedgerTransactionKind.Transfer, null, from, to, Money.FromRupees(1));
        (await new TransferFundsHandler(db, Clock).HandleAsync(new TransferFundsCommand(posting), default)).ValueOrThrow();
    }

    private static async Task PlainInsert(string connection, int worker, long n)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("INSERT INTO bench_plain (id, amount, created_at) VALUES (@id, @amount, now())", db);
        command.Parameters.AddWithValue("id", Guid.CreateVersion7());
        command.Parameters.AddWithValue("amount", n);
        await command.ExecuteNonQueryAsync();
    }

    private static AccountSpec Wallet(int worker, int side) => AccountSpec.Named($"bench:{worker}:{side}");

    private static async Task FundAsync(string connection, int workers)
    {
        for (var w = 0; w < workers; w++)
        {
            await using var db = ProviderSetup.CreatePostgres(connection);
            foreach (var side in new[] { 0, 1 })
            {
                var posting = Posting.Transfer($"fund:{w}:{side}", LedgerTransactionKind.Transfer, null, AccountSpec.Clearing("bench"), Wallet(w, side), Money.FromRupees(1_000_000));
                (await new TransferFundsHandler(db, Clock).HandleAsync(new TransferFundsCommand(posting), default)).ValueOrThrow();
            }
        }
    }

    private static async Task<string> MeasureAsync(string label, int seconds, int workers, string connection, Func<string, int, long, Task> op)
    {
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var latencies = new List<double>[workers];
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(100_000);
            long n = 0;
            while (Stopwatch.GetTimestamp() < until)
            {
                var start = Stopwatch.GetTimestamp();
                await op(connection, w, n++);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        })).ToArray();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double P(double q) => all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {label} | {workers} | {all.Length / elapsed:F0} | {P(0.50):F2} | {P(0.99):F2} | {all[^1]:F2} |");
    }

    private static async Task ExecAsync(string connection, string sql)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }
}
