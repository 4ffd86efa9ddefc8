using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Capacity;
using PakLoad.Core.Common;

namespace PakLoad.Core.Matching;

/// <summary>The best empty trucks for one of my loads, each with its explained score (owner only).</summary>
public sealed record MatchesForLoadQuery(PartyId ActorId, LoadId LoadId, int Top = 10);

public sealed class MatchesForLoadHandler(IPakLoadDb db, MarketIndex index, TimeProvider clock)
{
    public const int MaxTop = 50;

    public async Task<Result<IReadOnlyList<TruckMatch>>> HandleAsync(MatchesForLoadQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var load = await db.Loads.AsNoTracking().SingleOrDefaultAsync(l => l.Id == query.LoadId, ct);
        if (load is null || !load.IsOwnedBy(query.ActorId))
        {
            return Error.Of("errors.not_found");
        }

        var now = clock.GetUtcNow();
        if (load.WhyNotOpen(now) is { } closed)
        {
            return closed;
        }

        if (!index.IsReady)
        {
            return Error.Of("errors.matching.not_ready");
        }

        return Result<IReadOnlyList<TruckMatch>>.Success(index.RankTrucks(LoadSnapshot.Of(load), Math.Clamp(query.Top, 1, MaxTop), now));
    }
}

/// <summary>"Khali truck": the best open loads for one of my empty-truck posts, each with its explained score (owner only).</summary>
public sealed record MatchesForTruckQuery(PartyId ActorId, CapacityPostId PostId, int Top = 10);

public sealed class MatchesForTruckHandler(IPakLoadDb db, MarketIndex index, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<LoadMatch>>> HandleAsync(MatchesForTruckQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var post = await db.CapacityPosts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.PostId, ct);
        if (post is null || !post.IsOwnedBy(query.ActorId))
        {
            return Error.Of("errors.not_found");
        }

        var now = clock.GetUtcNow();
        if (post.Status != CapacityStatus.Open || post.ExpiresAt <= now)
        {
            return Error.Of("errors.capacity.not_open");
        }

        if (!index.IsReady)
        {
            return Error.Of("errors.matching.not_ready");
        }

        return Result<IReadOnlyList<LoadMatch>>.Success(
            index.RankLoads(TruckSnapshot.Of(post), Math.Clamp(query.Top, 1, MatchesForLoadHandler.MaxTop), now));
    }
}
