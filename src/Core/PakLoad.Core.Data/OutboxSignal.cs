using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PakLoad.Core.Notifications;

namespace PakLoad.Core.Data;

/// <summary>
/// "Outbox rows were committed": wakes the notification dispatcher at once instead of at its next poll. Pings
/// collapse into one (the dispatcher drains everything pending when it wakes); losing one costs only a poll interval.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _pings = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Ping() => _pings.Writer.TryWrite(true);

    /// <summary>Returns when pinged or after <paramref name="timeout"/>, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        using var timer = new CancellationTokenSource(timeout, clock);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            await _pings.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The poll interval passed.
        }
    }
}

/// <summary>
/// Pings <see cref="OutboxSignal"/> when a save that added outbox rows is committed: at once outside a
/// transaction, at commit inside one (so the dispatcher never wakes before the rows are visible), never after a
/// rollback. One instance serves every (pooled) context; per-context state lives beside the context.
/// </summary>
public sealed class OutboxCommitInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, State> _states = [];

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

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => StateOf(eventData.Context)?.Saving = false;

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        StateOf(eventData.Context)?.Saving = false;
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => StateOf(eventData.Context)?.Committable = false;

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        StateOf(eventData.Context)?.Committable = false;
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => StateOf(eventData.Context)?.Committable = false;

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        StateOf(eventData.Context)?.Committable = false;
        return Task.CompletedTask;
    }

    private State? StateOf(DbContext? context) => context is not null && _states.TryGetValue(context, out var state) ? state : null;

    private void Capture(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var state = _states.GetOrCreateValue(context);
        state.Saving = context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
    }

    private void Saved(DbContext? context)
    {
        if (StateOf(context) is not { Saving: true } state)
        {
            return;
        }

        state.Saving = false;
        if (context!.Database.CurrentTransaction is null)
        {
            signal.Ping();
        }
        else
        {
            state.Committable = true;
        }
    }

    private void Committed(DbContext? context)
    {
        if (StateOf(context) is { Committable: true } state)
        {
            state.Committable = false;
            signal.Ping();
        }
    }

    private sealed class State
    {
        public bool Saving { get; set; }

        public bool Committable { get; set; }
    }
}
