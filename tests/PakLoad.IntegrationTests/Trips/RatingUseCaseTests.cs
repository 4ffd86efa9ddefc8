using PakLoad.Core.Common;
using PakLoad.Core.Trips;

namespace PakLoad.IntegrationTests.Trips;

/// <summary>Ratings after a trip, and the reliability they feed, against real PostgreSQL.</summary>
public sealed class RatingUseCaseTests(TripDatabase fixture) : IClassFixture<TripDatabase>
{
    [Fact]
    public async Task Rate_AfterCompletion_ShipperAndCarrierRateEachOther()
    {
        var world = await TripWorld.CreateAsync(fixture.Database, TripStatus.Completed);

        var byShipper = await world.RateAsync(world.Shipper, 5, "  Bohat acha driver ");
        var byCarrier = await world.RateAsync(world.Carrier, 3);

        Assert.True(byShipper.IsSuccess, byShipper.ToString());
        Assert.True(byCarrier.IsSuccess, byCarrier.ToString());
        var saved = (await world.RatingsAsync()).OrderByDescending(r => r.Stars).ToList();
        Assert.Equal(
            [(world.Shipper.Id, world.Carrier.Id, 5, "Bohat acha driver"), (world.Carrier.Id, world.Shipper.Id, 3, null)],
            saved.Select(r => (r.FromPartyId, r.ToPartyId, r.Stars, r.Comment)));
        var booking = (await world.ReadTripAsync()).BookingId;
        Assert.All(saved, r => Assert.Equal(booking, r.BookingId));
    }

    [Fact]
    public async Task Rate_Twice_SecondIsRefusedAsDuplicateByTheDatabase()
    {
        var world = await TripWorld.CreateAsync(fixture.Database, TripStatus.Completed);
        Assert.True((await world.RateAsync(world.Shipper, 4)).IsSuccess);

        var again = await world.RateAsync(world.Shipper, 1, "changed my mind");

        Assert.Equal("errors.rating.duplicate", again.Error?.Key);
        Assert.Equal(4, Assert.Single(await world.RatingsAsync()).Stars);
    }

    [Fact]
    public async Task Rate_TwiceAtTheSameMoment_OneWinsAndTheOtherIsDuplicate()
    {
        var world = await TripWorld.CreateAsync(fixture.Database, TripStatus.Completed);

        var results = await Task.WhenAll(world.RateAsync(world.Carrier, 5), world.RateAsync(world.Carrier, 2));

        Assert.Single(results, r => r.IsSuccess);
        Assert.Single(results, r => r.Error?.Key == "errors.rating.duplicate");
        Assert.Single(await world.RatingsAsync());
    }

    [Theory]
    [InlineData(TripStatus.Delivered, "shipper")]
    [InlineData(TripStatus.InTransit, "carrier")]
    [InlineData(TripStatus.Cancelled, "shipper")]
    [InlineData(TripStatus.Disputed, "carrier")]
    [InlineData(TripStatus.Completed, "driver")]
    public async Task Rate_NotCompletedOrNotTheDealsParties_IsRefusedAsNotAllowed(TripStatus status, string who)
    {
        var world = await TripWorld.CreateAsync(fixture.Database, status);

        var result = await world.RateAsync(world.Named(who), 5);

        Assert.Equal("errors.rating.not_allowed", result.Error?.Key);
        Assert.Empty(await world.RatingsAsync());
    }

    [Fact]
    public async Task Rate_UnknownTrip_IsNotFound()
    {
        var world = await TripWorld.CreateAsync(fixture.Database, TripStatus.Completed);

        var result = await world.RateAsync(world.Shipper, 5, trip: TripId.From(Guid.CreateVersion7()));

        Assert.Equal("errors.not_found", result.Error?.Key);
    }

    [Fact]
    public async Task Rate_SomeoneElsesTrip_IsNotFound()
    {
        var world = await TripWorld.CreateAsync(fixture.Database, TripStatus.Completed);

        var result = await world.RateAsync(world.Named("stranger"), 5);

        Assert.Equal("errors.not_found", result.Error?.Key);
        Assert.Empty(await world.RatingsAsync());
    }

    [Theory]
    [InlineData(0, null, "errors.rating.stars_invalid")]
    [InlineData(6, null, "errors.rating.stars_invalid")]
    [InlineData(4, "tab\tinside", "errors.rating.comment_invalid")]
    public async Task Rate_InvalidRating_IsRefusedAndSavesNothing(int stars, string? comment, string error)
    {
        var world = await TripWorld.CreateAsync(fixture.Database, TripStatus.Completed);

        var result = await world.RateAsync(world.Shipper, stars, comment);

        Assert.Equal(error, result.Error?.Key);
        Assert.Empty(await world.RatingsAsync());
    }

    [Fact]
    public async Task Reliability_CarrierWithEndedTrips_CountsEachEndingPerSideAndAveragesStars()
    {
        // Arrange: as carrier 3 completed, 1 cancelled, 2 disputed, 1 still on the road; rated 5, 4 and 4.
        var world = await TripWorld.CreateAsync(fixture.Database, TripStatus.Completed);
        var second = (await world.AddTripAsync(TripStatus.Completed)).Id;
        var third = (await world.AddTripAsync(TripStatus.Completed)).Id;
        await world.AddTripAsync(TripStatus.Cancelled);
        await world.AddTripAsync(TripStatus.Disputed);
        await world.AddTripAsync(TripStatus.Disputed);
        await world.AddTripAsync(TripStatus.InTransit);
        Assert.True((await world.RateAsync(world.Shipper, 5)).IsSuccess);
        Assert.True((await world.RateAsync(world.Shipper, 4, trip: second)).IsSuccess);
        Assert.True((await world.RateAsync(world.Shipper, 4, trip: third)).IsSuccess);
        Assert.True((await world.RateAsync(world.Carrier, 2)).IsSuccess);

        // Act
        var carrier = await world.ReliabilityAsync(world.Carrier.Id);
        var shipper = await world.ReliabilityAsync(world.Shipper.Id);

        // Assert
        Assert.True(carrier.IsSuccess, carrier.ToString());
        Assert.Equal(new(3, 1, 2), carrier.Value.AsCarrier);
        Assert.Equal(new(0, 0, 0), carrier.Value.AsShipper);
        Assert.Equal((4.3, 3), (carrier.Value.AverageStars, carrier.Value.RatingCount));
        Assert.Equal(new(3, 1, 2), shipper.Value!.AsShipper);
        Assert.Equal(new(0, 0, 0), shipper.Value.AsCarrier);
        Assert.Equal((2.0, 1), (shipper.Value.AverageStars, shipper.Value.RatingCount));
    }

    [Fact]
    public async Task Reliability_NewParty_IsZerosWithoutAverage()
    {
        var world = await TripWorld.CreateAsync(fixture.Database);

        var result = await world.ReliabilityAsync(world.Stranger.Id);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(new(0, 0, 0), result.Value.AsCarrier);
        Assert.Equal(new(0, 0, 0), result.Value.AsShipper);
        Assert.Equal(((double?)null, 0), (result.Value.AverageStars, result.Value.RatingCount));
    }

    [Fact]
    public async Task Reliability_UnknownParty_IsNotFound()
    {
        var world = await TripWorld.CreateAsync(fixture.Database);

        var result = await world.ReliabilityAsync(PartyId.From(Guid.CreateVersion7()));

        Assert.Equal("errors.not_found", result.Error?.Key);
    }
}
