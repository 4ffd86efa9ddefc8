using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Trips;

namespace PakLoad.Core.Tests.Trips;

public sealed class TripViewTests
{
    [Fact]
    public void Of_AnyTrip_NeverCarriesTheCodeHash()
    {
        var (trip, code) = TestTrips.At(TripStatus.Arrived, new FakeTimeProvider(TestTrips.Start));

        var view = TripView.Of(trip, TestTrips.Shipper);

        Assert.DoesNotContain(typeof(TripView).GetProperties(), p => p.Name.Contains("Hash", StringComparison.Ordinal));
        Assert.DoesNotContain(trip.DeliveryCodeHash, view.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(code, view.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Of_TripAfterTwoWrongCodes_ShowsThreeAttemptsLeft()
    {
        var clock = new FakeTimeProvider(TestTrips.Start);
        var (trip, code) = TestTrips.At(TripStatus.Arrived, clock);
        trip.Deliver(TripDeliveryTests.Wrong(code), clock);
        trip.Deliver(TripDeliveryTests.Wrong(code), clock);

        var view = TripView.Of(trip, TestTrips.Driver);

        Assert.Equal(3, view.DeliveryCodeAttemptsLeft);
        Assert.Equal([TripTrigger.Deliver], view.Actions);
        Assert.Equal((trip.Id, trip.Status, trip.DriverId), (view.Id, view.Status, view.DriverId));
    }
}
