using PakLoad.Core.Capacity;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Matching;

/// <summary>
/// What the market index needs of a load, copied at the moment it was saved (the entity may change again
/// before the transaction commits). <see cref="IsOpen"/> false takes it off the index.
/// </summary>
public sealed record LoadSnapshot(
    LoadId Id,
    PartyId ShipperId,
    PlaceId OriginCity,
    GeoPoint Origin,
    PlaceId DestinationCity,
    GeoPoint Destination,
    DateOnly PickupFrom,
    DateOnly PickupTo,
    string Commodity,
    int WeightKg,
    VehicleClassId VehicleClass,
    BodyTypeId? Body,
    RateMode RateMode,
    Money? TargetPrice,
    LoadVisibility Visibility,
    bool IsOpen,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset ExpiresAt,
    int Version)
{
    public static LoadSnapshot Of(Load load)
    {
        ArgumentNullException.ThrowIfNull(load);
        return new LoadSnapshot(
            load.Id, load.ShipperId, load.OriginCity, new GeoPoint(load.OriginLatitude, load.OriginLongitude),
            load.DestinationCity, new GeoPoint(load.DestinationLatitude, load.DestinationLongitude),
            load.PickupFrom, load.PickupTo, load.Commodity, load.WeightKg, load.VehicleClass, load.Body, load.RateMode,
            load.TargetPrice, load.Visibility, load.Status == LoadStatus.Open, load.CreatedAt, load.UpdatedAt, load.ExpiresAt, load.Version);
    }
}

/// <summary>What the market index needs of an empty-truck post, copied when it was saved.</summary>
public sealed record TruckSnapshot(
    CapacityPostId Id,
    PartyId CarrierId,
    VehicleClassId VehicleClass,
    BodyTypeId? Body,
    PlaceId EmptyAtCity,
    GeoPoint EmptyAt,
    DateOnly AvailableFrom,
    PlaceId? WantedDestination,
    bool IsOpen,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset ExpiresAt,
    int Version)
{
    public static TruckSnapshot Of(CapacityPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new TruckSnapshot(
            post.Id, post.CarrierId, post.VehicleClass, post.Body, post.EmptyAtCity, new GeoPoint(post.EmptyAtLatitude, post.EmptyAtLongitude),
            post.AvailableFrom, post.WantedDestination, post.Status == CapacityStatus.Open, post.CreatedAt, post.UpdatedAt, post.ExpiresAt, post.Version);
    }
}

/// <summary>How a carrier has done (for the reliability part of the score): stars, trip outcomes, last seen.</summary>
public sealed record CarrierStats(PartyId CarrierId, int RatingSum, int RatingCount, int Completed, int Cancelled, DateTimeOffset? LastActiveAt);

/// <summary>A batch of changes for the index: from one committed transaction, one catch-up read, or a rebuild.</summary>
public sealed class MarketChanges
{
    public List<LoadSnapshot> Loads { get; } = [];

    public List<TruckSnapshot> Trucks { get; } = [];

    /// <summary>A carrier did something (bid, posted a truck): recent activity.</summary>
    public List<(PartyId Carrier, DateTimeOffset At)> Activity { get; } = [];

    /// <summary>A carrier was rated: stars to add.</summary>
    public List<(PartyId Carrier, int Stars)> Ratings { get; } = [];

    public bool IsEmpty => Loads.Count == 0 && Trucks.Count == 0 && Activity.Count == 0 && Ratings.Count == 0;

    public void AddRange(MarketChanges other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Loads.AddRange(other.Loads);
        Trucks.AddRange(other.Trucks);
        Activity.AddRange(other.Activity);
        Ratings.AddRange(other.Ratings);
    }
}
