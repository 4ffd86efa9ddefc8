using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Capacity;

/// <summary>An empty-truck post as readers see it.</summary>
public sealed record EmptyTruckView(
    CapacityPostId Id,
    PartyId CarrierId,
    VehicleClassId VehicleClass,
    BodyTypeId? Body,
    LoadPoint EmptyAt,
    DateOnly AvailableFrom,
    PlaceId? WantedDestination,
    CapacityStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt)
{
    public static EmptyTruckView Of(CapacityPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new EmptyTruckView(
            post.Id, post.CarrierId, post.VehicleClass, post.Body, post.EmptyAt, post.AvailableFrom, post.WantedDestination, post.Status, post.CreatedAt, post.ExpiresAt);
    }
}
