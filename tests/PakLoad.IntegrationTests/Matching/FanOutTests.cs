using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Capacity;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.Core.Loads;
using PakLoad.Core.Matching;
using PakLoad.Core.Notifications;
using PakLoad.IntegrationTests.Infrastructure;
using PakLoad.IntegrationTests.Marketplace;

namespace PakLoad.IntegrationTests.Matching;

/// <summary>
/// Fan-out through the outbox on a real database, with the host's wiring: commits reach the index through the save
/// interceptor, and the fan-out requests they queue are run as the matching worker runs them.
/// </summary>
public sealed class FanOutTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await MarketplaceWorld.CreateDatabaseAsync(Provider.Postgres);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task FanOut_PostEditAndReindex_NotifiesEachCarrierOnce()
    {
        var m = await Market.CreateAsync(_database);
        await m.EmptyTrucksAsync();
        var load = await m.PostLoadAsync();

        Assert.Equal(3, await m.RunFanOutAsync());
        await m.EditLoadAsync(load.Id);
        Assert.Equal(0, await m.RunFanOutAsync());
        await m.RebuildAsync();
        Assert.Equal(0, (await m.FanOutLoadAsync(load.Id)).Value);

        var messages = await m.MatchMessagesAsync();
        Assert.Equal(
            new[] { m.World.CarrierA.Id, m.World.CarrierB.Id, m.World.CarrierC.Id }.Select(p => p.Value).Order(),
            messages.Select(o => o.RecipientId!.Value.Value).Order());
        Assert.All(messages, o => Assert.Equal($"match:{load.Id}:{o.RecipientId}", o.DedupeKey));
        Assert.Equal(3, await m.World.Run(db => db.MatchNotices.CountAsync(n => n.LoadId == load.Id)));
    }

    [Fact]
    public async Task FanOut_TwoInstancesAtOnce_StillOneMessagePerCarrier()
    {
        var m = await Market.CreateAsync(_database);
        await m.EmptyTrucksAsync();
        var load = await m.PostLoadAsync();
        m.DrainRequests();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => m.FanOutLoadAsync(load.Id)));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.ToString()));
        Assert.Equal(3, results.Sum(r => r.Value));
        Assert.Equal(3, (await m.MatchMessagesAsync()).Count);
    }

    [Fact]
    public async Task FanOut_BestMatchFirst_MessageSaysWhy()
    {
        var m = await Market.CreateAsync(_database);
        await m.EmptyTrucksAsync();
        var load = await m.PostLoadAsync();
        await m.RunFanOutAsync();

        var toA = Assert.Single(await m.MatchMessagesAsync(), o => o.RecipientId == m.World.CarrierA.Id);
        var best = (await m.World.Run(db => db.MatchNotices.AsNoTracking().Where(n => n.LoadId == load.Id).ToListAsync())).MaxBy(n => n.Score)!;

        Assert.Equal(m.World.CarrierA.Id, best.CarrierId);
        Assert.Equal("Aap ke raste mein hai: Karachi ja raha hai", toA.Arguments["reason"]);
        Assert.Equal("Lahore - Karachi", toA.Arguments["route"]);
    }

    [Fact]
    public async Task FanOut_CarrierAtItsDailyCap_HearsNoMore()
    {
        var m = await Market.CreateAsync(_database, new MatchingOptions { PerCarrierDailyCap = 1 });
        await m.EmptyTrucksAsync();
        await m.PostLoadAsync();
        await m.RunFanOutAsync();
        await m.PostLoadAsync();

        Assert.Equal(0, await m.RunFanOutAsync());
        Assert.Equal(3, (await m.MatchMessagesAsync()).Count);
    }

    [Fact]
    public async Task FanOut_InQuietHours_HeldThenOneMorningDigestPerCarrier()
    {
        // 11:00 in Karachi falls inside 10:00-12:00 "quiet hours" for this test.
        var m = await Market.CreateAsync(_database, new MatchingOptions { QuietFromHour = 10, QuietToHour = 12 });
        await m.EmptyTrucksAsync();
        var kept = await m.PostLoadAsync();
        var gone = await m.PostLoadAsync();
        await m.RunFanOutAsync();
        Assert.Empty(await m.MatchMessagesAsync());
        (await m.World.CancelLoad(m.World.Shipper, gone.Id)).ValueOrThrow();

        Assert.Equal(0, (await m.ReleaseAsync()).Value);
        m.World.Clock.Advance(TimeSpan.FromHours(1));
        var released = await m.ReleaseAsync();
        var again = await m.ReleaseAsync();

        Assert.Equal((3, 0), (released.Value, again.Value));
        var digests = await m.World.Run(db => db.Outbox.AsNoTracking().Where(o => o.TemplateKey == "notifications.match.truck").ToListAsync());
        Assert.Equal(3, digests.Count);
        Assert.All(digests, d => Assert.Equal("1", d.Arguments["count"]));
        var notices = await m.World.Run(db => db.MatchNotices.AsNoTracking().ToListAsync());
        Assert.All(notices.Where(n => n.LoadId == kept.Id), n => Assert.Equal(MatchNoticeStatus.Sent, n.Status));
        Assert.All(notices.Where(n => n.LoadId == gone.Id), n => Assert.Equal(MatchNoticeStatus.Dropped, n.Status));
    }

    [Fact]
    public async Task FanOutTruck_LoadTheCarrierWasAlreadyToldAbout_IsLeftOutOfTheDigest()
    {
        var m = await Market.CreateAsync(_database);
        var first = await m.PostLoadAsync();
        var second = await m.PostLoadAsync(from: "Sheikhupura");
        m.DrainRequests();
        await m.World.Run(async db =>
        {
            db.MatchNotices.Add(MatchNotice.Create(first.Id, m.World.CarrierA.Id, null, 90, hold: false, m.World.Clock));
            return await db.SaveChangesAsync();
        });

        var post = (await m.PostTruckAsync(m.World.CarrierA, "Lahore", "Karachi")).ValueOrThrow();
        var told = await m.FanOutTruckAsync(post.Id);

        Assert.Equal(1, told.Value);
        var digest = Assert.Single(await m.World.Run(db => db.Outbox.AsNoTracking().Where(o => o.TemplateKey == "notifications.match.truck").ToListAsync()));
        Assert.Equal(m.World.CarrierA.Id, digest.RecipientId);
        Assert.Contains("Sheikhupura", digest.Arguments["loads"], StringComparison.Ordinal);
        Assert.Equal(1, await m.World.Run(db => db.MatchNotices.CountAsync(n => n.LoadId == second.Id)));
        Assert.Equal(0, (await m.FanOutTruckAsync(post.Id)).Value);
    }

    [Fact]
    public async Task Interceptor_RolledBackTransaction_LeavesTheIndexAlone()
    {
        var m = await Market.CreateAsync(_database);
        var load = await m.PostLoadAsync();
        Assert.Equal(1, m.Index.OpenLoads);

        await using (var db = m.Context())
        {
            await db.InTransactionAsync<int>(async ct =>
            {
                var row = await db.Loads.SingleAsync(l => l.Id == load.Id, ct);
                row.Cancel(m.World.Clock);
                await db.SaveChangesAsync(ct);
                return Error.Of("errors.conflict");
            });
        }

        Assert.Equal(1, m.Index.OpenLoads);
        await using (var db = m.Context())
        {
            await db.InTransactionAsync<int>(async ct =>
            {
                var row = await db.Loads.SingleAsync(l => l.Id == load.Id, ct);
                row.Cancel(m.World.Clock);
                await db.SaveChangesAsync(ct);
                Assert.Equal(1, m.Index.OpenLoads);
                return 1;
            });
        }

        Assert.Equal(0, m.Index.OpenLoads);
    }

    [Fact]
    public async Task Interceptor_NestedUseCaseRolledBackToItsSavepoint_OnlyTheOuterWorkReachesTheIndex()
    {
        var m = await Market.CreateAsync(_database);
        var kept = await m.PostLoadAsync();
        var cancelled = await m.PostLoadAsync();

        // A chat turn: one outer transaction, two nested use cases; the first fails and rolls back to its savepoint.
        await using (var db = m.Context())
        {
            var outcome = await db.InTransactionAsync<int>(async ct =>
            {
                await db.InTransactionAsync<int>(
                    async inner =>
                    {
                        (await db.Loads.SingleAsync(l => l.Id == kept.Id, inner)).Cancel(m.World.Clock);
                        await db.SaveChangesAsync(inner);
                        return Error.Of("errors.conflict");
                    },
                    ct);
                return await db.InTransactionAsync<int>(
                    async inner =>
                    {
                        (await db.Loads.SingleAsync(l => l.Id == cancelled.Id, inner)).Cancel(m.World.Clock);
                        return await db.SaveChangesAsync(inner);
                    },
                    ct);
            });
            Assert.True(outcome.IsSuccess, outcome.ToString());
        }

        var open = m.Index.SearchLoads(new LoadSearch(m.World.Gazetteer.Get(new("lahore")).Location, 50), m.World.Clock.GetUtcNow());
        Assert.Equal([kept.Id], open.Items.Select(h => h.Load.Id));
        Assert.Equal(LoadStatus.Open, (await m.World.LoadRow(kept.Id)).Status);
    }

    /// <summary>A marketplace world whose contexts carry the market interceptor, like the host's.</summary>
    private sealed class Market
    {
        private Market(MarketplaceWorld world, MatchingOptions options)
        {
            World = world;
            Options = options with { MinNotifyScore = 0 };
            Index = new MarketIndex(world.Gazetteer, world.Vehicles, Options);
            Feed = new MarketFeed(Index);
            Interceptor = new MarketChangeInterceptor(Feed);
        }

        public MarketplaceWorld World { get; }

        public MatchingOptions Options { get; }

        public MarketIndex Index { get; }

        public MarketFeed Feed { get; }

        public MarketChangeInterceptor Interceptor { get; }

        public static async Task<Market> CreateAsync(TestDatabase database, MatchingOptions? options = null)
        {
            var market = new Market(await MarketplaceWorld.CreateAsync(database), options ?? new MatchingOptions());
            await market.RebuildAsync();
            return market;
        }

        public PakLoadDbContext Context() => World.Database.CreateContext(Interceptor);

        public async Task<T> Run<T>(Func<PakLoadDbContext, Task<T>> call)
        {
            await using var db = Context();
            return await call(db);
        }

        public Task<int> RebuildAsync() => Run(async db =>
            (await new RebuildMarketIndexHandler(db, Index, World.Clock).HandleAsync(new RebuildMarketIndexCommand(), default)).Value);

        /// <summary>Carrier A empty in Lahore for Karachi, B in Lahore going anywhere, C in Faisalabad for Karachi.</summary>
        public async Task EmptyTrucksAsync()
        {
            (await PostTruckAsync(World.CarrierA, "Lahore", "Karachi")).ValueOrThrow();
            (await PostTruckAsync(World.CarrierB, "Lahore", null)).ValueOrThrow();
            (await PostTruckAsync(World.CarrierC, "Faisalabad", "Karachi")).ValueOrThrow();
            DrainRequests();
        }

        public Task<Result<EmptyTruckView>> PostTruckAsync(PakLoad.Core.Parties.Party carrier, string at, string? wanted) =>
            Run(db => new PostEmptyTruckHandler(db, World.Clock, World.Gazetteer, World.Vehicles)
                .HandleAsync(new PostEmptyTruckCommand(carrier.Id, "22 wheeler", null, PlaceInput.Named(at), World.Today, wanted), default));

        public async Task<LoadView> PostLoadAsync(string from = "Lahore") =>
            (await Run(db => new PostLoadHandler(db, World.Clock, World.Gazetteer, World.Vehicles)
                .HandleAsync(new PostLoadCommand(World.Shipper.Id, World.Input(from: from)), default))).ValueOrThrow();

        public async Task EditLoadAsync(LoadId id) =>
            (await Run(db => new EditLoadHandler(db, World.Clock, World.Gazetteer, World.Vehicles)
                .HandleAsync(new EditLoadCommand(World.Shipper.Id, id, World.Input(weight: 18)), default))).ValueOrThrow();

        public Task<Result<int>> FanOutLoadAsync(LoadId id) =>
            Run(db => new FanOutLoadHandler(db, Index, World.Clock, World.Gazetteer, World.Vehicles, Options).HandleAsync(new FanOutLoadCommand(id), default));

        public Task<Result<int>> FanOutTruckAsync(CapacityPostId id) =>
            Run(db => new FanOutTruckHandler(db, Index, World.Clock, World.Gazetteer, Options).HandleAsync(new FanOutTruckCommand(id), default));

        public Task<Result<int>> ReleaseAsync() =>
            Run(db => new ReleaseHeldMatchesHandler(db, World.Clock, World.Gazetteer, Options).HandleAsync(new ReleaseHeldMatchesCommand(), default));

        /// <summary>Runs the load fan-outs that commits queued (as the matching worker does); returns carriers told or held.</summary>
        public async Task<int> RunFanOutAsync()
        {
            var total = 0;
            while (Feed.FanOutRequests.TryRead(out var request))
            {
                if (request is FanOutRequest.ForLoad load)
                {
                    total += (await FanOutLoadAsync(load.LoadId)).ValueOrThrow();
                }
            }

            return total;
        }

        public void DrainRequests()
        {
            while (Feed.FanOutRequests.TryRead(out _))
            {
            }
        }

        public Task<List<OutboxMessage>> MatchMessagesAsync() =>
            World.Run(db => db.Outbox.AsNoTracking().Where(o => o.TemplateKey == "notifications.match.load").ToListAsync());
    }
}
