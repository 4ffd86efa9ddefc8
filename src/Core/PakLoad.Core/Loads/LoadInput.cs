using PakLoad.Core.Common;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Loads;

/// <summary>
/// A load as a channel collects it: places, vehicle, body and phone as typed text, weight as amount and unit,
/// money already as <see cref="Money"/>. <see cref="Resolve"/> turns it into <see cref="LoadDetails"/>; the
/// rules on those details live in <see cref="Load.Post"/>.
/// </summary>
public sealed record LoadInput(
    PlaceInput Origin,
    PlaceInput Destination,
    DateOnly PickupFrom,
    DateOnly PickupTo,
    string Commodity,
    decimal WeightAmount,
    WeightUnit WeightUnit,
    string VehicleClass,
    string? Body,
    RateMode RateMode,
    Money? TargetPrice,
    string ConsigneeName,
    string ConsigneePhone,
    string? Notes,
    LoadVisibility Visibility)
{
    private static readonly PlaceInput Nowhere = new(null);

    /// <summary>The first error in the order a form shows the fields, or the resolved details.</summary>
    public Result<LoadDetails> Resolve(Gazetteer gazetteer, VehicleCatalogue vehicles)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(vehicles);
        var origin = (Origin ?? Nowhere).Resolve(gazetteer);
        if (!origin.IsSuccess)
        {
            return origin.Error;
        }

        var destination = (Destination ?? Nowhere).Resolve(gazetteer);
        if (!destination.IsSuccess)
        {
            return destination.Error;
        }

        var vehicle = vehicles.FindClass(VehicleClass);
        if (!vehicle.IsSuccess)
        {
            return vehicle.Error;
        }

        BodyType? body = null;
        if (!string.IsNullOrWhiteSpace(Body))
        {
            var found = vehicles.FindBody(Body);
            if (!found.IsSuccess)
            {
                return found.Error;
            }

            body = found.Value;
        }

        var phone = PhoneNumber.Parse(ConsigneePhone);
        if (!phone.IsSuccess)
        {
            return phone.Error;
        }

        return new LoadDetails(
            origin.Value,
            destination.Value,
            PickupFrom,
            PickupTo,
            Commodity,
            WeightAmount,
            WeightUnit,
            vehicle.Value,
            body,
            RateMode,
            TargetPrice,
            ConsigneeName,
            phone.Value,
            Notes,
            Visibility);
    }
}
