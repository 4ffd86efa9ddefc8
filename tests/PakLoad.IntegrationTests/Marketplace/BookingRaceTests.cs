using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PakLoad.Core.Bids;
using PakLoad.Core.Bookings;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.Core.Loads;
using PakLoad.Core.Parties;
using PakLoad.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PakLoad.IntegrationTests.Marketplace;

/// <summary>One PostgreSQL database and fifty carriers, shared by the three races.</summary>
public sealed class RaceFixture : IAsyncLifetime
{
    public const int Contenders = 50;

    public TestDatabase Database { get; private set; } = null!;

    public MarketplaceWorld World { get; private set; } = null!;

    public IReadOnlyList<Party> Carriers { get; private set; } = [];

    /// <summary>Its own pool, big enough that every contender holds a connection when the gate opens.</summary>
    public string RaceConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Database = await MarketplaceWorld.CreateDatabaseAsync(Provider.Postgres);
        World = await MarketplaceWorld.CreateAsync(Database);
        var carriers = Enumerable.Range(0, Contenders)
            .Select(i => Party.Register(MarketplaceWorld.NextPhone(), $"Carrier {i}", PartyRole.Carrier, Language.UrLatn, Channel.Sms, World.Clock).ValueOrThrow())
            .ToList();
        await using (var db = Database.CreateContext())
        {
            db.Parties.AddRange(carriers);
            await db.SaveChangesAsync();
        }

        Carriers = carriers;
        RaceConnectionString = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { MaxPoolSize = Contenders * 2 + 10 }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        await using (var pooled = new NpgsqlConnection(RaceConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await Database.DisposeAsync();
    }
}

/// <summary>
/// Double booking is the one bug a freight exchange cannot have. Each race starts its contenders together, each on
/// its own DbContext and connection, and repeats: a race that passes once proves little.
/// </summary>
public sealed class BookingRaceTests(RaceFixture race, ITestOutputHelper output) : IClassFixture<RaceFixture>
{
    private const int Rounds = 50;

    private MarketplaceWorld World => race.World;

    [Fact]
    public async Task BookNow_FiftyCarriersAtOnce_ExactlyOneBooksEveryRound()
    {
        var watch = Stopwatch.StartNew();
        for (var round = 0; round < Rounds; round++)
        {
            var load = await World.PostedLoad(input: World.Input(mode: RateMode.Fixed, priceRupees: 150_000));

            var results = await StartTogether(race.Carriers.Select(carrier => (Func<PakLoadDbContext, Task<Result<BookingConfirmation>>>)(db =>
                new BookNowHandler(db, World.Clock, World.Gazetteer).HandleAsync(new BookNowCommand(carrier.Id, load.Id), default))).ToList());

            var winners = results.Where(r => r.IsSuccess).ToList();
            Assert.True(winners.Count == 1, $"round {round}: {winners.Count} winners");
            var refusals = results.Where(r => !r.IsSuccess).Select(r => r.Error!.Key).ToList();
            Assert.True(refusals.All(k => k == "errors.booking.conflict"), $"round {round}: {string.Join(", ", refusals.Distinct())}");
            await AssertOneBookingAsync(load.Id, winners[0].Value!, round, expectedBids: 1, expectedMessages: 3);
        }

        output.WriteLine($"BookNow race: {Rounds} rounds x {RaceFixture.Contenders} carriers in {watch.Elapsed.TotalSeconds:F1} s");
        await AssertNoOrphansAsync();
    }

    [Fact]
    public async Task AcceptBid_ShipperAcceptsTwoBidsAtOnce_ExactlyOneWinsEveryRound()
    {
        var watch = Stopwatch.StartNew();
        for (var round = 0; round < Rounds; round++)
        {
            var load = await World.PostedLoad();
            var first = await World.PlacedBid(race.Carriers[0], load.Id, 120_000);
            var second = await World.PlacedBid(race.Carriers[1], load.Id, 121_000);

            var results = await StartTogether(new[] { first.Id, second.Id }.Select(bid => (Func<PakLoadDbContext, Task<Result<BookingConfirmation>>>)(db =>
                new AcceptBidHandler(db, World.Clock, World.Gazetteer).HandleAsync(new AcceptBidCommand(World.Shipper.Id, bid), default))).ToList());

            var winners = results.Where(r => r.IsSuccess).ToList();
            Assert.True(winners.Count == 1, $"round {round}: {winners.Count} winners");
            Assert.Equal("errors.booking.conflict", results.Single(r => !r.IsSuccess).Error!.Key);
            await AssertOneBookingAsync(load.Id, winners[0].Value!, round, expectedBids: 2, expectedMessages: 4);
            var bids = await World.BidRows(load.Id);
            Assert.Equal(1, bids.Count(b => b.Status == BidStatus.Accepted));
            Assert.Equal(1, bids.Count(b => b.Status == BidStatus.Rejected)); // the loser is left in a defined state
        }

        output.WriteLine($"Accept-two-bids race: {Rounds} rounds in {watch.Elapsed.TotalSeconds:F1} s");
        await AssertNoOrphansAsync();
    }

