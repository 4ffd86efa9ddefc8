using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Capacity;

/// <summary>"Lahore se Karachi khali kal": a carrier says where a truck is empty, from when, and where it would go.</summary>
public sealed record PostEmptyTruckCommand(
    PartyId ActorId,
    string VehicleClass,
    string? Body,
    PlaceInput EmptyAt,
    DateOnly AvailableFrom,
    string? WantedDestination = null);

public sealed class PostEmptyTruckHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer, VehicleCatalogue vehicles)
{
    public async Task<Result<EmptyTruckView>> HandleAsync(PostEmptyTruckCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var actor = await db.Parties.SingleOrDefaultAsync(p => p.Id == command.ActorId, ct);
        if (actor is null || !actor.Has(PartyRole.Carrier))
        {
            return Error.Of("errors.forbidden");
        }

        var vehicle = vehicles.FindClass(command.VehicleClass);
        if (!vehicle.IsSuccess)
        {
            return vehicle.Error;
        }

        BodyType? body = null;
        if (!string.IsNullOrWhiteSpace(command.Body))
        {
            var found = vehicles.FindBody(command.Body);
            if (!found.IsSuccess)
            {
                return found.Error;
            }

            body = found.Value;
        }

        var emptyAt = (command.EmptyAt ?? new PlaceInput(null)).Resolve(gazetteer);
        if (!emptyAt.IsSuccess)
        {
            return emptyAt.Error;
        }

        PlaceId? wanted = null;
        if (!string.IsNullOrWhiteSpace(command.WantedDestination))
        {
            var destination = PlaceInput.Named(command.WantedDestination).Resolve(gazetteer);
            if (!destination.IsSuccess)
            {
                return destination.Error;
            }

            wanted = destination.Value.City;
        }

        var posted = CapacityPost.Post(actor.Id, vehicle.Value, body, emptyAt.Value, command.AvailableFrom, wanted, clock);
        if (!posted.IsSuccess)
        {
            return posted.Error;
        }

        db.CapacityPosts.Add(posted.Value);
        await db.SaveChangesAsync(ct);
        return EmptyTruckView.Of(posted.Value);
    }
}
