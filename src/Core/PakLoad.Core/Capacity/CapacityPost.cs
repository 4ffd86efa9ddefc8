using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Capacity;

public enum CapacityStatus
{
    Open,
    Closed,
    Expired,
}

/// <summary>"Lahore se Karachi khali kal": a carrier's truck is empty here, from this day, and would go there.</summary>
public sealed class CapacityPost
{
    /// <summary>An empty truck does not wait long: a post lapses this many days after it becomes available.</summary>
    public const int LifetimeDays = 3;

    private CapacityPost()
    {
    }

    public CapacityPostId Id { get; private set; }

    public PartyId CarrierId { get; private set; }

    public VehicleClassId VehicleClass { get; private set; }

    public BodyTypeId? Body { get; private set; }

    public PlaceId EmptyAtCity { get; private set; }

    public double EmptyAtLatitude { get; private set; }

    public double EmptyAtLongitude { get; private set; }

    public DateOnly AvailableFrom { get; private set; }

    public PlaceId? WantedDestination { get; private set; }

    public CapacityStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>When the post last changed: the market index's catch-up poll reads changes by it.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    public int Version { get; private set; }

    public LoadPoint EmptyAt => new(EmptyAtCity, new GeoPoint(EmptyAtLatitude, EmptyAtLongitude));

    public bool IsOwnedBy(PartyId party) => CarrierId == party;

    public static Result<CapacityPost> Post(
        PartyId carrier, VehicleClass vehicle, BodyType? body, LoadPoint emptyAt, DateOnly availableFrom, PlaceId? wantedDestination, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        ArgumentNullException.ThrowIfNull(emptyAt);
        ArgumentNullException.ThrowIfNull(clock);
        var today = PakistanTime.Today(clock);
        if (availableFrom < today || availableFrom > today.AddDays(Load.MaxPickupDaysAhead))
        {
            return Error.Of("errors.capacity.date_invalid");
        }

        if (!GeoPoint.IsValid(emptyAt.Point.Latitude, emptyAt.Point.Longitude))
        {
            return Error.Of("errors.load.location_invalid");
        }

        return new CapacityPost
        {
            Id = CapacityPostId.New(clock),
            CarrierId = carrier,
            VehicleClass = vehicle.Id,
            Body = body?.Id,
            EmptyAtCity = emptyAt.City,
            EmptyAtLatitude = emptyAt.Point.Latitude,
            EmptyAtLongitude = emptyAt.Point.Longitude,
            AvailableFrom = availableFrom,
            WantedDestination = wantedDestination,
            Status = CapacityStatus.Open,
            CreatedAt = clock.GetUtcNow(),
            UpdatedAt = clock.GetUtcNow(),
            ExpiresAt = PakistanTime.EndOf(availableFrom.AddDays(LifetimeDays - 1)).ToUniversalTime(),
        };
    }

    public Result<CapacityPost> Close(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Status != CapacityStatus.Open)
        {
            return Error.Of("errors.capacity.not_open");
        }

        Status = CapacityStatus.Closed;
        UpdatedAt = clock.GetUtcNow();
        Version++;
        return this;
    }

    public Result<CapacityPost> Expire(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Status != CapacityStatus.Open || clock.GetUtcNow() < ExpiresAt)
        {
            return Error.Of("errors.capacity.not_open");
        }

        Status = CapacityStatus.Expired;
        UpdatedAt = clock.GetUtcNow();
        Version++;
        return this;
    }
}
