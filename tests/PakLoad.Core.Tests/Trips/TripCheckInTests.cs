using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Places;
using PakLoad.Core.Trips;

namespace PakLoad.Core.Tests.Trips;

public sealed class TripCheckInTests
{
    private readonly FakeTimeProvider _clock = new(TestTrips.Start);

    [Fact]
    public void CheckIn_InTransitThreeTimes_KeepsThePointsInOrderWithTheirTimes()
    {
        var (trip, _) = TestTrips.At(TripStatus.InTransit, _clock);
        var points = new[] { new GeoPoint(25.39, 68.37), new GeoPoint(27.70, 68.86), new GeoPoint(30.19, 71.47) };
        var times = new List<DateTimeOffset>();

        foreach (var point in points)
        {
            _clock.Advance(TimeSpan.FromHours(2));
            times.Add(_clock.GetUtcNow());
            Assert.True(trip.CheckIn(point, _clock).IsSuccess);
        }

        Assert.Equal(
            points.Zip(times, (p, t) => new TripCheckIn(p.Latitude, p.Longitude, t)),
            trip.CheckIns);
        Assert.Equal(TripStatus.InTransit, trip.Status);
    }

    [Theory]
    [InlineData(90.0001, 70)]
    [InlineData(-90.5, 70)]
    [InlineData(30, 180.0001)]
    [InlineData(30, -181)]
    [InlineData(double.NaN, 70)]
    [InlineData(30, double.NaN)]
    [InlineData(double.PositiveInfinity, 70)]
    [InlineData(30, double.NegativeInfinity)]
    public void CheckIn_CoordinatesOffTheMap_IsRefusedAndChangesNothing(double latitude, double longitude)
    {
        var (trip, _) = TestTrips.At(TripStatus.InTransit, _clock);
        var before = TripState.Of(trip);

        var result = trip.CheckIn(new GeoPoint(latitude, longitude), _clock);

        Assert.Equal("errors.load.location_invalid", result.Error?.Key);
        Assert.Equal(before, TripState.Of(trip));
    }

    [Theory]
    [InlineData(90, 180)]
    [InlineData(-90, -180)]
    [InlineData(0, 0)]
    public void CheckIn_CoordinatesOnTheEdgeOfTheMap_IsAccepted(double latitude, double longitude)
    {
        var (trip, _) = TestTrips.At(TripStatus.InTransit, _clock);

        var result = trip.CheckIn(new GeoPoint(latitude, longitude), _clock);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(new TripCheckIn(latitude, longitude, _clock.GetUtcNow()), Assert.Single(trip.CheckIns));
    }

    [Theory]
    [InlineData(TripStatus.Loaded)]
    [InlineData(TripStatus.Arrived)]
    [InlineData(TripStatus.Delivered)]
    public void CheckIn_OffTheRoad_IsRefusedAndRecordsNothing(TripStatus status)
    {
        var (trip, _) = TestTrips.At(status, _clock);
        var before = TripState.Of(trip);

        var result = trip.CheckIn(TestTrips.OnTheMotorway, _clock);

        Assert.Equal("errors.trip.transition_invalid", result.Error?.Key);
        Assert.Equal(before, TripState.Of(trip));
    }
}
