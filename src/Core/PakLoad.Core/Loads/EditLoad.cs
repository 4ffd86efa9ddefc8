using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Loads;

/// <summary>
/// The shipper replaces the details of an open load. <paramref name="ExpectedVersion"/> (an API's If-Match) makes
/// an edit based on a stale copy fail with errors.conflict instead of overwriting someone else's change.
/// </summary>
public sealed record EditLoadCommand(PartyId ActorId, LoadId LoadId, LoadInput Load, int? ExpectedVersion = null);

public sealed class EditLoadHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer, VehicleCatalogue vehicles)
{
    public async Task<Result<LoadView>> HandleAsync(EditLoadCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var load = await db.Loads.SingleOrDefaultAsync(l => l.Id == command.LoadId, ct);
        if (load is null || !load.IsOwnedBy(command.ActorId))
        {
            return Error.Of("errors.not_found");
        }

        if (command.ExpectedVersion is { } expected && expected != load.Version)
        {
            return Error.Of("errors.conflict");
        }

        var details = command.Load.Resolve(gazetteer, vehicles);
        if (!details.IsSuccess)
        {
            return details.Error;
        }

        var edited = load.Edit(details.Value, clock);
        if (!edited.IsSuccess)
        {
            return edited.Error;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (db.IsConflict(ex))
        {
            db.DiscardChanges();
            return Error.Of("errors.conflict");
        }

        return LoadView.Of(load, showConsignee: true);
    }
}
