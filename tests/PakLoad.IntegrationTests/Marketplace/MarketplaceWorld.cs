using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Bids;
using PakLoad.Core.Bookings;
using PakLoad.Core.Capacity;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.Core.Data.ReferenceData;
using PakLoad.Core.Loads;
using PakLoad.Core.Notifications;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Marketplace;

/// <summary>
/// One migrated, seeded database per provider, shared by the tests of a class. Tests stay independent by
/// working only with the parties, loads and messages of their own <see cref="MarketplaceWorld"/>.
/// </summary>
public sealed class MarketplaceDatabases : IAsyncLifetime
{
    private readonly Dictionary<Provider, Task<TestDatabase>> _databases = [];
    private readonly Lock _gate = new();

    public Task<TestDatabase> GetAsync(Provider provider)
    {
        lock (_gate)
        {
            if (!_databases.TryGetValue(provider, out var database))
            {
                database = MarketplaceWorld.CreateDatabaseAsync(provider);
                _databases[provider] = database;
            }

            return database;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in _databases.Values)
        {
            await (await database).DisposeAsync();
        }
    }
}

/// <summary>
/// A shipper, a broker, three carriers and an outsider on a fake clock, and the handlers called as the API will
/// call them: directly, each call on its own DbContext.
/// </summary>
public sealed class MarketplaceWorld
{
    /// <summary>11:00 in Karachi on a Wednesday.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);

    private static int _nextPhone = Random.Shared.Next(0, 5_000_000);

