using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Bids;
using PakLoad.Core.Bookings;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.Core.Data.ReferenceData;
using PakLoad.Core.Loads;
using PakLoad.Core.Notifications;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;
using PakLoad.Core.Ratings;
using PakLoad.Core.Trips;
using PakLoad.Core.Vehicles;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Trips;

/// <summary>One PostgreSQL database, migrated and seeded with reference data, shared by a test class.</summary>
public sealed class TripDatabase : IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider.Postgres);
        await using var db = _database.CreateContext();
        await ReferenceDataSeeder.SeedAsync(db, Gazetteer.Default, VehicleCatalogue.Default);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>
/// A shipper, a carrier, a driver, a second driver, a party who is no driver, a stranger, and a trip of
/// theirs, saved straight through the domain (load → fixed-price bid → booking → trip) and optionally walked
/// to a status. Every call below runs a handler on a fresh context, as one request would.
/// </summary>
internal sealed class TripWorld
{
    private static long _nextPhone = Random.Shared.NextInt64(0, 400_000_000);

    private TripWorld(TestDatabase database, FakeTimeProvider clock)
    {
        Database = database;
        Clock = clock;
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider Clock { get; }

    public Party Shipper { get; private set; } = null!;

    public Party Carrier { get; private set; } = null!;

    public Party Driver { get; private set; } = null!;

    public Party SecondDriver { get; private set; } = null!;

    public Party NotADriver { get; private set; } = null!;

    public Party Stranger { get; private set; } = null!;

    public TripId TripId { get; private set; }

    public string Code { get; private set; } = string.Empty;

    public static async Task<TripWorld> CreateAsync(
        TestDatabase database, TripStatus status = TripStatus.Booked, bool carrierAlsoDrives = false, FakeTimeProvider? clock = null)
    {
        var world = new TripWorld(database, clock ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 5, 0, 0, TimeSpan.Zero)));
        world.Shipper = world.NewParty("Rana Textiles", PartyRole.Shipper, Language.En);
        world.Carrier = world.NewParty("Khyber Goods Transport", PartyRole.Carrier, Language.Ur);
        if (carrierAlsoDrives)
        {
            world.Carrier.AddRole(PartyRole.Driver);
        }

        world.Driver = world.NewParty("Gul Khan", PartyRole.Driver, Language.UrLatn);
        world.SecondDriver = world.NewParty("Sher Ali", PartyRole.Driver, Language.UrLatn);
        world.NotADriver = world.NewParty("Bashir Ahmed", PartyRole.Shipper, Language.En);
        world.Stranger = world.NewParty("Someone Else", PartyRole.Carrier, Language.En);
        await using (var db = database.CreateContext())
        {
            db.Parties.AddRange(world.Shipper, world.Carrier, world.Driver, world.SecondDriver, world.NotADriver, world.Stranger);
            await db.SaveChangesAsync();
        }

