using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Auth;
using PakLoad.Core.Bids;
using PakLoad.Core.Bookings;
using PakLoad.Core.Capacity;
using PakLoad.Core.Conversations;
using PakLoad.Core.Escrow;
using PakLoad.Core.Loads;
using PakLoad.Core.Matching;
using PakLoad.Core.Notifications;
using PakLoad.Core.Parties;
using PakLoad.Core.Payments;
using PakLoad.Core.Payouts;
using PakLoad.Core.Ratings;
using PakLoad.Core.Reconciliation;
using PakLoad.Core.Trips;

namespace PakLoad.Core.Common;

/// <summary>
/// What use cases need of the database: the aggregates as queryable sets, one unit of work, and a way to
/// recognise the database refusing a duplicate. PakLoad.Core.Data implements it for PostgreSQL and SQLite;
/// Core sees no provider.
/// </summary>
public interface IPakLoadDb
{
    DbSet<Party> Parties { get; }

    DbSet<Load> Loads { get; }

    DbSet<CapacityPost> CapacityPosts { get; }

    DbSet<Bid> Bids { get; }

    DbSet<Booking> Bookings { get; }

    DbSet<Trip> Trips { get; }

    DbSet<Rating> Ratings { get; }

    DbSet<OutboxMessage> Outbox { get; }

    DbSet<MatchNotice> MatchNotices { get; }

    DbSet<OtpChallenge> OtpChallenges { get; }

    DbSet<RefreshToken> RefreshTokens { get; }

    DbSet<ConversationRecord> Conversations { get; }

    DbSet<TranscriptEntry> Transcripts { get; }

    DbSet<LedgerAccount> LedgerAccounts { get; }

    DbSet<LedgerTransaction> LedgerTransactions { get; }

    DbSet<LedgerEntry> LedgerEntries { get; }

    DbSet<BookingEscrow> Escrows { get; }

    DbSet<Payment> Payments { get; }

    DbSet<PaymentRefund> PaymentRefunds { get; }

    DbSet<ProcessedPaymentEvent> PaymentEvents { get; }

    DbSet<PayoutMethod> PayoutMethods { get; }

    DbSet<Payout> Payouts { get; }

    DbSet<ReconciliationCase> ReconciliationCases { get; }

    DbSet<ReconciliationRun> ReconciliationRuns { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves a small unit of work, all or nothing, in as few round trips as the database allows: on PostgreSQL, outside
    /// a transaction and with every key already known, one batch the server runs as one implicit transaction (no
    /// BEGIN/COMMIT); otherwise exactly <see cref="SaveChangesAsync"/>. For hot writes whose rows carry their own ids.
    /// </summary>
    Task<int> SaveInOneRoundTripAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="SaveChangesAsync"/> without the savepoint EF wraps around a save inside an open transaction (two
    /// round trips: SAVEPOINT before, RELEASE after). Only for a save whose failure the caller does not survive in the
    /// same transaction: it returns a failure to <see cref="InTransactionAsync"/> (which rolls back to its own
    /// savepoint or the whole transaction) or lets the exception end the transaction. After a failed save here,
    /// PostgreSQL refuses every further statement until that rollback.
    /// </summary>
    Task<int> SaveWithoutSavepointAsync(CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="work"/> in one database transaction; commits only if it returns success.</summary>
    Task<Result<T>> InTransactionAsync<T>(Func<CancellationToken, Task<Result<T>>> work, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction whose reads all see one snapshot (repeatable read on
    /// PostgreSQL, serialisable on SQLite); commits only if it returns success. A write that collides with a
    /// concurrent commit fails as a conflict (<see cref="IsConflict"/>), so the caller retries on fresh reads.
    /// </summary>
    Task<Result<T>> InSnapshotTransactionAsync<T>(Func<CancellationToken, Task<Result<T>>> work, CancellationToken cancellationToken = default);

    /// <summary>
    /// Posts ledger transactions in one round trip inside the caller's transaction, where the database can
    /// (PostgreSQL); null where it cannot (SQLite), and <see cref="Escrow.Ledger"/> stages EF changes instead.
    /// </summary>
    ILedgerWriter? LedgerWriter { get; }

    /// <summary>
    /// True when a save or a statement failed because a unique index, an optimistic-concurrency check, a
    /// serialisation failure or a deadlock refused it: a retry on fresh reads may succeed.
    /// </summary>
    bool IsConflict(Exception exception);

    /// <summary>True when a save or a statement failed because a CHECK constraint refused it (a balance that may not go negative).</summary>
    bool IsCheckViolation(Exception exception);

    /// <summary>Forgets tracked changes after a refused save, so the context can answer the caller cleanly.</summary>
    void DiscardChanges();
}
