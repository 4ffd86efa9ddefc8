using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Bids;
using PakLoad.Core.Capacity;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Parties;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Marketplace;

/// <summary>Searches and batch jobs look at every row, so each test here gets a database of its own.</summary>
public sealed class BoardAndJobTests
{
    public static TheoryData<Provider> Providers => new() { Provider.Postgres, Provider.Sqlite };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FindOpenLoads_Filters_KeepOnlyMatchingPublicOpenLoadsAndTheCallersOwn(Provider provider)
    {
        await using var database = await MarketplaceWorld.CreateDatabaseAsync(provider);
        var world = await MarketplaceWorld.CreateAsync(database);
        async Task<LoadView> Post(LoadInput input, Party? shipper = null)
        {
            world.Clock.Advance(TimeSpan.FromMinutes(1)); // distinct posting times, so the order is defined
            return await world.PostedLoad(shipper, input);
        }

        var lahoreKarachi = await Post(world.Input(pickupInDays: 1, windowDays: 2));
        var lahoreMultanMazda = await Post(world.Input(to: "Multan", vehicle: "mazda", weight: 4));
        var karachiLahore = await Post(world.Input(from: "Karachi", to: "Lahore", pickupInDays: 5, windowDays: 0));
        var privateLoad = await Post(world.Input(visibility: LoadVisibility.Private));
        var outsidersPrivate = await Post(world.Input(visibility: LoadVisibility.Private), world.Outsider);
        var cancelled = await Post(world.Input());
        (await world.CancelLoad(world.Shipper, cancelled.Id)).ValueOrThrow();

        async Task<List<LoadId>> Find(FindOpenLoadsQuery query) =>
            (await world.FindOpenLoads(query)).ValueOrThrow().Items.Select(i => i.Id).ToList();

        // Ordered by pickup day, then by posting time.
        Assert.Equal(
            [lahoreMultanMazda.Id, outsidersPrivate.Id, lahoreKarachi.Id, karachiLahore.Id],
            await Find(new FindOpenLoadsQuery(world.Outsider.Id)));
        Assert.Equal(
            [lahoreMultanMazda.Id, privateLoad.Id, lahoreKarachi.Id, karachiLahore.Id],
            await Find(new FindOpenLoadsQuery(world.Shipper.Id)));
        Assert.Equal(
            [lahoreMultanMazda.Id, lahoreKarachi.Id, karachiLahore.Id],
            await Find(new FindOpenLoadsQuery(world.CarrierA.Id)));
        Assert.Equal([lahoreMultanMazda.Id, lahoreKarachi.Id], await Find(new FindOpenLoadsQuery(world.CarrierA.Id, Origin: "lhr")));
        Assert.Equal([lahoreKarachi.Id], await Find(new FindOpenLoadsQuery(world.CarrierA.Id, Origin: "Lahore", Destination: "کراچی")));
        Assert.Equal([lahoreMultanMazda.Id], await Find(new FindOpenLoadsQuery(world.CarrierA.Id, VehicleClass: "titan")));
        Assert.Equal([lahoreMultanMazda.Id], await Find(new FindOpenLoadsQuery(world.CarrierA.Id, PickupDate: world.Today)));
        Assert.Equal([lahoreMultanMazda.Id, lahoreKarachi.Id], await Find(new FindOpenLoadsQuery(world.CarrierA.Id, PickupDate: world.Today.AddDays(2))));
        Assert.Equal([karachiLahore.Id], await Find(new FindOpenLoadsQuery(world.CarrierA.Id, PickupDate: world.Today.AddDays(5))));
        Assert.Empty(await Find(new FindOpenLoadsQuery(world.CarrierA.Id, PickupDate: world.Today.AddDays(6))));
        Assert.Equal("errors.place.unknown", (await world.FindOpenLoads(new FindOpenLoadsQuery(world.CarrierA.Id, Origin: "Atlantis"))).Error?.Key);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FindOpenLoads_Pages_CountTheTotalAndCapThePageSize(Provider provider)
    {
        await using var database = await MarketplaceWorld.CreateDatabaseAsync(provider);
        var world = await MarketplaceWorld.CreateAsync(database);
        var ids = new List<LoadId>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await world.PostedLoad()).Id);
            world.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var first = (await world.FindOpenLoads(new FindOpenLoadsQuery(world.CarrierA.Id, Page: 1, PageSize: 2))).ValueOrThrow();
        var third = (await world.FindOpenLoads(new FindOpenLoadsQuery(world.CarrierA.Id, Page: 3, PageSize: 2))).ValueOrThrow();
        var huge = (await world.FindOpenLoads(new FindOpenLoadsQuery(world.CarrierA.Id, Page: 0, PageSize: 5000))).ValueOrThrow();

