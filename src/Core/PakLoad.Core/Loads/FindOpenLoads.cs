using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Loads;

/// <summary>
/// The load board: open loads still inside their pickup window, public ones plus the caller's own. Every filter
/// is optional; <see cref="PickupDate"/> keeps loads whose pickup window contains that day.
/// </summary>
public sealed record FindOpenLoadsQuery(
    PartyId? ActorId,
    string? Origin = null,
    string? Destination = null,
    string? VehicleClass = null,
    DateOnly? PickupDate = null,
    int Page = 1,
    int PageSize = Paging.DefaultPageSize);

/// <summary>A row of the board: what a carrier needs to decide, without the consignee.</summary>
public sealed record LoadSummary(
    LoadId Id,
    PartyId ShipperId,
    LoadPoint Origin,
    LoadPoint Destination,
    DateOnly PickupFrom,
    DateOnly PickupTo,
    string Commodity,
    int WeightKg,
    VehicleClassId VehicleClass,
    BodyTypeId? Body,
    RateMode RateMode,
    Money? TargetPrice,
    LoadVisibility Visibility,
    DateTimeOffset CreatedAt,
    int Reference)
{
    public static LoadSummary Of(Load load)
    {
        ArgumentNullException.ThrowIfNull(load);
        return new LoadSummary(
            load.Id,
            load.ShipperId,
            load.Origin,
            load.Destination,
            load.PickupFrom,
            load.PickupTo,
            load.Commodity,
            load.WeightKg,
            load.VehicleClass,
            load.Body,
            load.RateMode,
            load.TargetPrice,
            load.Visibility,
            load.CreatedAt,
            load.Reference);
    }
}

public sealed class FindOpenLoadsHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer, VehicleCatalogue vehicles)
{
    public async Task<Result<Paged<LoadSummary>>> HandleAsync(FindOpenLoadsQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = clock.GetUtcNow();
        var loads = db.Loads.AsNoTracking().Where(l => l.Status == LoadStatus.Open && l.ExpiresAt > now);
        loads = query.ActorId is { } actor
            ? loads.Where(l => l.Visibility == LoadVisibility.Public || l.ShipperId == actor)
            : loads.Where(l => l.Visibility == LoadVisibility.Public);

        if (!string.IsNullOrWhiteSpace(query.Origin))
        {
            var origin = PlaceInput.Named(query.Origin).Resolve(gazetteer);
            if (!origin.IsSuccess)
            {
                return origin.Error;
            }

            var city = origin.Value.City;
            loads = loads.Where(l => l.OriginCity == city);
        }

        if (!string.IsNullOrWhiteSpace(query.Destination))
        {
            var destination = PlaceInput.Named(query.Destination).Resolve(gazetteer);
            if (!destination.IsSuccess)
            {
                return destination.Error;
            }

            var city = destination.Value.City;
            loads = loads.Where(l => l.DestinationCity == city);
        }

        if (!string.IsNullOrWhiteSpace(query.VehicleClass))
        {
            var vehicle = vehicles.FindClass(query.VehicleClass);
            if (!vehicle.IsSuccess)
            {
                return vehicle.Error;
            }

            var id = vehicle.Value.Id;
            loads = loads.Where(l => l.VehicleClass == id);
        }

        if (query.PickupDate is { } day)
        {
            loads = loads.Where(l => l.PickupFrom <= day && l.PickupTo >= day);
        }

        var ordered = loads.OrderBy(l => l.PickupFrom).ThenBy(l => l.CreatedAt).ThenBy(l => l.Id);
        return await ordered.ToPagedAsync(query.Page, query.PageSize, LoadSummary.Of, ct);
    }
}
