using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;

namespace PakLoad.Core.Capacity;

/// <summary>The recurring job: empty-truck posts past their days leave the search; nobody is told (the carrier posts anew).</summary>
public sealed record ExpireEmptyTrucksCommand(int BatchSize = 500);

public sealed class ExpireEmptyTrucksHandler(IPakLoadDb db, TimeProvider clock)
{
    /// <summary>Returns how many posts it expired; running it again right after returns 0.</summary>
    public async Task<Result<int>> HandleAsync(ExpireEmptyTrucksCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var batchSize = Math.Clamp(command.BatchSize, 1, 5000);
        var now = clock.GetUtcNow();
        var due = await db.CapacityPosts
            .Where(c => c.Status == CapacityStatus.Open && c.ExpiresAt <= now)
            .OrderBy(c => c.ExpiresAt)
            .Take(batchSize)
            .ToListAsync(ct);
        foreach (var post in due)
        {
            post.Expire(clock).ValueOrThrow(); // selected as open and due, so Expire cannot refuse
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (db.IsConflict(ex))
        {
            db.DiscardChanges(); // a post was closed meanwhile; the next run reads the batch afresh
            return 0;
        }

        return due.Count;
    }
}
