using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Bids;
using PakLoad.Core.Common;
using PakLoad.Core.Places;

namespace PakLoad.Core.Loads;

/// <summary>The recurring job: open loads past their pickup window leave the board and their bidders are told.</summary>
public sealed record ExpireLoadsCommand(int BatchSize = 200);

public sealed class ExpireLoadsHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer)
{
    /// <summary>A batch that keeps colliding with live traffic is left for the next run rather than retried forever.</summary>
    private const int MaxConflictsPerRun = 3;

    /// <summary>Returns how many loads it expired; running it again right after returns 0.</summary>
    public async Task<Result<int>> HandleAsync(ExpireLoadsCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var batchSize = Math.Clamp(command.BatchSize, 1, 1000);
        var expired = 0;
        var conflicts = 0;
        while (conflicts < MaxConflictsPerRun)
        {
            var now = clock.GetUtcNow();
            var due = await db.Loads
                .Where(l => l.Status == LoadStatus.Open && l.ExpiresAt <= now)
                .OrderBy(l => l.ExpiresAt)
                .ThenBy(l => l.Id)
                .Take(batchSize)
                .ToListAsync(ct);
            if (due.Count == 0)
            {
                break;
            }

            foreach (var load in due)
            {
                load.Expire(clock).ValueOrThrow(); // selected as open and due, so Expire cannot refuse
            }

            await LiveBids.CloseAsync(db, gazetteer, clock, due, keep: null, "notifications.load.closed", b => $"load-closed:{b.Id}", ct);
            try
            {
                await db.SaveChangesAsync(ct);
                expired += due.Count;
            }
            catch (DbUpdateException ex) when (db.IsConflict(ex))
            {
                // A load of the batch was booked or cancelled meanwhile; the next pass reads it afresh.
                conflicts++;
            }

            db.DiscardChanges();
        }

        return expired;
    }
}
