using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Bids;
using PakLoad.Core.Bookings;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.Core.Data.ReferenceData;
using PakLoad.Core.Loads;
using PakLoad.Core.Localization;
using PakLoad.Core.Matching;
using PakLoad.Core.Payments;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;
using PakLoad.Core.Trips;
using PakLoad.Core.Vehicles;

namespace PakLoad.Conversations.Tests.Engine;

/// <summary>
/// A conversation against the real engine and the real Core use cases on an in-memory SQLite database with
/// the real migrations. Every turn gets a new DbContext, a new Market and a new engine, exactly like a host
/// request scope; the session lives only as the JSON the store keeps, so each turn reloads it.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private static readonly Lazy<SqliteConnection> Template = new(CreateTemplate);
    private readonly SqliteConnection _connection;
    private readonly MarketIndex _index = new(Gazetteer.Default, VehicleCatalogue.Default, new MatchingOptions());
    private int _messageNumber;

    public EngineHarness(DateTimeOffset? now = null)
    {
        Clock = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(5)));
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        lock (Template)
        {
            Template.Value.BackupDatabase(_connection);
        }
    }

    public FakeTimeProvider Clock { get; }

    public MatchingOptions MatchingOptions { get; } = new();

    public InMemorySessionStore Store { get; private set; } = new();

    public ConversationOptions Options { get; } = new();

    public string? LastMessageId { get; private set; }

    public SqlitePakLoadDbContext NewDb() =>
        new((DbContextOptions<SqlitePakLoadDbContext>)new DbContextOptionsBuilder<SqlitePakLoadDbContext>().Sqlite("Data Source=:memory:").UseSqlite(_connection).Options);

    public async Task<TurnResult> SendAsync(InboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var db = NewDb();

        // The host keeps the index current through a save interceptor; here it is rebuilt before each turn.
        (await new RebuildMarketIndexHandler(db, _index, Clock).HandleAsync(new RebuildMarketIndexCommand(), default)).ValueOrThrow();
        var services = new MarketServices(_index, MatchingOptions, new PaymentProviders([new SandboxPaymentProvider()]));
        var market = new Market(db, Clock, Gazetteer.Default, VehicleCatalogue.Default, new MarketplaceOptions(), services);
        var engine = new ConversationEngine(new DatabaseBackedStore(Store, db), market, Clock, Options);
        LastMessageId = message.MessageId;
        return await engine.HandleAsync(message);
    }

    public Task<TurnResult> SendTextAsync(Channel channel, PhoneNumber phone, string text) =>
        SendAsync(InboundMessage.TextFrom(channel, phone, NextId(), text));

    public string NextId() => $"wamid.{Interlocked.Increment(ref _messageNumber).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Simulates a process restart: a new store rebuilt from the saved JSON documents only.</summary>
    public void RestartFromSnapshot() => Store = Store.Reload();

    public async Task<ConversationSession?> SessionAsync(Channel channel, PhoneNumber phone) =>
        await Store.LoadAsync(new ConversationKey(channel, phone), default);

    public async Task<Party> RegisterAsync(PhoneNumber phone, string name, PartyRole role, PakLoad.Core.Common.Language language, string? vehicle = null)
    {
        await using var db = NewDb();
        var result = await new RegisterPartyHandler(db, Clock, VehicleCatalogue.Default)
            .HandleAsync(new RegisterPartyCommand(phone, name, role, language, Channel.WhatsApp, vehicle), default);
        return result.ValueOrThrow();
    }

    public async Task<LoadView> PostLoadAsync(Party shipper, string from, string to, int kg, int daysAhead, long? priceRupees = null)
    {
        ArgumentNullException.ThrowIfNull(shipper);
        await using var db = NewDb();
        var date = PakistanTime.Today(Clock).AddDays(daysAhead);
        var input = new LoadInput(
            PlaceInput.Named(from), PlaceInput.Named(to), date, date, "Cement", kg, WeightUnit.Kg,
            VehicleCatalogue.Default.Classes.Where(c => c.CanCarry(kg)).MinBy(c => c.MaxPayloadKg)!.Id.Value, null,
            RateMode.Bids, priceRupees is { } p ? Money.FromRupees(p) : null, shipper.Name, "+923219876543", null, LoadVisibility.Public);
        var posted = await new PostLoadHandler(db, Clock, Gazetteer.Default, VehicleCatalogue.Default).HandleAsync(new PostLoadCommand(shipper.Id, input), default);
        return posted.ValueOrThrow();
    }

    public async Task<BidView> PlaceBidAsync(Party carrier, LoadId load, long rupees)
    {
        ArgumentNullException.ThrowIfNull(carrier);
        await using var db = NewDb();
        var placed = await new PlaceBidHandler(db, Clock, Gazetteer.Default, new MarketplaceOptions())
            .HandleAsync(new PlaceBidCommand(carrier.Id, load, Money.FromRupees(rupees)), default);
        return placed.ValueOrThrow();
    }

    public async Task<BidView> CounterAsync(Party actor, BidId bid, long rupees)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = NewDb();
        var countered = await new CounterBidHandler(db, Clock, Gazetteer.Default, new MarketplaceOptions())
            .HandleAsync(new CounterBidCommand(actor.Id, bid, Money.FromRupees(rupees)), default);
        return countered.ValueOrThrow();
    }

    public async Task<BookingConfirmation> AcceptAsync(Party actor, BidId bid)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = NewDb();
        var accepted = await new AcceptBidHandler(db, Clock, Gazetteer.Default).HandleAsync(new AcceptBidCommand(actor.Id, bid), default);
        return accepted.ValueOrThrow();
    }

    public async Task AdvanceAsync(Party actor, TripId trip, TripMilestone milestone)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = NewDb();
        (await new AdvanceTripHandler(db, Clock, Gazetteer.Default).HandleAsync(new AdvanceTripCommand(actor.Id, trip, milestone), default)).ValueOrThrow();
    }

    public async Task AssignDriverAsync(Party carrier, TripId trip)
    {
        ArgumentNullException.ThrowIfNull(carrier);
        await using var db = NewDb();
        (await new AssignDriverHandler(db, Clock, Gazetteer.Default).HandleAsync(new AssignDriverCommand(carrier.Id, trip, carrier.Id, null), default)).ValueOrThrow();
    }

    /// <summary>The delivery code as the consignee's SMS carries it (still in the outbox, unsent).</summary>
    public async Task<string> DeliveryCodeAsync(LoadId load)
    {
        await using var db = NewDb();
        var message = await db.Outbox.AsNoTracking().SingleAsync(o => o.DedupeKey == $"delivery-code:{load}");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(message.ArgumentsJson)!["code"];
    }

    public async Task<int> CountAsync(string table)
    {
        await using var db = NewDb();
        return table switch
        {
            "loads" => await db.Loads.CountAsync(),
            "bids" => await db.Bids.CountAsync(),
            "bookings" => await db.Bookings.CountAsync(),
            "trucks" => await db.CapacityPosts.CountAsync(),
            "parties" => await db.Parties.CountAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Unknown table."),
        };
    }

    public async Task<TripStatus> TripStatusAsync(LoadId load)
    {
        await using var db = NewDb();
        return (await db.Trips.AsNoTracking().SingleAsync(t => t.LoadId == load)).Status;
    }

    /// <summary>Plain text of a turn's prompts as a channel-less renderer would lay them out (numbered options).</summary>
    public static string Render(TurnResult turn, string? channel = null)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var text = new StringBuilder();
        foreach (var prompt in turn.Prompts)
        {
            text.AppendLine(Fill(LocaleCatalog.Default.Template(prompt.Key, turn.Language, channel), prompt.Args));
            for (var i = 0; i < prompt.Options.Count; i++)
            {
                var option = prompt.Options[i];
                text.Append(CultureInfo.InvariantCulture, $"{i + 1}. ")
                    .AppendLine(Fill(LocaleCatalog.Default.Template(option.Key, turn.Language, channel), option.Args));
            }
        }

        return text.ToString();
    }

    private static string Fill(string template, IReadOnlyList<PromptArg> args)
    {
        var filled = template;
        foreach (var arg in args)
        {
            filled = filled.Replace("{" + arg.Name + "}", arg.Value, StringComparison.Ordinal);
        }

        return filled;
    }

    private static SqliteConnection CreateTemplate()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var db = new SqlitePakLoadDbContext((DbContextOptions<SqlitePakLoadDbContext>)new DbContextOptionsBuilder<SqlitePakLoadDbContext>().Sqlite("Data Source=:memory:").UseSqlite(connection).Options);
        db.Database.Migrate();
        ReferenceDataSeeder.SeedAsync(db, Gazetteer.Default, VehicleCatalogue.Default).GetAwaiter().GetResult();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        _index.Dispose();
        await _connection.DisposeAsync();
    }

    /// <summary>
    /// Sessions in memory (so a test can snapshot and reload them), turns in one SQLite transaction like the
    /// database store, so a turn's use cases and its session save commit together.
    /// </summary>
    private sealed class DatabaseBackedStore(InMemorySessionStore sessions, SqlitePakLoadDbContext db) : ISessionStore
    {
        public Task<ConversationSession?> LoadAsync(ConversationKey key, CancellationToken ct) => sessions.LoadAsync(key, ct);

        public Task<bool> SaveAsync(ConversationKey key, ConversationSession session, Core.Conversations.TranscriptEntry turn, CancellationToken ct) =>
            sessions.SaveAsync(key, session, turn, ct);

        public Task<Result<T>> InTurnAsync<T>(Func<CancellationToken, Task<Result<T>>> turn, CancellationToken ct) => db.InTransactionAsync(turn, ct);
    }
}
