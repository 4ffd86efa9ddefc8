using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;

namespace PakLoad.Core.Loads;

/// <summary>A shipper's own loads, newest first; open ones only unless asked for all.</summary>
public sealed record ListMyLoadsQuery(PartyId ActorId, bool OpenOnly = true, int Page = 1, int PageSize = Paging.DefaultPageSize);

public sealed class ListMyLoadsHandler(IPakLoadDb db)
{
    public async Task<Result<Paged<LoadSummary>>> HandleAsync(ListMyLoadsQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var loads = db.Loads.AsNoTracking().Where(l => l.ShipperId == query.ActorId);
        if (query.OpenOnly)
        {
            loads = loads.Where(l => l.Status == LoadStatus.Open);
        }

        return await loads
            .OrderByDescending(l => l.CreatedAt)
            .ThenByDescending(l => l.Id)
            .ToPagedAsync(query.Page, query.PageSize, LoadSummary.Of, ct);
    }
}

/// <summary>
/// Loads a person named by their short reference ("PK4821937"): open ones, plus any of the caller's own or
/// booked to the caller. More than one is possible (references are short); the caller asks which.
/// </summary>
public sealed record FindLoadsByReferenceQuery(PartyId? ActorId, int Reference);

public sealed class FindLoadsByReferenceHandler(IPakLoadDb db)
{
    public async Task<IReadOnlyList<LoadSummary>> HandleAsync(FindLoadsByReferenceQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var actor = query.ActorId;
        var loads = await db.Loads.AsNoTracking()
            .Where(l => l.Reference == query.Reference)
            .Where(l => l.Status == LoadStatus.Open || (actor != null && l.ShipperId == actor)
                        || (actor != null && db.Trips.Any(t => t.LoadId == l.Id && (t.CarrierId == actor || t.DriverId == actor))))
            .OrderByDescending(l => l.CreatedAt)
            .Take(5)
            .ToListAsync(ct);
        return loads.Select(LoadSummary.Of).ToArray();
    }
}
