using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Capacity;
using PakLoad.Core.Loads;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Marketplace;

public sealed class CapacityHandlerTests(MarketplaceDatabases databases) : IClassFixture<MarketplaceDatabases>
{
    public static TheoryData<Provider> Providers => new() { Provider.Postgres, Provider.Sqlite };

    private async Task<MarketplaceWorld> World(Provider provider) => await MarketplaceWorld.CreateAsync(await databases.GetAsync(provider));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PostEmptyTruck_ByCarrierWithPin_StoresTheNearestCityAndThePin(Provider provider)
    {
        var world = await World(provider);

        var posted = await world.PostEmptyTruck(new PostEmptyTruckCommand(
            world.CarrierA.Id, "bais wheeler", "phatta", PlaceInput.Pinned(24.85, 67.00), world.Today.AddDays(1), "لاہور"));

        Assert.True(posted.IsSuccess, posted.ToString());
        var row = await world.Run(db => db.CapacityPosts.AsNoTracking().SingleAsync(c => c.Id == posted.Value.Id));
        Assert.Equal(world.CarrierA.Id, row.CarrierId);
        Assert.Equal("karachi", row.EmptyAtCity.Value);
        Assert.Equal((24.85, 67.00), (row.EmptyAtLatitude, row.EmptyAtLongitude));
        Assert.Equal("22-wheeler", row.VehicleClass.Value);
        Assert.Equal("flatbed", row.Body?.Value);
        Assert.Equal("lahore", row.WantedDestination?.Value);
        Assert.Equal(CapacityStatus.Open, row.Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 19, 0, 0, TimeSpan.Zero), row.ExpiresAt);
    }

    public static TheoryData<Provider, string, string?, string> Refusals => new()
    {
        { Provider.Postgres, "spaceship", null, "errors.vehicle.unknown" },
        { Provider.Sqlite, "spaceship", null, "errors.vehicle.unknown" },
        { Provider.Postgres, "mazda", "glass", "errors.body.unknown" },
        { Provider.Postgres, "mazda", null, "errors.capacity.date_invalid" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task PostEmptyTruck_BadInput_IsRefusedWithItsKey(Provider provider, string vehicle, string? body, string key)
    {
        var world = await World(provider);
        var day = key == "errors.capacity.date_invalid" ? world.Today.AddDays(-1) : world.Today;

        var posted = await world.PostEmptyTruck(new PostEmptyTruckCommand(world.CarrierA.Id, vehicle, body, PlaceInput.Named("Lahore"), day));

        Assert.Equal(key, posted.Error?.Key);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PostEmptyTruck_ByShipperOnly_IsForbidden(Provider provider)
    {
        var world = await World(provider);

        var posted = await world.PostEmptyTruck(new PostEmptyTruckCommand(world.Shipper.Id, "mazda", null, PlaceInput.Named("Lahore"), world.Today));

        Assert.Equal("errors.forbidden", posted.Error?.Key);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CloseEmptyTruck_ByOwner_ClosesIt(Provider provider)
    {
        var world = await World(provider);
        var post = (await world.PostEmptyTruck(new PostEmptyTruckCommand(world.CarrierA.Id, "mazda", null, PlaceInput.Named("Lahore"), world.Today))).ValueOrThrow();

        var closed = await world.CloseEmptyTruck(world.CarrierA, post.Id);
        var again = await world.CloseEmptyTruck(world.CarrierA, post.Id);

        Assert.Equal(CapacityStatus.Closed, closed.ValueOrThrow().Status);
        Assert.Equal("errors.capacity.not_open", again.Error?.Key);
        Assert.Equal(CapacityStatus.Closed, (await world.Run(db => db.CapacityPosts.AsNoTracking().SingleAsync(c => c.Id == post.Id))).Status);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CloseEmptyTruck_ByAnotherCarrier_IsNotFoundAndLeavesItOpen(Provider provider)
    {
        var world = await World(provider);
        var post = (await world.PostEmptyTruck(new PostEmptyTruckCommand(world.CarrierA.Id, "mazda", null, PlaceInput.Named("Lahore"), world.Today))).ValueOrThrow();

        var closed = await world.CloseEmptyTruck(world.CarrierB, post.Id);

        Assert.Equal("errors.not_found", closed.Error?.Key);
        Assert.Equal(CapacityStatus.Open, (await world.Run(db => db.CapacityPosts.AsNoTracking().SingleAsync(c => c.Id == post.Id))).Status);
    }
}
