using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Bids;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.Core.Data.ReferenceData;
using PakLoad.Core.Loads;
using PakLoad.Core.Matching;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Benchmarks;

/// <summary>
/// Per-turn latency percentiles, which BenchmarkDotNet's per-iteration means do not give. Everything runs in
/// this process on an in-memory SQLite database with the real migrations, and the in-process session store.
/// Measured interleaved in one run, so both sides see the same machine:
///   use case   PostLoadHandler alone (the Core use case a confirming turn calls), with its own DbContext;
///   engine     a full turn "haan" at the post-load confirmation: load + deserialise the session, find the
///              party, build the Stateless machine, read, fire, PostLoad, serialise + save the session;
///   slot turn  a full turn that calls no write use case ("20 ton" at the weight question).
/// </summary>
public static class EngineTurnMeasurement
{
    public static async Task RunAsync(int samples)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        var postgres = await PostgresDatabaseAsync();
        Console.WriteLine(postgres is null ? "database: SQLite in memory (the embedded default)" : "database: PostgreSQL (PAKLOAD_TEST_POSTGRES)");
        PakLoadDbContext Db() => postgres is not null
            ? ProviderSetup.CreatePostgres(postgres)
            : new SqlitePakLoadDbContext((DbContextOptions<SqlitePakLoadDbContext>)new DbContextOptionsBuilder<SqlitePakLoadDbContext>().Sqlite("Data Source=:memory:").UseSqlite(connection).Options);
        await using (var db = Db())
        {
            await db.Database.MigrateAsync();
            await ReferenceDataSeeder.SeedAsync(db, Gazetteer.Default, VehicleCatalogue.Default);
        }

        var clock = TimeProvider.System;
        var phone = PhoneNumber.FromE164("+923001234567");
        Party shipper;
        await using (var db = Db())
        {
            shipper = (await new RegisterPartyHandler(db, clock, VehicleCatalogue.Default)
                .HandleAsync(new RegisterPartyCommand(phone, "Ali Traders", PartyRole.Shipper, PakLoad.Core.Common.Language.UrLatn, Channel.WhatsApp), default)).ValueOrThrow();
        }

        var store = new InMemorySessionStore();
        var options = new ConversationOptions();
        var locks = new TurnLocks();
        var id = 0;
        // As the host wires it: lane prices (shown beside every price question) shared by all turns.
        var matching = new MatchingOptions();
        var services = new MarketServices(Matching: matching, LanePrices: new LanePrices(clock, matching));

        async Task<TurnResult> Turn(string text)
        {
            await using var db = Db();
            var engine = new ConversationEngine(store, new Market(db, clock, Gazetteer.Default, VehicleCatalogue.Default, new MarketplaceOptions(), services), clock, options, locks: locks);
            return await engine.HandleAsync(InboundMessage.TextFrom(Channel.WhatsApp, phone, $"m{++id}", text));
        }

        var tomorrow = PakistanTime.Today(clock).AddDays(1);
        var input = new LoadInput(
            PlaceInput.Named("karachi"), PlaceInput.Named("lahore"), tomorrow, tomorrow, "General goods", 20m, WeightUnit.Ton,
            "22-wheeler", null, RateMode.Bids, null, shipper.Name, phone.E164, null, LoadVisibility.Public);

        async Task UseCase()
        {
            await using var db = Db();
            (await new PostLoadHandler(db, clock, Gazetteer.Default, VehicleCatalogue.Default).HandleAsync(new PostLoadCommand(shipper.Id, input), default)).ValueOrThrow();
        }

        var useCase = new List<double>(samples);
        var engineTurn = new List<double>(samples);
        var slotTurn = new List<double>(samples);
        var warmup = Math.Min(2_000, samples / 5);
        for (var i = 0; i < samples + warmup; i++)
        {
            var measured = i >= warmup;

            var watch = Stopwatch.StartNew();
            await UseCase();
            Record(useCase, watch, measured);

            await Turn("Karachi se Lahore kal 22 wheeler");            // not measured: to the weight question
            watch.Restart();
            var slot = await Turn("20 ton");                          // measured: a slot turn, no write use case
            Record(slotTurn, watch, measured);
            Check(slot, "PostConfirm");

            watch.Restart();
            var posted = await Turn("haan");                          // measured: the turn that posts the load
            Record(engineTurn, watch, measured);
            Check(posted, "Idle");
        }

        Console.WriteLine($"samples per row: {samples} (after {warmup} warm-up rounds), {Environment.ProcessorCount} cores, {RuntimeInformationText()}");
        Print("use case: PostLoadHandler alone", useCase);
        Print("engine turn: confirm -> PostLoad", engineTurn);
        Print("engine turn: slot answer (no write)", slotTurn);
        var overhead = (Percentile(engineTurn, 0.5) - Percentile(useCase, 0.5)) / Percentile(useCase, 0.5);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine overhead over the use case at p50: {overhead:P1}; mean: {(engineTurn.Average() - useCase.Average()) / useCase.Average():P1}"));
    }

    /// <summary>A fresh database on the server named by PAKLOAD_TEST_POSTGRES (as scripts/test exports it), or null.</summary>
    private static async Task<string?> PostgresDatabaseAsync()
    {
        var admin = Environment.GetEnvironmentVariable("PAKLOAD_TEST_POSTGRES");
        if (string.IsNullOrEmpty(admin))
        {
            return null;
        }

        var name = $"pakload_bench_{Guid.NewGuid():N}";
        await using (var connection = new Npgsql.NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    private static void Record(List<double> samples, Stopwatch watch, bool measured)
    {
        if (measured)
        {
            samples.Add(watch.Elapsed.TotalMicroseconds);
        }
    }

    private static void Check(TurnResult turn, string step)
    {
        if (turn.StepAfter != step)
        {
            throw new InvalidOperationException($"Expected step {step}, got {turn.StepAfter}: {string.Join(", ", turn.PromptKeys)}");
        }
    }

    private static double Percentile(List<double> samples, double p)
    {
        var sorted = samples.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static void Print(string name, List<double> samples) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-40} mean {samples.Average(),8:F1} us  p50 {Percentile(samples, 0.5),8:F1}  p95 {Percentile(samples, 0.95),8:F1}  p99 {Percentile(samples, 0.99),8:F1}"));

    private static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
}
