using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Matching;

/// <summary>
/// "Lahore ke paas 50 km mein loads": open loads whose pickup is within <see cref="RadiusKm"/> of a city or pin.
/// Destination is a city (exact) or, with <see cref="DestinationRadiusKm"/>, anywhere that close to it. Every
/// other filter is optional. What the REST API and the find-loads conversation call.
/// </summary>
public sealed record SearchLoadsQuery(
    PartyId? ActorId,
    PlaceInput Near,
    double RadiusKm = SearchLimits.DefaultRadiusKm,
    PlaceInput? Destination = null,
    double? DestinationRadiusKm = null,
    string? VehicleClass = null,
    string? Body = null,
    DateOnly? PickupFrom = null,
    DateOnly? PickupTo = null,
    int? MinWeightKg = null,
    int? MaxWeightKg = null,
    Money? MinPrice = null,
    LoadSort Sort = LoadSort.Distance,
    int Page = 1,
    int PageSize = Paging.DefaultPageSize);

public static class SearchLimits
{
    public const double DefaultRadiusKm = 50;
    public const double MaxRadiusKm = 1000;
}

public sealed class SearchLoadsHandler(IPakLoadDb db, MarketIndex index, TimeProvider clock, Gazetteer gazetteer, VehicleCatalogue vehicles)
{
    public async Task<Result<Paged<LoadHit>>> HandleAsync(SearchLoadsQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var search = Resolve(query, gazetteer, vehicles);
        if (!search.IsSuccess)
        {
            return search.Error;
        }

        var now = clock.GetUtcNow();
        return index.IsReady
            ? index.SearchLoads(search.Value, now)
            : await DatabaseMarketSearch.SearchLoadsAsync(db, search.Value, now, ct);
    }

    /// <summary>Turns what a user typed into a <see cref="LoadSearch"/>, or the first thing wrong with it.</summary>
    public static Result<LoadSearch> Resolve(SearchLoadsQuery query, Gazetteer gazetteer, VehicleCatalogue vehicles)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(vehicles);
        var near = (query.Near ?? new PlaceInput(null)).Resolve(gazetteer);
        if (!near.IsSuccess)
        {
            return near.Error;
        }

        if (Radius(query.RadiusKm) is { } radiusError)
        {
            return radiusError;
        }

        if (query.DestinationRadiusKm is { } destinationKm && Radius(destinationKm) is { } destinationError)
        {
            return destinationError;
        }

        LoadPoint? destination = null;
        if (query.Destination is { } place && (place.Text is not null || place.Latitude is not null || place.Longitude is not null))
        {
            var resolved = place.Resolve(gazetteer);
            if (!resolved.IsSuccess)
            {
                return resolved.Error;
            }

            destination = resolved.Value;
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

        if (query.PickupFrom is { } from && query.PickupTo is { } to && to < from)
        {
            return Error.Of("errors.search.dates_invalid");
        }

        if (query.MinWeightKg is < 0 || query.MaxWeightKg is < 0 || (query.MinWeightKg is { } min && query.MaxWeightKg is { } max && max < min))
        {
            return Error.Of("errors.search.weight_invalid");
        }

        if (query.MinPrice is { IsNegative: true })
        {
            return Error.Of("errors.search.price_invalid");
        }

        return new LoadSearch(
            near.Value.Point,
            query.RadiusKm,
            query.ActorId,
            destination?.City,
            destination?.Point,
            destination is null ? null : query.DestinationRadiusKm,
            vehicle,
            body,
            query.PickupFrom,
            query.PickupTo,
            query.MinWeightKg,
            query.MaxWeightKg,
            query.MinPrice,
            query.Sort,
            query.Page,
            query.PageSize);
    }

    internal static Error? Radius(double km) =>
        double.IsFinite(km) && km > 0 && km <= SearchLimits.MaxRadiusKm
            ? null
            : Error.Of("errors.search.radius_invalid", ("max", SearchLimits.MaxRadiusKm.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
