using PakLoad.Core.Common;

namespace PakLoad.Core.Escrow;

/// <summary>
/// Runs a money step as one unit of work and saves it; when the database refuses the save or a statement of the
/// step (a ledger posting on PostgreSQL runs at once) because another writer got there first (an account's version
/// moved or its row changed under the snapshot, a key or an account now exists, a deadlock), the transaction is
/// rolled back, everything tracked is forgotten, and the whole step runs again on fresh reads. The step itself must be idempotent (it is: every posting has a
/// business key), so a retry either does the step once or finds it done.
/// </summary>
public static class Conflicts
{
    public const int MaxAttempts = 60;

    public static async Task<Result<T>> RetryAsync<T>(IPakLoadDb db, Func<CancellationToken, Task<Result<T>>> step, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(step);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // One snapshot per attempt: every read of the step (the event seen, the balance checked) is
                // consistent, and a write that collides with a concurrent commit fails here as a conflict.
                var result = await db.InSnapshotTransactionAsync(
                    async token =>
                    {
                        var stepped = await step(token);
                        if (stepped.IsSuccess)
                        {
                            await db.SaveChangesAsync(token);
                        }

                        return stepped;
                    },
                    ct);
                db.DiscardChanges();
                return result;
            }
            catch (Exception ex) when (db.IsCheckViolation(ex))
            {
                // The code checks balances first, so this is the database's last word on an overdraft.
                db.DiscardChanges();
                return Error.Of("errors.ledger.insufficient_funds", ("balance", "?"), ("amount", "?"));
            }
            catch (Exception ex) when (db.IsConflict(ex))
            {
                db.DiscardChanges();
                if (attempt >= MaxAttempts)
                {
                    return Error.Of("errors.conflict");
                }

                // Jitter spreads the losers out so a hot account is not hammered in lock step.
                await Task.Delay(Random.Shared.Next(0, Math.Min(2 * attempt, 20)), ct);
            }
        }
    }
}
