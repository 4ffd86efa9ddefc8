using PakLoad.Core.Bids;
using PakLoad.Core.Bookings;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Tests.Loads;
using PakLoad.Core.Trips;

// Booking.From(bid) and Trip.Start: kept in Bids/ because a PakLoad.Core.Tests.Bookings namespace would shadow
// PakLoad.Core.Bookings for sibling test folders that write Bookings.Booking.
namespace PakLoad.Core.Tests.Bids;

public sealed class BookingFromBidTests
{
    [Fact]
    public void From_AcceptedBid_CarriesThePartiesAndTheAgreedAmount()
    {
        var clock = TestLoads.Clock();
        var load = TestLoads.Open(clock);
        var bid = Bid.Place(load, TestLoads.Carrier, Money.FromRupees(120_000), Bid.DefaultLifetime, clock).ValueOrThrow();
        bid.Counter(BidSide.Shipper, Money.FromRupees(110_000), Bid.DefaultLifetime, clock).ValueOrThrow();
        bid.Accept(BidSide.Carrier, clock).ValueOrThrow();

        var booking = Booking.From(bid, clock);

        Assert.Equal(
            (load.Id, bid.Id, TestLoads.Shipper, TestLoads.Carrier, Money.FromRupees(110_000), TestLoads.Now),
            (booking.LoadId, booking.BidId, booking.ShipperId, booking.CarrierId, booking.AgreedPrice, booking.CreatedAt));
    }

    [Fact]
    public void From_BidNotAccepted_IsABug()
    {
        var clock = TestLoads.Clock();
        var bid = Bid.Place(TestLoads.Open(clock), TestLoads.Carrier, Money.FromRupees(1), Bid.DefaultLifetime, clock).ValueOrThrow();

        Assert.Throws<InvalidOperationException>(() => Booking.From(bid, clock));
    }

    [Fact]
    public void TripStart_FromABooking_GivesASixDigitCodeOnlyItsHashIsKept()
    {
        var clock = TestLoads.Clock();
        var bid = Bid.BookAtFixedPrice(TestLoads.Open(clock, RateMode.Fixed), TestLoads.Carrier, clock).ValueOrThrow();
        var booking = Booking.From(bid, clock);

        var (trip, code) = Trip.Start(booking, clock);

        Assert.Matches("^[0-9]{6}$", code);
        Assert.Equal((booking.Id, booking.LoadId, TripStatus.Booked), (trip.BookingId, trip.LoadId, trip.Status));
        Assert.DoesNotContain(code, trip.DeliveryCodeHash, StringComparison.Ordinal);
        Assert.True(DeliveryCode.Matches(trip.Id, code, trip.DeliveryCodeHash));
        Assert.False(DeliveryCode.Matches(trip.Id, code == "000000" ? "000001" : "000000", trip.DeliveryCodeHash));
    }
}
