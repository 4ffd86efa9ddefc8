using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;

namespace PakLoad.Core.Trips;

/// <summary>
/// The trips someone is on (as shipper, carrier or driver), newest first, a page at a time. Paging is the
/// marketplace's (<see cref="Paging"/>): out-of-range pages are clamped, never more than 100 rows.
/// </summary>
public sealed record ListTripsQuery(PartyId Actor, TripStatus? Status = null, int Page = 1, int PageSize = Paging.DefaultPageSize);

/// <summary>A row of the list: no check-ins (a long trip has hundreds), and the viewer's possible actions.</summary>
public sealed record TripSummary(
    TripId Id,
    LoadId LoadId,
    PartyId ShipperId,
    PartyId CarrierId,
    PartyId? DriverId,
    TripStatus Status,
    IReadOnlyList<TripTrigger> Actions,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed class ListTripsHandler(IPakLoadDb db)
{
    public async Task<Result<Paged<TripSummary>>> HandleAsync(ListTripsQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var trips = db.Trips.AsNoTracking().VisibleTo(query.Actor);
        if (query.Status is { } status)
        {
            trips = trips.Where(t => t.Status == status);
        }

        // Projected before paging, so the owned check-ins are not loaded with each row.
        return await trips
            .OrderByDescending(t => t.CreatedAt)
            .ThenByDescending(t => t.Id)
            .Select(t => new { t.Id, t.LoadId, t.ShipperId, t.CarrierId, t.DriverId, t.Status, t.CreatedAt, t.UpdatedAt })
            .ToPagedAsync(
                query.Page,
                query.PageSize,
                r => new TripSummary(
                    r.Id,
                    r.LoadId,
                    r.ShipperId,
                    r.CarrierId,
                    r.DriverId,
                    r.Status,
                    TripPermissions.Actions(r.Status, TripPermissions.RolesOf(query.Actor, r.ShipperId, r.CarrierId, r.DriverId)),
                    r.CreatedAt,
                    r.UpdatedAt),
                ct);
    }
}