    private MarketplaceWorld(TestDatabase database)
    {
        Database = database;
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider Clock { get; } = new(Start);

    public Gazetteer Gazetteer { get; } = Gazetteer.Default;

    public VehicleCatalogue Vehicles { get; } = VehicleCatalogue.Default;

    public MarketplaceOptions Options { get; } = new();

    public Party Shipper { get; private set; } = null!;

    public Party Broker { get; private set; } = null!;

    public Party CarrierA { get; private set; } = null!;

    public Party CarrierB { get; private set; } = null!;

    public Party CarrierC { get; private set; } = null!;

    /// <summary>A shipper and carrier with no part in anything the test does.</summary>
    public Party Outsider { get; private set; } = null!;

    public PhoneNumber ConsigneePhone { get; } = NextPhone();

    public DateOnly Today => PakistanTime.Today(Clock);

    public static async Task<TestDatabase> CreateDatabaseAsync(Provider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        await ReferenceDataSeeder.SeedAsync(db, Gazetteer.Default, VehicleCatalogue.Default);
        return database;
    }

    public static async Task<MarketplaceWorld> CreateAsync(TestDatabase database)
    {
        var world = new MarketplaceWorld(database);
        world.Shipper = await world.AddPartyAsync("Ahmed Textiles", Language.En, PartyRole.Shipper);
        world.Broker = await world.AddPartyAsync("Saeed Brokers", Language.UrLatn, PartyRole.Broker);
        world.CarrierA = await world.AddPartyAsync("Ghulam Rasool Goods", Language.UrLatn, PartyRole.Carrier);
        world.CarrierB = await world.AddPartyAsync("Khan Transport", Language.Ur, PartyRole.Carrier);
        world.CarrierC = await world.AddPartyAsync("Baloch Logistics", Language.En, PartyRole.Carrier);
        world.Outsider = await world.AddPartyAsync("Other Firm", Language.En, PartyRole.Shipper, PartyRole.Carrier);
        return world;
    }

    public static PhoneNumber NextPhone()
    {
        var n = Interlocked.Increment(ref _nextPhone) % 10_000_000;
        return PhoneNumber.Parse($"0301{n:D7}").ValueOrThrow();
    }

    public async Task<Party> AddPartyAsync(string name, Language language, params PartyRole[] roles)
    {
        var party = Party.Register(NextPhone(), name, roles[0], language, Channel.WhatsApp, Clock).ValueOrThrow();
        foreach (var role in roles.Skip(1))
        {
            party.AddRole(role);
        }

        await using var db = Database.CreateContext();
        db.Parties.Add(party);
        await db.SaveChangesAsync();
        return party;
    }

    public LoadInput Input(
        RateMode mode = RateMode.Bids,
        long? priceRupees = null,
        LoadVisibility visibility = LoadVisibility.Public,
        string from = "Lahore",
        string to = "Karachi",
        string vehicle = "22 wheeler",
        decimal weight = 20,
        WeightUnit unit = WeightUnit.Ton,
        int pickupInDays = 0,
        int windowDays = 2) =>
        new(
            PlaceInput.Named(from),
            PlaceInput.Named(to),
            Today.AddDays(pickupInDays),
            Today.AddDays(pickupInDays + windowDays),
            "Cotton bales",
            weight,
            unit,
            vehicle,
            "open",
            mode,
            priceRupees is { } rupees ? Money.FromRupees(rupees) : null,
            "Bilal Ahmed",
            ConsigneePhone.E164,
            null,
            visibility);

    /// <summary>Runs one handler call on a fresh DbContext, as one API request would.</summary>
    public async Task<T> Run<T>(Func<PakLoadDbContext, Task<T>> call)
    {
        await using var db = Database.CreateContext();
        return await call(db);
    }

    public Task<Result<LoadView>> PostLoad(Party actor, LoadInput input) =>
        Run(db => new PostLoadHandler(db, Clock, Gazetteer, Vehicles).HandleAsync(new PostLoadCommand(actor.Id, input), default));

    public async Task<LoadView> PostedLoad(Party? actor = null, LoadInput? input = null) =>
        (await PostLoad(actor ?? Shipper, input ?? Input())).ValueOrThrow();

    public Task<Result<LoadView>> EditLoad(Party actor, LoadId load, LoadInput input, int? expectedVersion = null) =>
        Run(db => new EditLoadHandler(db, Clock, Gazetteer, Vehicles).HandleAsync(new EditLoadCommand(actor.Id, load, input, expectedVersion), default));

    public Task<Result<LoadView>> CancelLoad(Party actor, LoadId load) =>
        Run(db => new CancelLoadHandler(db, Clock, Gazetteer).HandleAsync(new CancelLoadCommand(actor.Id, load), default));

    public Task<Result<int>> ExpireLoads(int batchSize = 200) =>
        Run(db => new ExpireLoadsHandler(db, Clock, Gazetteer).HandleAsync(new ExpireLoadsCommand(batchSize), default));

    public Task<Result<Paged<LoadSummary>>> FindOpenLoads(FindOpenLoadsQuery query) =>
        Run(db => new FindOpenLoadsHandler(db, Clock, Gazetteer, Vehicles).HandleAsync(query, default));

    public Task<Result<LoadView>> GetLoad(Party actor, LoadId load) =>
        Run(db => new GetLoadHandler(db).HandleAsync(new GetLoadQuery(actor.Id, load), default));

    public Task<Result<EmptyTruckView>> PostEmptyTruck(PostEmptyTruckCommand command) =>
        Run(db => new PostEmptyTruckHandler(db, Clock, Gazetteer, Vehicles).HandleAsync(command, default));

    public Task<Result<EmptyTruckView>> CloseEmptyTruck(Party actor, CapacityPostId post) =>
        Run(db => new CloseEmptyTruckHandler(db, Clock).HandleAsync(new CloseEmptyTruckCommand(actor.Id, post), default));

    public Task<Result<Paged<EmptyTruckView>>> FindEmptyTrucks(FindEmptyTrucksQuery query) =>
        Run(db => new FindEmptyTrucksHandler(db, Clock, Gazetteer, Vehicles).HandleAsync(query, default));

    public Task<Result<BidView>> PlaceBid(Party actor, LoadId load, long rupees) =>
        Run(db => new PlaceBidHandler(db, Clock, Gazetteer, Options).HandleAsync(new PlaceBidCommand(actor.Id, load, Money.FromRupees(rupees)), default));

    public async Task<BidView> PlacedBid(Party actor, LoadId load, long rupees) => (await PlaceBid(actor, load, rupees)).ValueOrThrow();

    public Task<Result<BidView>> CounterBid(Party actor, BidId bid, long rupees) =>
        Run(db => new CounterBidHandler(db, Clock, Gazetteer, Options).HandleAsync(new CounterBidCommand(actor.Id, bid, Money.FromRupees(rupees)), default));

    public Task<Result<BidView>> WithdrawBid(Party actor, BidId bid) =>
        Run(db => new WithdrawBidHandler(db, Clock, Gazetteer).HandleAsync(new WithdrawBidCommand(actor.Id, bid), default));

    public Task<Result<BidView>> RejectBid(Party actor, BidId bid) =>
        Run(db => new RejectBidHandler(db, Clock, Gazetteer).HandleAsync(new RejectBidCommand(actor.Id, bid), default));

    public Task<Result<int>> ExpireBids(int batchSize = 500) =>
        Run(db => new ExpireBidsHandler(db, Clock, Gazetteer).HandleAsync(new ExpireBidsCommand(batchSize), default));

    public Task<Result<Paged<BidView>>> ListBids(ListBidsQuery query) =>
        Run(db => new ListBidsHandler(db).HandleAsync(query, default));

    public Task<Result<BookingConfirmation>> AcceptBid(Party actor, BidId bid) =>
        Run(db => new AcceptBidHandler(db, Clock, Gazetteer).HandleAsync(new AcceptBidCommand(actor.Id, bid), default));

    public Task<Result<BookingConfirmation>> BookNow(Party actor, LoadId load) =>
        Run(db => new BookNowHandler(db, Clock, Gazetteer).HandleAsync(new BookNowCommand(actor.Id, load), default));

    public Task<Result<BookingView>> GetBooking(Party actor, BookingId booking) =>
        Run(db => new GetBookingHandler(db).HandleAsync(new GetBookingQuery(actor.Id, booking), default));

    public Task<Result<Paged<BookingView>>> ListBookings(Party actor, int page = 1, int pageSize = Paging.DefaultPageSize) =>
        Run(db => new ListBookingsHandler(db).HandleAsync(new ListBookingsQuery(actor.Id, page, pageSize), default));

    /// <summary>Every outbox row addressed to this world's parties or its consignee, oldest first.</summary>
    public Task<List<OutboxMessage>> Outbox() => Run(async db =>
    {
        var ids = new[] { Shipper, Broker, CarrierA, CarrierB, CarrierC, Outsider }.Select(p => (PartyId?)p.Id).ToList();
        var phone = ConsigneePhone;
        var rows = await db.Outbox.AsNoTracking().Where(o => ids.Contains(o.RecipientId) || o.RecipientPhone == phone).ToListAsync();
        return rows.OrderBy(o => o.CreatedAt).ThenBy(o => o.DedupeKey, StringComparer.Ordinal).ToList();
    });

    /// <summary>The rows written since <paramref name="before"/> was read, oldest first.</summary>
    public async Task<List<OutboxMessage>> OutboxAfter(IEnumerable<OutboxMessage> before)
    {
        var seen = before.Select(o => o.Id).ToHashSet();
        return (await Outbox()).Where(o => !seen.Contains(o.Id)).ToList();
    }

    public Task<Load> LoadRow(LoadId id) => Run(db => db.Loads.AsNoTracking().SingleAsync(l => l.Id == id));

    public Task<List<Bid>> BidRows(LoadId id) => Run(db => db.Bids.AsNoTracking().Where(b => b.LoadId == id).ToListAsync());
}
