using PakLoad.Core.Common;
using PakLoad.Core.Trips;

namespace PakLoad.Core.Bookings;

/// <summary>A booking as its shipper and carrier see it, with its trip's id and where the trip stands.</summary>
public sealed record BookingView(
    BookingId Id,
    LoadId LoadId,
    BidId BidId,
    PartyId ShipperId,
    PartyId CarrierId,
    Money AgreedPrice,
    DateTimeOffset CreatedAt,
    TripId? TripId,
    TripStatus? TripStatus)
{
    public static BookingView Of(Booking booking, Trip? trip)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return new BookingView(
            booking.Id, booking.LoadId, booking.BidId, booking.ShipperId, booking.CarrierId, booking.AgreedPrice, booking.CreatedAt, trip?.Id, trip?.Status);
    }
}
