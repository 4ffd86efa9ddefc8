using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PakLoad.Core.Bids;
using PakLoad.Core.Capacity;
using PakLoad.Core.Loads;
using PakLoad.Core.Matching;
using PakLoad.Core.Ratings;

namespace PakLoad.Core.Data;

/// <summary>
/// Tells the market index about every committed change to loads and empty trucks (and carrier activity), from
/// whichever use case made it, so no handler has to remember to. Snapshots are taken when a save succeeds and
/// handed over when the data is committed: at once outside a transaction, at commit inside one, never after a
/// rollback. One instance serves every (pooled) context; per-context state lives beside the context.
/// </summary>
public sealed class MarketChangeInterceptor(MarketFeed feed) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context, keepCommittable: true);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context, keepCommittable: true);
        return Task.CompletedTask;
    }

    /// <summary>A new transaction: anything left from one that ended without a word (disposed unfinished) was never committed.</summary>
    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        ForgetCommittable(eventData.Context);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        ForgetCommittable(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Publish(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Publish(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>A savepoint (a nested use case, or SaveChanges inside a transaction): remember how much was pending.</summary>
    public void CreatedSavepoint(DbTransaction transaction, TransactionEventData eventData) => Mark(eventData.Context);

    public Task CreatedSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
        return Task.CompletedTask;
    }

    public void ReleasedSavepoint(DbTransaction transaction, TransactionEventData eventData) => Unmark(eventData.Context);

    public Task ReleasedSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
    {
        Unmark(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Rolled back to the latest savepoint: what was saved since then will never be committed.</summary>
    public void RolledBackToSavepoint(DbTransaction transaction, TransactionEventData eventData) => BackToMark(eventData.Context);

    public Task RolledBackToSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
    {
        BackToMark(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context, keepCommittable: false);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context, keepCommittable: false);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Forget(eventData.Context, keepCommittable: false);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context, keepCommittable: false);
        return Task.CompletedTask;
    }

    private void Capture(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var pending = _pending.GetOrCreateValue(context);
        pending.Saving.Clear();
        if (context.Database.CurrentTransaction is null)
        {
            // Not inside a transaction of ours: whatever waited for a commit belongs to one that never came.
            pending.Reset();
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified
                && entry.Entity is Load or CapacityPost or Bid or Rating)
            {
                pending.Saving.Add((entry.Entity, entry.State == EntityState.Added));
            }
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending) || pending.Saving.Count == 0)
        {
            return;
        }

        foreach (var (entity, added) in pending.Saving)
        {
            switch (entity)
            {
                case Load load:
                    var snapshot = LoadSnapshot.Of(load);
                    pending.Changes.Loads.Add(snapshot);
                    if (snapshot.IsOpen)
                    {
                        pending.FanOut.Add(new FanOutRequest.ForLoad(load.Id));
                    }

                    break;
                case CapacityPost post:
                    pending.Changes.Trucks.Add(TruckSnapshot.Of(post));
                    if (added)
                    {
                        pending.FanOut.Add(new FanOutRequest.ForTruck(post.Id));
                    }

                    break;
                case Bid bid when added:
                    pending.Changes.Activity.Add((bid.CarrierId, bid.CreatedAt));
                    break;
                case Rating rating when added:
                    pending.Changes.Ratings.Add((rating.ToPartyId, rating.Stars));
                    break;
            }
        }

        pending.Saving.Clear();
        if (context.Database.CurrentTransaction is null)
        {
            Publish(context);
        }
    }

    private void Publish(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return;
        }

        var changes = pending.Changes;
        var fanOut = pending.FanOut.Distinct().ToList();

        // Only what was committed: SaveChanges' own transaction commits before its entities are read (Saving stays).
        pending.ResetCommittable();
        if (!changes.IsEmpty || fanOut.Count > 0)
        {
            feed.Committed(changes, fanOut);
        }
    }

    private void Forget(DbContext? context, bool keepCommittable)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return;
        }

        // A failed save inside a transaction leaves the earlier, successful saves of that transaction to its commit.
        pending.Saving.Clear();
        if (!keepCommittable)
        {
            pending.Reset();
        }
    }

    private void Mark(DbContext? context)
    {
        if (context is not null)
        {
            var pending = _pending.GetOrCreateValue(context);
            pending.Marks.Push(pending.Count);
        }
    }

    private void Unmark(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending) && pending.Marks.Count > 0)
        {
            pending.Marks.Pop();
        }
    }

    private void BackToMark(DbContext? context)
    {
        // The savepoint itself survives a rollback to it (it may be rolled back to again), so its mark stays.
        if (context is not null && _pending.TryGetValue(context, out var pending) && pending.Marks.TryPeek(out var mark))
        {
            pending.Truncate(mark);
        }
    }

    private void ForgetCommittable(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            // Keep what SaveChanges is saving right now: EF starts its own transaction inside SaveChanges.
            pending.ResetCommittable();
        }
    }

    private sealed class Pending
    {
        public List<(object Entity, bool Added)> Saving { get; } = [];

        public MarketChanges Changes { get; private set; } = new();

        public List<FanOutRequest> FanOut { get; } = [];

        /// <summary>For each open savepoint, how much was pending when it was made.</summary>
        public Stack<(int Loads, int Trucks, int Activity, int Ratings, int FanOut)> Marks { get; } = new();

        public (int, int, int, int, int) Count => (Changes.Loads.Count, Changes.Trucks.Count, Changes.Activity.Count, Changes.Ratings.Count, FanOut.Count);

        public void Truncate((int Loads, int Trucks, int Activity, int Ratings, int FanOut) mark)
        {
            Changes.Loads.RemoveRange(mark.Loads, Changes.Loads.Count - mark.Loads);
            Changes.Trucks.RemoveRange(mark.Trucks, Changes.Trucks.Count - mark.Trucks);
            Changes.Activity.RemoveRange(mark.Activity, Changes.Activity.Count - mark.Activity);
            Changes.Ratings.RemoveRange(mark.Ratings, Changes.Ratings.Count - mark.Ratings);
            FanOut.RemoveRange(mark.FanOut, FanOut.Count - mark.FanOut);
        }

        public void Reset()
        {
            Saving.Clear();
            ResetCommittable();
        }

        public void ResetCommittable()
        {
            Changes = new MarketChanges();
            FanOut.Clear();
            Marks.Clear();
        }
    }
}
