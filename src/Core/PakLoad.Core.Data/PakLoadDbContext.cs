using Microsoft.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Npgsql;
using PakLoad.Core.Auth;
using PakLoad.Core.Bids;
using PakLoad.Core.Bookings;
using PakLoad.Core.Capacity;
using PakLoad.Core.Common;
using PakLoad.Core.Conversations;
using PakLoad.Core.Data.ReferenceData;
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

namespace PakLoad.Core.Data;

/// <summary>
/// The one EF Core model of PakLoad. Each provider has a sealed subclass (<see cref="PostgresPakLoadDbContext"/>,
/// <see cref="SqlitePakLoadDbContext"/>) that owns its generated migrations; code depends on this base type.
/// </summary>
public abstract class PakLoadDbContext : DbContext, IPakLoadDb
{
    protected PakLoadDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Party> Parties => Set<Party>();

    public DbSet<Load> Loads => Set<Load>();

    public DbSet<CapacityPost> CapacityPosts => Set<CapacityPost>();

    public DbSet<Bid> Bids => Set<Bid>();

    public DbSet<Booking> Bookings => Set<Booking>();

    public DbSet<Trip> Trips => Set<Trip>();

    public DbSet<Rating> Ratings => Set<Rating>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<MatchNotice> MatchNotices => Set<MatchNotice>();

    public DbSet<OtpChallenge> OtpChallenges => Set<OtpChallenge>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<ConversationRecord> Conversations => Set<ConversationRecord>();

    public DbSet<TranscriptEntry> Transcripts => Set<TranscriptEntry>();

    public DbSet<LedgerAccount> LedgerAccounts => Set<LedgerAccount>();

    public DbSet<LedgerTransaction> LedgerTransactions => Set<LedgerTransaction>();

    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();

    public DbSet<BookingEscrow> Escrows => Set<BookingEscrow>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<PaymentRefund> PaymentRefunds => Set<PaymentRefund>();

    public DbSet<ProcessedPaymentEvent> PaymentEvents => Set<ProcessedPaymentEvent>();

    public DbSet<PayoutMethod> PayoutMethods => Set<PayoutMethod>();

    public DbSet<Payout> Payouts => Set<Payout>();

    public DbSet<ReconciliationCase> ReconciliationCases => Set<ReconciliationCase>();

    public DbSet<ReconciliationRun> ReconciliationRuns => Set<ReconciliationRun>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<InboxRecord> ChannelInbox => Set<InboxRecord>();

    public DbSet<OutboundRecord> ChannelOutbound => Set<OutboundRecord>();

    public DbSet<ChannelContactRecord> ChannelContacts => Set<ChannelContactRecord>();

    public DbSet<MediaRecord> ChannelMedia => Set<MediaRecord>();

    public DbSet<UssdSessionEndRecord> UssdSessionEnds => Set<UssdSessionEndRecord>();

    public DbSet<WhatsAppLinkCodeRecord> WhatsAppLinkCodes => Set<WhatsAppLinkCodeRecord>();

    public DbSet<PlaceRecord> Places => Set<PlaceRecord>();

    public DbSet<VehicleClassRecord> VehicleClasses => Set<VehicleClassRecord>();

    public DbSet<BodyTypeRecord> BodyTypes => Set<BodyTypeRecord>();

    /// <summary>"postgres" or "sqlite": for health reports and the few provider-aware queries.</summary>
    public abstract string ProviderName { get; }

    public async Task<int> SaveInOneRoundTripAsync(CancellationToken cancellationToken = default)
    {
        // Npgsql sends a batch with one Sync at its end; PostgreSQL runs everything before a Sync as one implicit
        // transaction, and an error in any statement rolls back the others. EF sends one batch unless a store-generated
        // key must be read back before a later statement (a temporary value now) or the batch is over its size limit.
        var entries = ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        var oneBatch = ProviderName == PostgresPakLoadDbContext.Provider && Database.CurrentTransaction is null
                       && entries.Count <= OneBatchLimit && entries.All(e => !e.Properties.Any(p => p.IsTemporary));
        if (!oneBatch)
        {
            return await SaveChangesAsync(cancellationToken);
        }

        Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        try
        {
            return await SaveChangesAsync(cancellationToken);
        }
        finally
        {
            Database.AutoTransactionBehavior = AutoTransactionBehavior.WhenNeeded;
        }
    }

    public async Task<int> SaveWithoutSavepointAsync(CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is null || !Database.AutoSavepointsEnabled)
        {
            return await SaveChangesAsync(cancellationToken);
        }

