using PakLoad.Core.Capacity;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Matching;

public enum LoadSort
{
    /// <summary>Nearest pickup first.</summary>
    Distance,

    /// <summary>Earliest pickup day first, then nearest.</summary>
    PickupDate,

    /// <summary>Highest price first; loads without a price last; then nearest.</summary>
    Price,
}

/// <summary>
/// A resolved load search: pickup within <see cref="RadiusKm"/> of <see cref="Near"/>; destination either the
/// city <see cref="DestinationCity"/> or (with <see cref="DestinationRadiusKm"/>) within that radius of
/// <see cref="DestinationPoint"/>; a load fits the pickup window when its own window overlaps it; a body
/// filter keeps loads that ask for that body or for none. Ties are broken by load id.
/// </summary>
public sealed record LoadSearch(
    GeoPoint Near,
    double RadiusKm,
    PartyId? Viewer = null,
    PlaceId? DestinationCity = null,
    GeoPoint? DestinationPoint = null,
    double? DestinationRadiusKm = null,
    VehicleClassId? VehicleClass = null,
    BodyTypeId? Body = null,
    DateOnly? PickupFrom = null,
    DateOnly? PickupTo = null,
    int? MinWeightKg = null,
    int? MaxWeightKg = null,
    Money? MinPrice = null,
    LoadSort Sort = LoadSort.Distance,
    int Page = 1,
    int PageSize = Paging.DefaultPageSize);

/// <summary>A load on the board and how far its pickup is from the searched point (km, straight line).</summary>
public sealed record LoadHit(LoadSummary Load, double DistanceKm);

/// <summary>Empty trucks within a radius, optionally of one class, one body, free on one day; nearest first, then by id.</summary>
public sealed record TruckSearch(
    GeoPoint Near,
    double RadiusKm,
    VehicleClassId? VehicleClass = null,
    BodyTypeId? Body = null,
    DateOnly? FreeOn = null,
    int Page = 1,
    int PageSize = Paging.DefaultPageSize);

public sealed record TruckHit(EmptyTruckView Truck, double DistanceKm);

/// <summary>A candidate truck for a load: the truck, its distance to the pickup and the explained score.</summary>
public sealed record TruckMatch(EmptyTruckView Truck, double DistanceKm, MatchScore Score);

/// <summary>A candidate load for an empty truck: the load, its pickup's distance from the truck and the explained score.</summary>
public sealed record LoadMatch(LoadSummary Load, double DistanceKm, MatchScore Score);
