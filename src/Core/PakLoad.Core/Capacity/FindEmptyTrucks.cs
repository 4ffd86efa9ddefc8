using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Capacity;

/// <summary>
/// Empty trucks for a shipper: open posts not yet lapsed, optionally in one city, of one vehicle class, and free
/// on one day (a post covers <see cref="CapacityPost.LifetimeDays"/> days from its first).
/// </summary>
public sealed record FindEmptyTrucksQuery(
    string? City = null,
    string? VehicleClass = null,
    DateOnly? Date = null,
    int Page = 1,
    int PageSize = Paging.DefaultPageSize);

public sealed class FindEmptyTrucksHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer, VehicleCatalogue vehicles)
{
    public async Task<Result<Paged<EmptyTruckView>>> HandleAsync(FindEmptyTrucksQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = clock.GetUtcNow();
        var posts = db.CapacityPosts.AsNoTracking().Where(c => c.Status == CapacityStatus.Open && c.ExpiresAt > now);

        if (!string.IsNullOrWhiteSpace(query.City))
        {
            var place = PlaceInput.Named(query.City).Resolve(gazetteer);
            if (!place.IsSuccess)
            {
                return place.Error;
            }

            var city = place.Value.City;
            posts = posts.Where(c => c.EmptyAtCity == city);
        }

        if (!string.IsNullOrWhiteSpace(query.VehicleClass))
        {
            var vehicle = vehicles.FindClass(query.VehicleClass);
            if (!vehicle.IsSuccess)
            {
                return vehicle.Error;
            }

            var id = vehicle.Value.Id;
            posts = posts.Where(c => c.VehicleClass == id);
        }

        if (query.Date is { } day)
        {
            // Free on that day: available by then, and the post lasts at least until that day ends.
            var endOfDay = PakistanTime.EndOf(day).ToUniversalTime();
            posts = posts.Where(c => c.AvailableFrom <= day && c.ExpiresAt >= endOfDay);
        }

        var ordered = posts.OrderBy(c => c.AvailableFrom).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id);
        return await ordered.ToPagedAsync(query.Page, query.PageSize, EmptyTruckView.Of, ct);
    }
}
