using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Places;

namespace PakLoad.Core.Bids;

/// <summary>
/// The recurring job: live bids past their answer time lapse and their carriers are told. It also sweeps up any
/// live bid left on a load that is no longer open: a bid placed in the instant its load was being booked does
/// not touch the load row, so nothing else stops it from outliving the load.
/// </summary>
public sealed record ExpireBidsCommand(int BatchSize = 500);

public sealed class ExpireBidsHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer)
{
    private const int MaxConflictsPerRun = 3;

    /// <summary>Returns how many bids it closed; running it again right after returns 0.</summary>
    public async Task<Result<int>> HandleAsync(ExpireBidsCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var batchSize = Math.Clamp(command.BatchSize, 1, 1000);
        var closed = 0;
        var conflicts = 0;
        while (conflicts < MaxConflictsPerRun)
        {
            var now = clock.GetUtcNow();
            var due = await db.Bids
                .Where(b => (b.Status == BidStatus.Open || b.Status == BidStatus.Countered)
                            && (b.ExpiresAt <= now || db.Loads.Any(l => l.Id == b.LoadId && l.Status != LoadStatus.Open)))
                .OrderBy(b => b.ExpiresAt)
                .ThenBy(b => b.Id)
                .Take(batchSize)
                .ToListAsync(ct);
            if (due.Count == 0)
            {
                break;
            }

            var loadIds = due.Select(b => b.LoadId).Distinct().ToList();
            var loads = await db.Loads.Where(l => loadIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
            var carrierIds = due.Select(b => b.CarrierId).Distinct().ToList();
            var carriers = await db.Parties.Where(p => carrierIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            foreach (var bid in due)
            {
                var load = loads[bid.LoadId];
                var carrier = carriers[bid.CarrierId];
                if (load.Status != LoadStatus.Open)
                {
                    bid.CloseBecauseLoadClosed(clock);
                    db.Outbox.Add(LoadNotice.To(carrier, load, "notifications.load.closed", $"load-closed:{bid.Id}", gazetteer, clock));
                }
                else
                {
                    bid.Expire(clock).ValueOrThrow(); // selected as live and due, so Expire cannot refuse
                    db.Outbox.Add(LoadNotice.To(carrier, load, "notifications.bid.expired", $"bid-expired:{bid.Id}", gazetteer, clock));
                }
            }

            try
            {
                await db.SaveChangesAsync(ct);
                closed += due.Count;
            }
            catch (DbUpdateException ex) when (db.IsConflict(ex))
            {
                // A bid of the batch was answered or withdrawn meanwhile; the next pass reads it afresh.
                conflicts++;
            }

            db.DiscardChanges();
        }

        return closed;
    }
}