        (world.TripId, world.Code) = await world.AddTripAsync(status);
        return world;
    }

    /// <summary>Another trip between the same shipper and carrier (and driver, once assigned), saved in <paramref name="status"/>.</summary>
    public async Task<(TripId Id, string Code)> AddTripAsync(TripStatus status, Party? driver = null)
    {
        var today = PakistanTime.Today(Clock);
        var details = new LoadDetails(
            new LoadPoint(new PlaceId("karachi"), new GeoPoint(24.86, 67.01)),
            new LoadPoint(new PlaceId("lahore"), new GeoPoint(31.55, 74.34)),
            today,
            today.AddDays(2),
            "Cotton bales",
            10,
            WeightUnit.Ton,
            VehicleCatalogue.Default.FindClass("22-wheeler").ValueOrThrow(),
            null,
            RateMode.Fixed,
            Money.FromRupees(185_000),
            "Rana Textiles Lahore",
            PhoneNumber.FromE164(NextPhone()),
            null,
            LoadVisibility.Public);
        var load = Load.Post(Shipper.Id, details, Clock).ValueOrThrow();
        var bid = Bid.BookAtFixedPrice(load, Carrier.Id, Clock).ValueOrThrow();
        load.MarkBooked(Clock).ValueOrThrow();
        var booking = Booking.From(bid, Clock);
        var (trip, code) = Trip.Start(booking, Clock);
        Walk(trip, code, status, (driver ?? Driver).Id);
        await using var db = Database.CreateContext();
        db.AddRange(load, bid, booking, trip);
        await db.SaveChangesAsync();
        Clock.Advance(TimeSpan.FromMinutes(1));
        return (trip.Id, code);
    }

    public Task<Result<TripView>> AssignAsync(Party actor, PartyId? driver = null, string? phone = null) =>
        RunAsync(db => new AssignDriverHandler(db, Clock, Gazetteer.Default).HandleAsync(new AssignDriverCommand(actor.Id, TripId, driver, phone), default));

    public Task<Result<TripView>> AdvanceAsync(Party actor, TripMilestone milestone, TripId? trip = null) =>
        RunAsync(db => new AdvanceTripHandler(db, Clock, Gazetteer.Default).HandleAsync(new AdvanceTripCommand(actor.Id, trip ?? TripId, milestone), default));

    public Task<Result<TripView>> CheckInAsync(Party actor, double latitude, double longitude) =>
        RunAsync(db => new CheckInHandler(db, Clock).HandleAsync(new CheckInCommand(actor.Id, TripId, latitude, longitude), default));

    public Task<Result<TripView>> ConfirmAsync(Party actor, string? code) =>
        RunAsync(db => ConfirmOn(db, actor, code));

    public Task<Result<TripView>> ConfirmOn(PakLoadDbContext db, Party actor, string? code) =>
        new ConfirmDeliveryHandler(db, Clock, Gazetteer.Default).HandleAsync(new ConfirmDeliveryCommand(actor.Id, TripId, code), default);

    public Task<Result<TripView>> GetAsync(Party actor, TripId? trip = null) =>
        RunAsync(db => new GetTripHandler(db).HandleAsync(new GetTripQuery(actor.Id, trip ?? TripId), default));

    public Task<Result<Paged<TripSummary>>> ListAsync(Party actor, TripStatus? status = null, int page = 1, int pageSize = 20) =>
        RunAsync(db => new ListTripsHandler(db).HandleAsync(new ListTripsQuery(actor.Id, status, page, pageSize), default));

    public Task<Result<Rating>> RateAsync(Party actor, int stars, string? comment = null, TripId? trip = null) =>
        RunAsync(db => new RatePartyHandler(db, Clock).HandleAsync(new RatePartyCommand(actor.Id, trip ?? TripId, stars, comment), default));

    public Task<Result<Reliability>> ReliabilityAsync(PartyId party) =>
        RunAsync(db => new GetReliabilityHandler(db).HandleAsync(new GetReliabilityQuery(party), default));

    /// <summary>The trip as the database has it now, read on a fresh context.</summary>
    public async Task<Trip> ReadTripAsync(TripId? trip = null)
    {
        await using var db = Database.CreateContext();
        var id = trip ?? TripId;
        return await db.Trips.AsNoTracking().SingleAsync(t => t.Id == id);
    }

    /// <summary>The outbox rows this trip caused, as (template, recipient) in a stable order.</summary>
    public async Task<List<OutboxMessage>> OutboxAsync(TripId? trip = null)
    {
        await using var db = Database.CreateContext();
        var prefix = $"trip:{trip ?? TripId}:";
        var rows = await db.Outbox.AsNoTracking().Where(o => o.DedupeKey.StartsWith(prefix)).ToListAsync();
        return [.. rows.OrderBy(o => o.CreatedAt).ThenBy(o => o.DedupeKey, StringComparer.Ordinal)];
    }

    public async Task<List<Rating>> RatingsAsync()
    {
        await using var db = Database.CreateContext();
        var parties = new[] { Shipper.Id, Carrier.Id };
        return await db.Ratings.AsNoTracking().Where(r => parties.Contains(r.FromPartyId)).ToListAsync();
    }

    public Party Named(string who) => who switch
    {
        "shipper" => Shipper,
        "carrier" => Carrier,
        "driver" => Driver,
        "stranger" => Stranger,
        _ => throw new ArgumentOutOfRangeException(nameof(who), who, null),
    };

    private static void Walk(Trip trip, string code, TripStatus status, PartyId driver)
    {
        TripTrigger[] path = status switch
        {
            TripStatus.Booked => [],
            TripStatus.DriverAssigned => [TripTrigger.AssignDriver],
            TripStatus.AtPickup => [TripTrigger.AssignDriver, TripTrigger.ArriveAtPickup],
            TripStatus.Loaded => [TripTrigger.AssignDriver, TripTrigger.ArriveAtPickup, TripTrigger.Load],
            TripStatus.InTransit => [TripTrigger.AssignDriver, TripTrigger.ArriveAtPickup, TripTrigger.Load, TripTrigger.Depart],
            TripStatus.Arrived => [TripTrigger.AssignDriver, TripTrigger.ArriveAtPickup, TripTrigger.Load, TripTrigger.Depart, TripTrigger.Arrive],
            TripStatus.Delivered => [TripTrigger.AssignDriver, TripTrigger.ArriveAtPickup, TripTrigger.Load, TripTrigger.Depart, TripTrigger.Arrive, TripTrigger.Deliver],
            TripStatus.Completed => [TripTrigger.AssignDriver, TripTrigger.ArriveAtPickup, TripTrigger.Load, TripTrigger.Depart, TripTrigger.Arrive, TripTrigger.Deliver, TripTrigger.Complete],
            TripStatus.Cancelled => [TripTrigger.Cancel],
            TripStatus.Disputed => [TripTrigger.AssignDriver, TripTrigger.ArriveAtPickup, TripTrigger.Load, TripTrigger.Dispute],
        };
        var clock = new FakeTimeProvider(trip.CreatedAt);
        foreach (var step in path)
        {
            var moved = step switch
            {
                TripTrigger.AssignDriver => trip.AssignDriver(driver, clock),
                TripTrigger.Deliver => trip.Deliver(code, clock),
                _ => trip.Fire(step, clock),
            };
            moved.ValueOrThrow();
        }
    }

    private static string NextPhone() => $"+92300{Interlocked.Increment(ref _nextPhone) % 10_000_000:D7}";

    private Party NewParty(string name, PartyRole role, Language language) =>
        Party.Register(PhoneNumber.FromE164(NextPhone()), name, role, language, Channel.WhatsApp, Clock).ValueOrThrow();

    private async Task<T> RunAsync<T>(Func<PakLoadDbContext, Task<T>> work)
    {
        await using var db = Database.CreateContext();
        return await work(db);
    }
}