        Database.AutoSavepointsEnabled = false;
        try
        {
            return await SaveChangesAsync(cancellationToken);
        }
        finally
        {
            Database.AutoSavepointsEnabled = true;
        }
    }

    /// <summary>Far below the provider's batch size (1,000 statements), so the save can never be split.</summary>
    private const int OneBatchLimit = 50;

    public async Task<Result<T>> InTransactionAsync<T>(Func<CancellationToken, Task<Result<T>>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Database.CurrentTransaction is not null)
        {
            return await InSavepointAsync(work, cancellationToken);
        }

        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        var result = await work(cancellationToken);
        if (result.IsSuccess)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken);
            DiscardChanges();
        }

        return result;
    }

    public async Task<Result<T>> InSnapshotTransactionAsync<T>(Func<CancellationToken, Task<Result<T>>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Database.CurrentTransaction is not null)
        {
            // Inside a chat turn's transaction: the turn's isolation holds; version checks still refuse a lost update.
            return await InSavepointAsync(work, cancellationToken);
        }

        var isolation = ProviderName == PostgresPakLoadDbContext.Provider ? System.Data.IsolationLevel.RepeatableRead : System.Data.IsolationLevel.Serializable;
        await using var transaction = await Database.BeginTransactionAsync(isolation, cancellationToken);
        var result = await work(cancellationToken);
        if (result.IsSuccess)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// A unit of work nested in an open transaction (a use case inside a chat turn): a savepoint gives it its own
    /// all-or-nothing, whether it returns a failure or throws (a refused save included, so a retry can follow).
    /// </summary>
    private async Task<Result<T>> InSavepointAsync<T>(Func<CancellationToken, Task<Result<T>>> work, CancellationToken cancellationToken)
    {
        var outer = Database.CurrentTransaction!;
        var savepoint = $"nested_{Guid.NewGuid():N}";
        await outer.CreateSavepointAsync(savepoint, cancellationToken);
        Result<T> nested;
        try
        {
            nested = await work(cancellationToken);
        }
        catch
        {
            await outer.RollbackToSavepointAsync(savepoint, CancellationToken.None);
            throw;
        }

        if (nested.IsSuccess)
        {
            await outer.ReleaseSavepointAsync(savepoint, cancellationToken);
        }
        else
        {
            await outer.RollbackToSavepointAsync(savepoint, cancellationToken);
            DiscardChanges();
        }

        return nested;
    }

    /// <summary>
    /// Posts ledger transactions in one round trip where the provider can (PostgreSQL); null here, and the ledger
    /// stages EF changes instead.
    /// </summary>
    public virtual ILedgerWriter? LedgerWriter => null;

    /// <summary>A refused save (EF wraps the provider's error), or a provider error from a statement run outside a save (the ledger writer).</summary>
    public bool IsConflict(Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => true,
        // Npgsql's execution strategy wraps a transient refusal (deadlock, serialisation failure) of a save.
        InvalidOperationException { InnerException: DbUpdateException wrapped } => IsConflict(wrapped),
        DbUpdateException { InnerException: PostgresException inner } => IsConflict(inner),
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } => true,
        DbUpdateException { InnerException: SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 } } => true,
        _ => false,
    };

    public bool IsCheckViolation(Exception exception) => exception switch
    {
        InvalidOperationException { InnerException: DbUpdateException wrapped } => IsCheckViolation(wrapped),
        DbUpdateException { InnerException: PostgresException inner } => IsCheckViolation(inner),
        PostgresException { SqlState: PostgresErrorCodes.CheckViolation } => true,
        DbUpdateException { InnerException: SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 275 } } => true,
        _ => false,
    };

    public void DiscardChanges() => ChangeTracker.Clear();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PakLoadDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        Conversions.Apply(configurationBuilder);
    }
}

public sealed class PostgresPakLoadDbContext(DbContextOptions<PostgresPakLoadDbContext> options) : PakLoadDbContext(options)
{
    public const string Provider = "postgres";

    private PostgresLedgerWriter? _ledgerWriter;

    public override string ProviderName => Provider;

    /// <summary>The <c>ledger_post</c> function over this context's connection and current transaction.</summary>
    public override ILedgerWriter LedgerWriter => _ledgerWriter ??= new PostgresLedgerWriter(this);
}

public sealed class SqlitePakLoadDbContext(DbContextOptions<SqlitePakLoadDbContext> options) : PakLoadDbContext(options)
{
    public const string Provider = "sqlite";

    public override string ProviderName => Provider;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no timestamp type and cannot compare or order DateTimeOffset text; ticks in UTC sort right.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}
