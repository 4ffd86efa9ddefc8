using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Bids;
using PakLoad.Core.Common;
using PakLoad.Core.Places;

namespace PakLoad.Core.Loads;

/// <summary>The shipper takes an open load off the board; every carrier still bidding on it is told.</summary>
public sealed record CancelLoadCommand(PartyId ActorId, LoadId LoadId);

public sealed class CancelLoadHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer)
{
    public async Task<Result<LoadView>> HandleAsync(CancelLoadCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var load = await db.Loads.SingleOrDefaultAsync(l => l.Id == command.LoadId, ct);
        if (load is null || !load.IsOwnedBy(command.ActorId))
        {
            return Error.Of("errors.not_found");
        }

        var cancelled = load.Cancel(clock);
        if (!cancelled.IsSuccess)
        {
            return cancelled.Error;
        }

        await LiveBids.CloseAsync(db, gazetteer, clock, [load], keep: null, "notifications.load.closed", b => $"load-closed:{b.Id}", ct);
        try
        {
            // One SaveChanges is one transaction: the load, its bids and the messages go together or not at all.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (db.IsConflict(ex))
        {
            // Booked (or edited) at the same moment: the other change won, and this one left nothing behind.
            db.DiscardChanges();
            return Error.Of("errors.conflict");
        }

        return LoadView.Of(load, showConsignee: true);
    }
}
