using PakLoad.Core.Common;

namespace PakLoad.Core.Trips;

/// <summary>
/// A trip as its shipper, carrier or driver sees it. Never the delivery code's hash (an offline guess at a
/// 6-digit code needs only the hash and the trip id). <see cref="Actions"/> are what this viewer may do now.
/// </summary>
public sealed record TripView(
    TripId Id,
    BookingId BookingId,
    LoadId LoadId,
    PartyId ShipperId,
    PartyId CarrierId,
    PartyId? DriverId,
    TripStatus Status,
    int DeliveryCodeAttemptsLeft,
    IReadOnlyList<TripCheckIn> CheckIns,
    IReadOnlyList<TripTrigger> Actions,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static TripView Of(Trip trip, PartyId viewer)
    {
        ArgumentNullException.ThrowIfNull(trip);
        return new TripView(
            trip.Id,
            trip.BookingId,
            trip.LoadId,
            trip.ShipperId,
            trip.CarrierId,
            trip.DriverId,
            trip.Status,
            Math.Max(0, DeliveryCode.MaxAttempts - trip.DeliveryCodeAttempts),
            trip.CheckIns.OrderBy(c => c.At).ToArray(),
            trip.ActionsFor(viewer),
            trip.CreatedAt,
            trip.UpdatedAt);
    }
}