        Assert.Equal(ids[..2], first.Items.Select(i => i.Id));
        Assert.Equal((1, 2, 5), (first.Page, first.PageSize, first.Total));
        Assert.Equal([ids[4]], third.Items.Select(i => i.Id));
        Assert.Equal((1, Paging.MaxPageSize, 5), (huge.Page, huge.PageSize, huge.Total));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FindOpenLoads_PastItsPickupWindow_IsOffTheBoardBeforeTheJobRuns(Provider provider)
    {
        await using var database = await MarketplaceWorld.CreateDatabaseAsync(provider);
        var world = await MarketplaceWorld.CreateAsync(database);
        await world.PostedLoad(input: world.Input(windowDays: 0));
        world.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 19, 0, 0, TimeSpan.Zero)); // midnight in Karachi

        var found = (await world.FindOpenLoads(new FindOpenLoadsQuery(world.CarrierA.Id))).ValueOrThrow();

        Assert.Equal(0, found.Total);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ExpireLoads_PastWindow_ExpiresClosesBidsTellsBiddersAndIsIdempotent(Provider provider)
    {
        await using var database = await MarketplaceWorld.CreateDatabaseAsync(provider);
        var world = await MarketplaceWorld.CreateAsync(database);
        var dueToday = await world.PostedLoad(input: world.Input(windowDays: 0));
        var dueToo = await world.PostedLoad(input: world.Input(windowDays: 0));
        var later = await world.PostedLoad(input: world.Input(windowDays: 1));
        var bidA = await world.PlacedBid(world.CarrierA, dueToday.Id, 90_000);
        var bidB = await world.PlacedBid(world.CarrierB, dueToday.Id, 91_000);
        var bidOnLater = await world.PlacedBid(world.CarrierA, later.Id, 80_000);
        var before = await world.Outbox();

        var early = await world.ExpireLoads();
        world.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 19, 0, 0, TimeSpan.Zero));
        var expired = await world.ExpireLoads(batchSize: 1);
        var again = await world.ExpireLoads();

        Assert.Equal(0, early.ValueOrThrow());
        Assert.Equal(2, expired.ValueOrThrow());
        Assert.Equal(0, again.ValueOrThrow());
        Assert.Equal(LoadStatus.Expired, (await world.LoadRow(dueToday.Id)).Status);
        Assert.Equal(LoadStatus.Expired, (await world.LoadRow(dueToo.Id)).Status);
        Assert.Equal(LoadStatus.Open, (await world.LoadRow(later.Id)).Status);
        Assert.All(await world.BidRows(dueToday.Id), b => Assert.Equal(BidStatus.Rejected, b.Status));
        Assert.Equal(BidStatus.Open, (await world.BidRows(later.Id)).Single(b => b.Id == bidOnLater.Id).Status);
        var added = (await world.OutboxAfter(before)).ToList();
        Assert.Equal(new HashSet<string> { $"load-closed:{bidA.Id}", $"load-closed:{bidB.Id}" }, added.Select(o => o.DedupeKey).ToHashSet());
        Assert.All(added, o => Assert.Equal("notifications.load.closed", o.TemplateKey));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ExpireBids_PastAnswerTime_ExpiresTellsTheCarrierAndIsIdempotent(Provider provider)
    {
        await using var database = await MarketplaceWorld.CreateDatabaseAsync(provider);
        var world = await MarketplaceWorld.CreateAsync(database);
        var load = await world.PostedLoad();
        var old = await world.PlacedBid(world.CarrierA, load.Id, 90_000);
        world.Clock.Advance(TimeSpan.FromHours(1));
        var countered = await world.PlacedBid(world.CarrierB, load.Id, 95_000);
        (await world.CounterBid(world.Shipper, countered.Id, 92_000)).ValueOrThrow();
        var before = await world.Outbox();

        world.Clock.Advance(TimeSpan.FromHours(1)); // the first bid is 2 h old; the counter 1 h
        var first = await world.ExpireBids();
        var again = await world.ExpireBids();
        world.Clock.Advance(TimeSpan.FromHours(1));
        var later = await world.ExpireBids(batchSize: 1);

        Assert.Equal(1, first.ValueOrThrow());
        Assert.Equal(0, again.ValueOrThrow());
        Assert.Equal(1, later.ValueOrThrow());
        var bids = (await world.BidRows(load.Id)).ToDictionary(b => b.Id);
        Assert.Equal(BidStatus.Expired, bids[old.Id].Status);
        Assert.Equal(BidStatus.Expired, bids[countered.Id].Status);
        var added = (await world.OutboxAfter(before)).ToList();
        Assert.Equal([$"bid-expired:{old.Id}", $"bid-expired:{countered.Id}"], added.Select(o => o.DedupeKey));
        Assert.Equal([world.CarrierA.Id, world.CarrierB.Id], added.Select(o => o.RecipientId!.Value));
        Assert.All(added, o => Assert.Equal("notifications.bid.expired", o.TemplateKey));
    }

    /// <summary>
    /// The race PlaceBid cannot lose cleanly: a carrier read the load while it was open, the load was booked, then the
    /// bid was saved. Nothing stops that insert (it does not touch the load row), so the job must sweep it up.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ExpireBids_LiveBidLeftOnABookedLoad_IsClosedAndItsCarrierTold(Provider provider)
    {
        await using var database = await MarketplaceWorld.CreateDatabaseAsync(provider);
        var world = await MarketplaceWorld.CreateAsync(database);
        var load = await world.PostedLoad();
        var winner = await world.PlacedBid(world.CarrierA, load.Id, 120_000);
        await using var late = database.CreateContext();
        var staleCopy = await late.Loads.SingleAsync(l => l.Id == load.Id);
        (await world.AcceptBid(world.Shipper, winner.Id)).ValueOrThrow();
        var straggler = Bid.Place(staleCopy, world.CarrierB.Id, Money.FromRupees(118_000), world.Options.BidLifetime, world.Clock).ValueOrThrow();
        late.Bids.Add(straggler);
        await late.SaveChangesAsync();
        var before = await world.Outbox();

        var swept = await world.ExpireBids();

        Assert.Equal(1, swept.ValueOrThrow());
        var bids = (await world.BidRows(load.Id)).ToDictionary(b => b.Id);
        Assert.Equal((BidStatus.Accepted, BidStatus.Rejected), (bids[winner.Id].Status, bids[straggler.Id].Status));
        var message = Assert.Single(await world.OutboxAfter(before));
        Assert.Equal(("notifications.load.closed", $"load-closed:{straggler.Id}", world.CarrierB.Id), (message.TemplateKey, message.DedupeKey, message.RecipientId!.Value));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FindEmptyTrucks_Filters_ByCityVehicleAndDayTheTruckIsFree(Provider provider)
    {
        await using var database = await MarketplaceWorld.CreateDatabaseAsync(provider);
        var world = await MarketplaceWorld.CreateAsync(database);
        var lahoreToday = (await world.PostEmptyTruck(new PostEmptyTruckCommand(world.CarrierA.Id, "22 wheeler", "flatbed", PlaceInput.Named("Lahore"), world.Today))).ValueOrThrow();
        var lahoreMazda = (await world.PostEmptyTruck(new PostEmptyTruckCommand(world.CarrierB.Id, "mazda", null, PlaceInput.Named("Lahore"), world.Today.AddDays(3)))).ValueOrThrow();
        var multan = (await world.PostEmptyTruck(new PostEmptyTruckCommand(world.CarrierC.Id, "22 wheeler", null, PlaceInput.Named("Multan"), world.Today.AddDays(1), "Karachi"))).ValueOrThrow();
        var closed = (await world.PostEmptyTruck(new PostEmptyTruckCommand(world.CarrierC.Id, "22 wheeler", null, PlaceInput.Named("Lahore"), world.Today))).ValueOrThrow();
        (await world.CloseEmptyTruck(world.CarrierC, closed.Id)).ValueOrThrow();

        async Task<List<CapacityPostId>> Find(FindEmptyTrucksQuery query) =>
            (await world.FindEmptyTrucks(query)).ValueOrThrow().Items.Select(i => i.Id).ToList();

        Assert.Equal([lahoreToday.Id, multan.Id, lahoreMazda.Id], await Find(new FindEmptyTrucksQuery()));
        Assert.Equal([lahoreToday.Id, lahoreMazda.Id], await Find(new FindEmptyTrucksQuery(City: "lahore")));
        Assert.Equal([lahoreToday.Id, multan.Id], await Find(new FindEmptyTrucksQuery(VehicleClass: "bais wheeler")));
        Assert.Equal([lahoreToday.Id, multan.Id], await Find(new FindEmptyTrucksQuery(Date: world.Today.AddDays(2))));
        Assert.Equal([multan.Id, lahoreMazda.Id], await Find(new FindEmptyTrucksQuery(Date: world.Today.AddDays(3))));
        var second = (await world.FindEmptyTrucks(new FindEmptyTrucksQuery(Page: 2, PageSize: 1))).ValueOrThrow();
        Assert.Equal((2, 1, 3, multan.Id), (second.Page, second.PageSize, second.Total, second.Items.Single().Id));
        Assert.Equal("karachi", multan.WantedDestination?.Value);
    }
}
