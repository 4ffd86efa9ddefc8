using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Loads;

/// <summary>A shipper (or a broker for one) puts a load on the board.</summary>
public sealed record PostLoadCommand(PartyId ActorId, LoadInput Load);

public sealed class PostLoadHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer, VehicleCatalogue vehicles)
{
    public async Task<Result<LoadView>> HandleAsync(PostLoadCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var actor = await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.ActorId, ct);
        if (actor is null || !(actor.Has(PartyRole.Shipper) || actor.Has(PartyRole.Broker)))
        {
            return Error.Of("errors.forbidden");
        }

        var details = command.Load.Resolve(gazetteer, vehicles);
        if (!details.IsSuccess)
        {
            return details.Error;
        }

        var posted = Load.Post(actor.Id, details.Value, clock);
        if (!posted.IsSuccess)
        {
            return posted.Error;
        }

        db.Loads.Add(posted.Value);
        await db.SaveChangesAsync(ct);
        return LoadView.Of(posted.Value, showConsignee: true);
    }
}
