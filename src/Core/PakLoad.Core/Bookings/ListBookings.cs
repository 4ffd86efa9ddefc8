using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;

namespace PakLoad.Core.Bookings;

/// <summary>The bookings a party is in, as shipper or as carrier, newest first.</summary>
public sealed record ListBookingsQuery(PartyId ActorId, int Page = 1, int PageSize = Paging.DefaultPageSize);

public sealed class ListBookingsHandler(IPakLoadDb db)
{
    public async Task<Result<Paged<BookingView>>> HandleAsync(ListBookingsQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var actor = query.ActorId;
        var page = await db.Bookings.AsNoTracking()
            .Where(b => b.ShipperId == actor || b.CarrierId == actor)
            .OrderByDescending(b => b.CreatedAt)
            .ThenByDescending(b => b.Id)
            .ToPagedAsync(query.Page, query.PageSize, b => b, ct);

        var bookingIds = page.Items.Select(b => b.Id).ToList();
        var trips = await db.Trips.AsNoTracking().Where(t => bookingIds.Contains(t.BookingId)).ToDictionaryAsync(t => t.BookingId, ct);
        var items = page.Items.Select(b => BookingView.Of(b, trips.GetValueOrDefault(b.Id))).ToList();
        return new Paged<BookingView>(items, page.Page, page.PageSize, page.Total);
    }
}