    [Fact]
    public async Task CancelAgainstAccept_AtOnce_LoadIsEitherCancelledOrBookedNeverBoth()
    {
        var watch = Stopwatch.StartNew();
        var (cancelledRounds, bookedRounds) = (0, 0);
        for (var round = 0; round < Rounds; round++)
        {
            var load = await World.PostedLoad();
            var bid = await World.PlacedBid(race.Carriers[2], load.Id, 120_000);

            var cancel = (Func<PakLoadDbContext, Task<bool>>)(async db =>
                (await new CancelLoadHandler(db, World.Clock, World.Gazetteer).HandleAsync(new CancelLoadCommand(World.Shipper.Id, load.Id), default)).IsSuccess);
            var accept = (Func<PakLoadDbContext, Task<bool>>)(async db =>
                (await new AcceptBidHandler(db, World.Clock, World.Gazetteer).HandleAsync(new AcceptBidCommand(World.Shipper.Id, bid.Id), default)).IsSuccess);
            var results = await StartTogether([cancel, accept]);

            var row = await World.LoadRow(load.Id);
            var bookings = await World.Run(db => db.Bookings.CountAsync(b => b.LoadId == load.Id));
            var trips = await World.Run(db => db.Trips.CountAsync(t => t.LoadId == load.Id));
            var storedBid = (await World.BidRows(load.Id)).Single();
            Assert.True(results.Count(ok => ok) == 1, $"round {round}: cancel {results[0]}, accept {results[1]}");
            if (results[0])
            {
                cancelledRounds++;
                Assert.Equal((LoadStatus.Cancelled, 0, 0, BidStatus.Rejected), (row.Status, bookings, trips, storedBid.Status));
            }
            else
            {
                bookedRounds++;
                Assert.Equal((LoadStatus.Booked, 1, 1, BidStatus.Accepted), (row.Status, bookings, trips, storedBid.Status));
            }
        }

        output.WriteLine($"Cancel-vs-accept race: {Rounds} rounds in {watch.Elapsed.TotalSeconds:F1} s; cancel won {cancelledRounds}, accept won {bookedRounds}");
        await AssertNoOrphansAsync();
    }

    /// <summary>
    /// Opens one context and connection per contender, waits until all are ready, then releases them at once. A
    /// contender that throws fails the test: every refusal must come back as a result.
    /// </summary>
    private async Task<List<T>> StartTogether<T>(List<Func<PakLoadDbContext, Task<T>>> contenders)
    {
        var ready = 0;
        var allReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = contenders.Select(contender => Task.Run(async () =>
        {
            await using var db = ProviderSetup.CreatePostgres(race.RaceConnectionString);
            await db.Database.OpenConnectionAsync();
            if (Interlocked.Increment(ref ready) == contenders.Count)
            {
                allReady.SetResult();
            }

            await gate.Task;
            return await contender(db);
        })).ToList();

        await allReady.Task.WaitAsync(TimeSpan.FromSeconds(30));
        gate.SetResult();
        return [.. await Task.WhenAll(tasks)];
    }

    private async Task AssertOneBookingAsync(LoadId loadId, BookingConfirmation winner, int round, int expectedBids, int expectedMessages)
    {
        await World.Run(async db =>
        {
            var bookings = await db.Bookings.AsNoTracking().Where(b => b.LoadId == loadId).ToListAsync();
            var trips = await db.Trips.AsNoTracking().Where(t => t.LoadId == loadId).ToListAsync();
            var bids = await db.Bids.AsNoTracking().Where(b => b.LoadId == loadId).ToListAsync();
            var load = await db.Loads.AsNoTracking().SingleAsync(l => l.Id == loadId);
            var accepted = bids.Where(b => b.Status == BidStatus.Accepted).ToList();
            Assert.True(bookings.Count == 1 && trips.Count == 1 && accepted.Count == 1, $"round {round}: {bookings.Count} bookings, {trips.Count} trips, {accepted.Count} accepted bids");
            Assert.Equal((winner.BookingId, winner.TripId), (bookings[0].Id, trips[0].Id));
            Assert.Equal((accepted[0].Id, bookings[0].Id), (bookings[0].BidId, trips[0].BookingId));
            Assert.Equal(LoadStatus.Booked, load.Status);
            Assert.True(bids.Count == expectedBids, $"round {round}: {bids.Count} bids; a loser's bid survived its rollback");

            // Only the winner's messages exist: accepted, confirmed, delivery code (+ one rejection per other live bid).
            var bidIds = bids.Select(b => b.Id.ToString()).ToList();
            var keys = await db.Outbox.AsNoTracking().Select(o => o.DedupeKey).ToListAsync();
            var mine = keys.Where(k => k.Contains(loadId.ToString(), StringComparison.Ordinal) || bidIds.Any(id => k.Contains(id, StringComparison.Ordinal)))
                .Where(k => !k.StartsWith("bid-received:", StringComparison.Ordinal))
                .ToList();
            Assert.True(mine.Count == expectedMessages, $"round {round}: messages {string.Join(", ", mine)}");
            return 0;
        });
    }

    /// <summary>Across the whole database: no booking without its trip, no accepted bid without its booking.</summary>
    private async Task AssertNoOrphansAsync() => await World.Run(async db =>
    {
        var bookingsWithoutTrip = await db.Bookings.CountAsync(b => !db.Trips.Any(t => t.BookingId == b.Id));
        var tripsWithoutBooking = await db.Trips.CountAsync(t => !db.Bookings.Any(b => b.Id == t.BookingId));
        var acceptedWithoutBooking = await db.Bids.CountAsync(bid => bid.Status == BidStatus.Accepted && !db.Bookings.Any(b => b.BidId == bid.Id));
        var bookedWithoutBooking = await db.Loads.CountAsync(l => l.Status == LoadStatus.Booked && !db.Bookings.Any(b => b.LoadId == l.Id));
        var bookingOnUnbookedLoad = await db.Bookings.CountAsync(b => db.Loads.Any(l => l.Id == b.LoadId && l.Status != LoadStatus.Booked));
        Assert.Equal((0, 0, 0, 0, 0), (bookingsWithoutTrip, tripsWithoutBooking, acceptedWithoutBooking, bookedWithoutBooking, bookingOnUnbookedLoad));
        return 0;
    });
}
