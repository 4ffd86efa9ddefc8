using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;

namespace PakLoad.Core.Bids;

/// <summary>
/// Bids a party may see, newest first. With <see cref="LoadId"/>: the load's shipper gets every bid on it, anyone
/// else only their own bids on it, and errors.not_found for a load they may not see and never bid on. Without: the
/// actor's own bids as a carrier. <see cref="LiveOnly"/> keeps the open and countered ones.
/// </summary>
public sealed record ListBidsQuery(PartyId ActorId, LoadId? LoadId = null, bool LiveOnly = false, int Page = 1, int PageSize = Paging.DefaultPageSize);

public sealed class ListBidsHandler(IPakLoadDb db)
{
    public async Task<Result<Paged<BidView>>> HandleAsync(ListBidsQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var actor = query.ActorId;
        var bids = db.Bids.AsNoTracking();
        if (query.LoadId is { } loadId)
        {
            var load = await db.Loads.AsNoTracking().SingleOrDefaultAsync(l => l.Id == loadId, ct);
            var visible = load is not null
                          && (load.IsOnBoardFor(actor) || await db.Bids.AnyAsync(b => b.LoadId == loadId && b.CarrierId == actor, ct));
            if (!visible)
            {
                return Error.Of("errors.not_found");
            }

            bids = bids.Where(b => b.LoadId == loadId && (b.ShipperId == actor || b.CarrierId == actor));
        }
        else
        {
            bids = bids.Where(b => b.CarrierId == actor);
        }

        if (query.LiveOnly)
        {
            bids = bids.Where(b => b.Status == BidStatus.Open || b.Status == BidStatus.Countered);
        }

        var ordered = bids.OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id);
        return await ordered.ToPagedAsync(query.Page, query.PageSize, BidView.Of, ct);
    }
}
