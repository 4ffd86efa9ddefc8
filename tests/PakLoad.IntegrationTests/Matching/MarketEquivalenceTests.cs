using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Capacity;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.Core.Loads;
using PakLoad.Core.Matching;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;
using PakLoad.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PakLoad.IntegrationTests.Matching;

/// <summary>
/// Thousands of random loads and trucks in a real database: every random search answered by the index equals the
/// brute-force scan of the database, after the initial build, after changes committed through this instance
/// (the save interceptor), and on a second instance that only hears about them by its catch-up read.
/// </summary>
public sealed class MarketEquivalenceTests(ITestOutputHelper output)
{
    private static readonly string[] Cities =
        ["karachi", "karachi", "karachi", "lahore", "lahore", "lahore", "faisalabad", "faisalabad", "rawalpindi", "multan", "hyderabad", "peshawar", "quetta", "sukkur", "gwadar"];

    private const int Searches = 60;

    private static readonly Gazetteer Places = Gazetteer.Default;
    private static readonly VehicleCatalogue Vehicles = VehicleCatalogue.Default;

    public static TheoryData<Provider> Providers => new() { Provider.Postgres };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Search_ThousandsOfRandomLoadsAndTrucks_IndexEqualsDatabaseScan(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var random = new Random(20261125);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero));
        var shippers = Enumerable.Range(0, 25).Select(_ => PartyId.New(clock)).ToArray();
        var carriers = Enumerable.Range(0, 300).Select(_ => PartyId.New(clock)).ToArray();
        await using (var db = database.CreateContext())
        {
            db.Loads.AddRange(Enumerable.Range(0, 3000).Select(_ => RandomLoad(random, shippers, clock)));
            db.CapacityPosts.AddRange(Enumerable.Range(0, 2000).Select(_ => RandomTruck(random, carriers, clock)));
            await db.SaveChangesAsync();
            foreach (var load in await db.Loads.Where(_ => true).ToListAsync())
            {
                if (random.NextDouble() < 0.15)
                {
                    load.Cancel(clock);
                }
            }

            foreach (var post in await db.CapacityPosts.Where(_ => true).ToListAsync())
            {
                if (random.NextDouble() < 0.15)
                {
                    post.Close(clock);
                }
            }

            await db.SaveChangesAsync();
        }

        var options = new MatchingOptions();
        using var index = new MarketIndex(Places, Vehicles, options);
        using var other = new MarketIndex(Places, Vehicles, options);
        var interceptor = new MarketChangeInterceptor(new MarketFeed(index));
        foreach (var built in new[] { index, other })
        {
            await using var db = database.CreateContext();
            await new RebuildMarketIndexHandler(db, built, clock).HandleAsync(new RebuildMarketIndexCommand(), default);
        }

        Assert.True(index.OpenLoads > 2000, $"{index.OpenLoads} open loads");
        await AssertSameAsync(database, index, random, shippers, clock, "after the build");

        // Changes through this instance: posted, edited (moved), cancelled, booked-like closes, truck posts and closes.
        clock.Advance(TimeSpan.FromMinutes(1));
        await using (var db = database.CreateContext(interceptor))
        {
            var loads = await db.Loads.Where(l => l.Status == LoadStatus.Open).OrderBy(l => l.Id).Take(600).ToListAsync();
            foreach (var load in loads.Take(200))
            {
                load.Cancel(clock);
            }

            foreach (var load in loads.Skip(200).Take(200))
            {
                var moved = RandomDetails(random, clock);
                load.Edit(moved, clock).ValueOrThrow();
            }

            db.Loads.AddRange(Enumerable.Range(0, 300).Select(_ => RandomLoad(random, shippers, clock)));
            var posts = await db.CapacityPosts.Where(c => c.Status == CapacityStatus.Open).OrderBy(c => c.Id).Take(150).ToListAsync();
            foreach (var post in posts)
            {
                post.Close(clock);
            }

            db.CapacityPosts.AddRange(Enumerable.Range(0, 200).Select(_ => RandomTruck(random, carriers, clock)));
            await db.SaveChangesAsync();
        }

        await AssertSameAsync(database, index, random, shippers, clock, "after changes via the interceptor");

        // The other instance heard nothing in process: one catch-up read brings it level.
        clock.Advance(TimeSpan.FromSeconds(1));
        await using (var db = database.CreateContext())
        {
            var read = await new CatchUpMarketIndexHandler(db, other).HandleAsync(new CatchUpMarketIndexCommand(), default);
            Assert.True(read.Value >= 850, $"catch-up read {read.Value} rows");
        }

        Assert.Equal(index.Counts(), other.Counts());
        await AssertSameAsync(database, other, random, shippers, clock, "on the instance that caught up");
    }

    /// <summary>
    /// A bulk import stamped in one transaction is read by the build, and a later catch-up that looks back from when
    /// the previous read started reads only what changed since; looking back from the newest row seen would read the
    /// whole import again on every tick (what the worker did before).
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CatchUp_Since_ReadsOnlyWhatChangedAfterABulkImport(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var random = new Random(20261126);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero));
        var shippers = Enumerable.Range(0, 10).Select(_ => PartyId.New(clock)).ToArray();
        await using (var db = database.CreateContext())
        {
            db.Loads.AddRange(Enumerable.Range(0, 500).Select(_ => RandomLoad(random, shippers, clock)));
            await db.SaveChangesAsync();
        }

        var options = new MatchingOptions();
        using var index = new MarketIndex(Places, Vehicles, options);
        await using (var db = database.CreateContext())
        {
            await new RebuildMarketIndexHandler(db, index, clock).HandleAsync(new RebuildMarketIndexCommand(), default);
        }

        var openAfterBuild = index.OpenLoads;
        clock.Advance(TimeSpan.FromSeconds(10));
        var previousTickStarted = clock.GetUtcNow() - options.CatchUpInterval;
        await using (var db = database.CreateContext())
        {
            db.Loads.AddRange(Enumerable.Range(0, 5).Select(_ => RandomLoad(random, shippers, clock)));
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            var anchoredOnRows = await new CatchUpMarketIndexHandler(db, index).HandleAsync(new CatchUpMarketIndexCommand(), default);
            var sinceLastRead = await new CatchUpMarketIndexHandler(db, index)
                .HandleAsync(new CatchUpMarketIndexCommand(Sweep: false, Since: previousTickStarted - options.CatchUpRecent), default);

            Assert.Equal(505, anchoredOnRows.Value);
            Assert.Equal(5, sinceLastRead.Value);
        }

        Assert.Equal(openAfterBuild + 5, index.OpenLoads);
    }

    private async Task AssertSameAsync(TestDatabase database, MarketIndex index, Random random, PartyId[] shippers, TimeProvider clock, string stage)
    {
        await using var db = database.CreateContext();
        var nonEmpty = 0;
        for (var i = 0; i < Searches; i++)
        {
            // Later "nows" let loads and trucks lapse by their pickup window, with no job having run.
            var now = clock.GetUtcNow().AddHours(random.Next(0, 24 * 5));
            var search = RandomSearch(random, shippers, clock);
            var fromIndex = index.SearchLoads(search, now);
            var fromDatabase = await DatabaseMarketSearch.SearchLoadsAsync(db, search, now, default);
            if (fromDatabase.Total != fromIndex.Total)
            {
                var all = search with { Page = 1, PageSize = 100 };
                var a = index.SearchLoads(all, now).Items.Select(h => h.Load.Id).ToHashSet();
                var b = (await DatabaseMarketSearch.SearchLoadsAsync(db, all, now, default)).Items.Select(h => h.Load.Id).ToHashSet();
                var extra = a.Except(b).ToList();
                var rows = await db.Loads.AsNoTracking().Where(l => extra.Contains(l.Id)).ToListAsync();
                Assert.Fail($"{stage}: {search} total {fromIndex.Total} vs {fromDatabase.Total}; extra in index: " + string.Join("; ", rows.Select(r => $"{r.Id} {r.Status} v{r.Version} exp {r.ExpiresAt} upd {r.UpdatedAt} from {r.PickupFrom}")) + $" now {now}; missing from index: {b.Except(a).Count()}");
            }

            Assert.Equal(fromDatabase.Items, fromIndex.Items);
            nonEmpty += fromIndex.Items.Count > 0 ? 1 : 0;

            var trucks = new TruckSearch(
                Jitter(random, Places.Get(new PlaceId(Cities[random.Next(Cities.Length)])).Location, 40),
                random.Next(5, 400),
                random.NextDouble() < 0.3 ? Vehicles.Classes[random.Next(Vehicles.Classes.Count)].Id : null,
                random.NextDouble() < 0.2 ? Vehicles.Bodies[random.Next(Vehicles.Bodies.Count)].Id : null,
                random.NextDouble() < 0.3 ? PakistanTime.Today(clock).AddDays(random.Next(0, 6)) : null,
                random.Next(1, 4),
                random.Next(5, 60));
            var trucksFromIndex = index.TrucksNear(trucks, now);
            var trucksFromDatabase = await DatabaseMarketSearch.TrucksNearAsync(db, trucks, now, default);
            Assert.Equal(trucksFromDatabase.Total, trucksFromIndex.Total);
            Assert.Equal(trucksFromDatabase.Items, trucksFromIndex.Items);
        }

        output.WriteLine($"{stage}: {Searches} load and {Searches} truck searches equal; {nonEmpty} load pages non-empty");
        Assert.True(nonEmpty > Searches / 2, $"only {nonEmpty} searches found anything: the test would prove little");
    }

    private static LoadSearch RandomSearch(Random random, PartyId[] shippers, TimeProvider clock)
    {
        var today = PakistanTime.Today(clock);
        var near = Jitter(random, Places.Get(new PlaceId(Cities[random.Next(Cities.Length)])).Location, 40);
        var destination = random.NextDouble() < 0.3 ? Places.Get(new PlaceId(Cities[random.Next(Cities.Length)])) : null;
        var byRadius = destination is not null && random.NextDouble() < 0.5;
        int? minKg = random.NextDouble() < 0.2 ? random.Next(0, 15_000) : null;
        DateOnly? from = random.NextDouble() < 0.3 ? today.AddDays(random.Next(0, 8)) : null;
        return new LoadSearch(
            near,
            random.Next(5, 500),
            random.NextDouble() < 0.5 ? shippers[random.Next(shippers.Length)] : null,
            destination?.Id,
            byRadius ? Jitter(random, destination!.Location, 20) : null,
            byRadius ? random.Next(10, 300) : null,
            random.NextDouble() < 0.3 ? Vehicles.Classes[random.Next(Vehicles.Classes.Count)].Id : null,
            random.NextDouble() < 0.2 ? Vehicles.Bodies[random.Next(Vehicles.Bodies.Count)].Id : null,
            from,
            from is { } f && random.NextDouble() < 0.5 ? f.AddDays(random.Next(0, 4)) : null,
            minKg,
            random.NextDouble() < 0.2 ? (minKg ?? 0) + random.Next(1_000, 30_000) : null,
            random.NextDouble() < 0.2 ? Money.FromRupees(random.Next(10_000, 400_000)) : null,
            (LoadSort)random.Next(0, 3),
            random.Next(1, 4),
            random.Next(5, 60));
    }

    private static Load RandomLoad(Random random, PartyId[] shippers, TimeProvider clock) =>
        Load.Post(shippers[random.Next(shippers.Length)], RandomDetails(random, clock), clock).ValueOrThrow();

    private static LoadDetails RandomDetails(Random random, TimeProvider clock)
    {
        var today = PakistanTime.Today(clock);
        var origin = Places.Get(new PlaceId(Cities[random.Next(Cities.Length)]));
        Place destination;
        do
        {
            destination = Places.Get(new PlaceId(Cities[random.Next(Cities.Length)]));
        }
        while (destination.Id == origin.Id);

        var vehicle = Vehicles.Classes[random.Next(Vehicles.Classes.Count)];
        var pickup = today.AddDays(random.Next(0, 6));
        var priced = random.NextDouble() < 0.6;
        return new LoadDetails(
            new LoadPoint(origin.Id, Jitter(random, origin.Location, 30)),
            new LoadPoint(destination.Id, Jitter(random, destination.Location, 30)),
            pickup,
            pickup.AddDays(random.Next(0, 4)),
            "Goods",
            random.Next(100, vehicle.MaxPayloadKg + 1),
            WeightUnit.Kg,
            vehicle,
            random.NextDouble() < 0.5 ? Vehicles.Bodies[random.Next(Vehicles.Bodies.Count)] : null,
            priced ? RateMode.Fixed : RateMode.Bids,
            priced ? Money.FromRupees(random.Next(5, 400) * 1_000) : null,
            "Receiver",
            PhoneNumber.FromE164("+923001234567"),
            null,
            random.NextDouble() < 0.85 ? LoadVisibility.Public : LoadVisibility.Private);
    }

    private static CapacityPost RandomTruck(Random random, PartyId[] carriers, TimeProvider clock)
    {
        var at = Places.Get(new PlaceId(Cities[random.Next(Cities.Length)]));
        var wanted = random.NextDouble() < 0.6 ? Places.Get(new PlaceId(Cities[random.Next(Cities.Length)])).Id : (PlaceId?)null;
        return CapacityPost.Post(
            carriers[random.Next(carriers.Length)],
            Vehicles.Classes[random.Next(Vehicles.Classes.Count)],
            random.NextDouble() < 0.5 ? Vehicles.Bodies[random.Next(Vehicles.Bodies.Count)] : null,
            new LoadPoint(at.Id, Jitter(random, at.Location, 30)),
            PakistanTime.Today(clock).AddDays(random.Next(0, 5)),
            wanted,
            clock).ValueOrThrow();
    }

    private static GeoPoint Jitter(Random random, GeoPoint p, double km) =>
        new(p.Latitude + ((random.NextDouble() - 0.5) * 2 * km / 111), p.Longitude + ((random.NextDouble() - 0.5) * 2 * km / 96));
}
