using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;

namespace PakLoad.Core.Bookings;

/// <summary>One booking, for its shipper or its carrier; anyone else gets errors.not_found.</summary>
public sealed record GetBookingQuery(PartyId ActorId, BookingId BookingId);

public sealed class GetBookingHandler(IPakLoadDb db)
{
    public async Task<Result<BookingView>> HandleAsync(GetBookingQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var booking = await db.Bookings.AsNoTracking()
            .SingleOrDefaultAsync(b => b.Id == query.BookingId && (b.ShipperId == query.ActorId || b.CarrierId == query.ActorId), ct);
        if (booking is null)
        {
            return Error.Of("errors.not_found");
        }

        var trip = await db.Trips.AsNoTracking().SingleOrDefaultAsync(t => t.BookingId == booking.Id, ct);
        return BookingView.Of(booking, trip);
    }
}
