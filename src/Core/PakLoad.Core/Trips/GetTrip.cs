using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;

namespace PakLoad.Core.Trips;

/// <summary>One trip, for its shipper, carrier or assigned driver; anyone else is told it does not exist.</summary>
public sealed record GetTripQuery(PartyId Actor, TripId TripId);

public sealed class GetTripHandler(IPakLoadDb db)
{
    public async Task<Result<TripView>> HandleAsync(GetTripQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var trip = await db.Trips.AsNoTracking().VisibleTo(query.Actor).SingleOrDefaultAsync(t => t.Id == query.TripId, ct);
        return trip is null ? TripAccess.NotFound : TripView.Of(trip, query.Actor);
    }
}
