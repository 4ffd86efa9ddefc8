using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Places;

namespace PakLoad.Core.Escrow;

/// <summary>The recurring job: escrows whose dispute window has passed since proof of delivery pay the carrier and the fee.</summary>
/// <remarks><see cref="OnlyBooking"/> narrows the run to one booking (an admin's "release now if due"; the model test).</remarks>
public sealed record ReleaseDueEscrowsCommand(int BatchSize = 200, BookingId? OnlyBooking = null);

public sealed class ReleaseDueEscrowsHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer)
{
    /// <summary>Returns how many escrows it released; a second run right after (or a parallel one) releases none again.</summary>
    public async Task<Result<int>> HandleAsync(ReleaseDueEscrowsCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.GetUtcNow();
        var due = await db.Escrows.AsNoTracking()
            .Where(e => !e.Settled && !e.Disputed && e.ReleaseDueAt != null && e.ReleaseDueAt <= now)
            .Where(e => command.OnlyBooking == null || e.BookingId == command.OnlyBooking)
            .OrderBy(e => e.ReleaseDueAt)
            .Select(e => e.BookingId)
            .Take(Math.Clamp(command.BatchSize, 1, 1000))
            .ToListAsync(ct);
        var released = 0;
        foreach (var bookingId in due)
        {
            // One booking per save: a conflict with live traffic on one escrow does not hold back the others.
            var result = await Conflicts.RetryAsync(db, async token =>
            {
                var escrow = await db.Escrows.SingleAsync(e => e.BookingId == bookingId, token);
                return await EscrowSteps.SettleAsync(db, gazetteer, escrow, clock, token);
            }, ct);
            if (result is { IsSuccess: true, Value: PostOutcome.Posted })
            {
                released++;
            }
        }

        return released;
    }
}
