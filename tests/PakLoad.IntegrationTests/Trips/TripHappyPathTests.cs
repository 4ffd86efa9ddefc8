using PakLoad.Core.Data.ReferenceData;
using PakLoad.Core.Places;
using PakLoad.Core.Trips;
using PakLoad.Core.Vehicles;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Trips;

/// <summary>A whole trip through the use cases, on each database PakLoad runs on.</summary>
public sealed class TripHappyPathTests
{
    public static TheoryData<Provider> Providers => new() { Provider.Postgres, Provider.Sqlite };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Trip_FromBookingToRatings_EveryStepSavedWithItsMessages(Provider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            await ReferenceDataSeeder.SeedAsync(db, Gazetteer.Default, VehicleCatalogue.Default);
        }

        var world = await TripWorld.CreateAsync(database);
        var clock = world.Clock;

        // Act: the carrier names the driver, the driver reports the road, the consignee's code, the shipper confirms.
        Assert.True((await world.AssignAsync(world.Carrier, phone: world.Driver.Phone.National)).IsSuccess);
        foreach (var (milestone, reached) in new[]
                 {
                     (TripMilestone.ArriveAtPickup, TripStatus.AtPickup),
                     (TripMilestone.Load, TripStatus.Loaded),
                     (TripMilestone.Depart, TripStatus.InTransit),
                 })
        {
            clock.Advance(TimeSpan.FromMinutes(30));
            Assert.Equal(reached, (await world.AdvanceAsync(world.Driver, milestone)).Value?.Status);
        }

        clock.Advance(TimeSpan.FromHours(4));
        var firstAt = clock.GetUtcNow();
        Assert.True((await world.CheckInAsync(world.Driver, 27.70, 68.86)).IsSuccess);
        clock.Advance(TimeSpan.FromHours(4));
        Assert.True((await world.CheckInAsync(world.Driver, 30.19, 71.47)).IsSuccess);
        clock.Advance(TimeSpan.FromHours(4));
        Assert.True((await world.AdvanceAsync(world.Driver, TripMilestone.Arrive)).IsSuccess);
        Assert.Equal("errors.trip.code_wrong", (await world.ConfirmAsync(world.Driver, TripUseCaseTests.Wrong(world.Code))).Error?.Key);
        Assert.Equal(TripStatus.Delivered, (await world.ConfirmAsync(world.Driver, world.Code)).Value?.Status);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(TripStatus.Completed, (await world.AdvanceAsync(world.Shipper, TripMilestone.Complete)).Value?.Status);
        var shipperRates = await world.RateAsync(world.Shipper, 5, "Waqt par, maal mehfooz.");
        var carrierRates = await world.RateAsync(world.Carrier, 4);
        var reliability = await world.ReliabilityAsync(world.Carrier.Id);

        // Assert
        var trip = await world.ReadTripAsync();
        Assert.Equal((TripStatus.Completed, world.Driver.Id, 1), (trip.Status, trip.DriverId!.Value, trip.DeliveryCodeAttempts));
        Assert.Equal([(27.70, 68.86, firstAt), (30.19, 71.47, firstAt.AddHours(4))], trip.CheckIns.Select(c => (c.Latitude, c.Longitude, c.At)));
        var outbox = await world.OutboxAsync();
        Assert.Equal(
            [
                "notifications.trip.driver_assigned", "notifications.trip.at_pickup", "notifications.trip.loaded", "notifications.trip.in_transit",
                "notifications.trip.arrived", "notifications.trip.delivered", "notifications.trip.completed",
            ],
            outbox.Select(o => o.TemplateKey).Distinct());
        Assert.Equal(14, outbox.Count); // two others told of each of the seven steps; check-ins tell nobody
        Assert.Equal(outbox.Count, outbox.Select(o => o.DedupeKey).Distinct().Count());
        Assert.True(shipperRates.IsSuccess, shipperRates.ToString());
        Assert.True(carrierRates.IsSuccess, carrierRates.ToString());
        Assert.Equal(world.Carrier.Id, shipperRates.Value.ToPartyId);
        Assert.Equal(world.Shipper.Id, carrierRates.Value.ToPartyId);
        Assert.Equal(2, (await world.RatingsAsync()).Count);
        Assert.Equal((1, 0, 0), (reliability.Value!.AsCarrier.Completed, reliability.Value.AsCarrier.Cancelled, reliability.Value.AsCarrier.Disputed));
        Assert.Equal((5.0, 1), (reliability.Value.AverageStars, reliability.Value.RatingCount));
    }
}
