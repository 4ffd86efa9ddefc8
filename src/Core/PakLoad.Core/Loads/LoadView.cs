using PakLoad.Core.Common;
using PakLoad.Core.Parties;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Loads;

/// <summary>
/// A load as one reader may see it. The consignee (name and phone) is shown only to the shipper and the booked
/// carrier: a receiver's number is not for every carrier browsing the board.
/// </summary>
public sealed record LoadView(
    LoadId Id,
    PartyId ShipperId,
    LoadPoint Origin,
    LoadPoint Destination,
    DateOnly PickupFrom,
    DateOnly PickupTo,
    string Commodity,
    int WeightKg,
    decimal WeightEntered,
    WeightUnit WeightUnit,
    VehicleClassId VehicleClass,
    BodyTypeId? Body,
    RateMode RateMode,
    Money? TargetPrice,
    string? ConsigneeName,
    PhoneNumber? ConsigneePhone,
    string? Notes,
    LoadVisibility Visibility,
    LoadStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset ExpiresAt,
    int Version,
    int Reference)
{
    public static LoadView Of(Load load, bool showConsignee)
    {
        ArgumentNullException.ThrowIfNull(load);
        return new LoadView(
            load.Id,
            load.ShipperId,
            load.Origin,
            load.Destination,
            load.PickupFrom,
            load.PickupTo,
            load.Commodity,
            load.WeightKg,
            load.WeightEntered,
            load.WeightUnit,
            load.VehicleClass,
            load.Body,
            load.RateMode,
            load.TargetPrice,
            showConsignee ? load.ConsigneeName : null,
            showConsignee ? load.ConsigneePhone : null,
            load.Notes,
            load.Visibility,
            load.Status,
            load.CreatedAt,
            load.UpdatedAt,
            load.ExpiresAt,
            load.Version,
            load.Reference);
    }
}
