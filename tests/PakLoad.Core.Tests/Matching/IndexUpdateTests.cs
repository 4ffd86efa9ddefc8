using PakLoad.Core.Common;
using PakLoad.Core.Matching;

namespace PakLoad.Core.Tests.Matching;

/// <summary>Changes arrive twice and out of order (commit notice and catch-up read): the index keeps the newest.</summary>
public sealed class IndexUpdateTests
{
    private static LoadSearch Around(string city, double km = 30, PartyId? viewer = null) => new(MarketWorld.At(city), km, viewer);

    [Fact]
    public void Apply_OlderCopyAfterANewerOne_IsIgnored()
    {
        using var world = new MarketWorld();
        var v0 = MarketWorld.Load("lahore", "karachi", kg: 10_000, version: 0);
        var v1 = v0 with { WeightKg = 12_000, Version = 1 };
        world.Add(v1);
        world.Add(v0);

        var hit = Assert.Single(world.Index.SearchLoads(Around("lahore"), MarketWorld.Now).Items);
        Assert.Equal(12_000, hit.Load.WeightKg);
    }

    [Fact]
    public void Apply_BookedThenALateOpenCopy_DoesNotBringTheLoadBack()
    {
        using var world = new MarketWorld();
        var open = MarketWorld.Load("lahore", "karachi", version: 0);
        world.Add(open);
        world.Add(open with { IsOpen = false, Version = 1 });
        world.Add(open);

        Assert.Equal(0, world.Index.SearchLoads(Around("lahore"), MarketWorld.Now).Total);
        Assert.Equal(0, world.Index.OpenLoads);
    }

    [Fact]
    public void Apply_EditMovingThePickup_FindsItOnlyAtTheNewPlace()
    {
        using var world = new MarketWorld();
        var load = MarketWorld.Load("lahore", "karachi");
        world.Add(load);
        world.Add(load with { OriginCity = new("multan"), Origin = MarketWorld.At("multan"), Version = 1 });

        Assert.Equal(0, world.Index.SearchLoads(Around("lahore"), MarketWorld.Now).Total);
        Assert.Equal(load.Id, Assert.Single(world.Index.SearchLoads(Around("multan"), MarketWorld.Now).Items).Load.Id);
    }

    [Fact]
    public void SearchLoads_PrivateLoad_OnlyItsShipperSeesIt()
    {
        using var world = new MarketWorld();
        var shipper = MarketWorld.NewParty();
        world.Add(MarketWorld.Load("karachi", "lahore", shipper: shipper, isPublic: false));

        Assert.Equal(0, world.Index.SearchLoads(Around("karachi"), MarketWorld.Now).Total);
        Assert.Equal(0, world.Index.SearchLoads(Around("karachi", viewer: MarketWorld.NewParty()), MarketWorld.Now).Total);
        Assert.Equal(1, world.Index.SearchLoads(Around("karachi", viewer: shipper), MarketWorld.Now).Total);
    }

    [Fact]
    public void SearchLoads_PastItsPickupWindow_IsGoneBeforeAnyJobRuns()
    {
        using var world = new MarketWorld();
        world.Add(MarketWorld.Load("karachi", "lahore", window: 0));

        Assert.Equal(1, world.Index.SearchLoads(Around("karachi"), MarketWorld.Now).Total);
        Assert.Equal(0, world.Index.SearchLoads(Around("karachi"), MarketWorld.Now.AddDays(1)).Total);
    }

    [Fact]
    public void SearchLoads_PointOutsideTheGrid_IsStillFoundByARadiusThatReachesIt()
    {
        using var world = new MarketWorld();
        var kabul = new PakLoad.Core.Places.GeoPoint(34.53, 69.17);
        var load = MarketWorld.Load("peshawar", "karachi", at: kabul);
        world.Add(load);

        Assert.Equal(1, world.Index.SearchLoads(new LoadSearch(MarketWorld.At("peshawar"), 300), MarketWorld.Now).Total);
        Assert.Equal(0, world.Index.SearchLoads(new LoadSearch(MarketWorld.At("peshawar"), 150), MarketWorld.Now).Total);
    }

    [Fact]
    public void SearchLoads_SortedByPrice_HighestFirstUnpricedLast()
    {
        using var world = new MarketWorld();
        var cheap = MarketWorld.Load("karachi", "lahore", priceRupees: 100_000);
        var dear = MarketWorld.Load("karachi", "lahore", priceRupees: 300_000);
        var open = MarketWorld.Load("karachi", "lahore");
        world.Add(cheap, open, dear);

        var page = world.Index.SearchLoads(Around("karachi") with { Sort = LoadSort.Price }, MarketWorld.Now);

        Assert.Equal([dear.Id, cheap.Id, open.Id], page.Items.Select(h => h.Load.Id));
    }
}
