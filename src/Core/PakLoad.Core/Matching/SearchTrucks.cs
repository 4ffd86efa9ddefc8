using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Matching;

/// <summary>Empty trucks near a city or pin, for shippers and brokers: nearest first, optionally one class, body, free day.</summary>
public sealed record TrucksNearQuery(
    PlaceInput Near,
    double RadiusKm = SearchLimits.DefaultRadiusKm,
    string? VehicleClass = null,
    string? Body = null,
    DateOnly? FreeOn = null,
    int Page = 1,
    int PageSize = Paging.DefaultPageSize);

public sealed class TrucksNearHandler(IPakLoadDb db, MarketIndex index, TimeProvider clock, Gazetteer gazetteer, VehicleCatalogue vehicles)
{
    public async Task<Result<Paged<TruckHit>>> HandleAsync(TrucksNearQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var near = (query.Near ?? new PlaceInput(null)).Resolve(gazetteer);
        if (!near.IsSuccess)
        {
            return near.Error;
        }

        if (SearchLoadsHandler.Radius(query.RadiusKm) is { } radiusError)
        {
            return radiusError;
        }

        VehicleClassId? vehicle = null;
        if (!string.IsNullOrWhiteSpace(query.VehicleClass))
        {
            var found = vehicles.FindClass(query.VehicleClass);
            if (!found.IsSuccess)
            {
                return found.Error;
            }

            vehicle = found.Value.Id;
        }

        BodyTypeId? body = null;
        if (!string.IsNullOrWhiteSpace(query.Body))
        {
            var found = vehicles.FindBody(query.Body);
            if (!found.IsSuccess)
            {
                return found.Error;
            }

            body = found.Value.Id;
        }

        var search = new TruckSearch(near.Value.Point, query.RadiusKm, vehicle, body, query.FreeOn, query.Page, query.PageSize);
        var now = clock.GetUtcNow();
        return index.IsReady ? index.TrucksNear(search, now) : await DatabaseMarketSearch.TrucksNearAsync(db, search, now, ct);
    }
}
