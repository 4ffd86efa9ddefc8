using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Capacity;
using PakLoad.Core.Loads;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Marketplace;

public sealed class ExpireEmptyTrucksTests(MarketplaceDatabases databases) : IClassFixture<MarketplaceDatabases>
{
    public static TheoryData<Provider> Providers => new() { Provider.Postgres, Provider.Sqlite };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ExpireEmptyTrucks_PastTheirDays_ExpiresThemOnceAndLeavesTheRest(Provider provider)
    {
        var world = await MarketplaceWorld.CreateAsync(await databases.GetAsync(provider));
        var soon = (await world.PostEmptyTruck(new PostEmptyTruckCommand(
            world.CarrierA.Id, "mazda", null, PlaceInput.Named("Lahore"), world.Today, null))).ValueOrThrow();
        var later = (await world.PostEmptyTruck(new PostEmptyTruckCommand(
            world.CarrierB.Id, "mazda", null, PlaceInput.Named("Lahore"), world.Today.AddDays(10), null))).ValueOrThrow();
        world.Clock.Advance(TimeSpan.FromDays(CapacityPost.LifetimeDays + 1));

        var first = await world.Run(db => new ExpireEmptyTrucksHandler(db, world.Clock).HandleAsync(new ExpireEmptyTrucksCommand(), default));
        var second = await world.Run(db => new ExpireEmptyTrucksHandler(db, world.Clock).HandleAsync(new ExpireEmptyTrucksCommand(), default));

        Assert.True(first.ValueOrThrow() >= 1);
        Assert.Equal(0, second.ValueOrThrow());
        var rows = await world.Run(db => db.CapacityPosts.AsNoTracking().Where(c => c.Id == soon.Id || c.Id == later.Id).ToListAsync());
        Assert.Equal(CapacityStatus.Expired, rows.Single(r => r.Id == soon.Id).Status);
        Assert.Equal(CapacityStatus.Open, rows.Single(r => r.Id == later.Id).Status);
    }
}
