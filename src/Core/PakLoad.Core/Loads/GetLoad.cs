using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;

namespace PakLoad.Core.Loads;

/// <summary>
/// One load. Its shipper sees all of it, the booked carrier too; anyone else sees a public open load without its
/// consignee, and gets errors.not_found for every other load, so that existence is never revealed.
/// </summary>
public sealed record GetLoadQuery(PartyId ActorId, LoadId LoadId);

public sealed class GetLoadHandler(IPakLoadDb db)
{
    public async Task<Result<LoadView>> HandleAsync(GetLoadQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var load = await db.Loads.AsNoTracking().SingleOrDefaultAsync(l => l.Id == query.LoadId, ct);
        if (load is null)
        {
            return Error.Of("errors.not_found");
        }

        if (load.IsOwnedBy(query.ActorId))
        {
            return LoadView.Of(load, showConsignee: true);
        }

        if (load.Status == LoadStatus.Booked
            && await db.Bookings.AnyAsync(b => b.LoadId == load.Id && b.CarrierId == query.ActorId, ct))
        {
            return LoadView.Of(load, showConsignee: true);
        }

        return load.IsOnBoardFor(query.ActorId)
            ? LoadView.Of(load, showConsignee: false)
            : Error.Of("errors.not_found");
    }
}
