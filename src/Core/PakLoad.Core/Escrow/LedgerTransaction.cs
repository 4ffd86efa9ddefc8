using PakLoad.Core.Common;

namespace PakLoad.Core.Escrow;

/// <summary>Why money moved: every ledger transaction says which business step it is.</summary>
public enum LedgerTransactionKind
{
    Funding,
    Overpayment,
    Advance,
    Balance,
    PlatformFee,
    CancellationFee,
    Refund,
    DisputeToCarrier,
    DisputeToShipper,
    RefundRequested,
    RefundPaid,
    RefundFailed,
    PayoutRequested,
    PayoutPaid,
    PayoutFailed,
    Transfer,
}

/// <summary>
/// One business step that moves money: immutable, and at most one per <see cref="IdempotencyKey"/> (a unique
/// index is the arbiter; a second attempt with the same key is read as "already done").
/// </summary>
public sealed class LedgerTransaction
{
    public const int MaxKeyLength = 200;

    private LedgerTransaction()
    {
    }

    public LedgerTransactionId Id { get; private set; }

    public string IdempotencyKey { get; private set; } = string.Empty;

    public LedgerTransactionKind Kind { get; private set; }

    public BookingId? BookingId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    internal static LedgerTransaction Create(string key, LedgerTransactionKind kind, BookingId? booking, TimeProvider clock) => new()
    {
        Id = LedgerTransactionId.New(clock),
        IdempotencyKey = key,
        Kind = kind,
        BookingId = booking,
        CreatedAt = clock.GetUtcNow(),
    };
}

/// <summary>One leg of a transaction: a signed amount on one account. The legs of a transaction sum to zero.</summary>
public sealed class LedgerEntry
{
    private LedgerEntry()
    {
    }

    public LedgerEntryId Id { get; private set; }

    public LedgerTransactionId TransactionId { get; private set; }

    public LedgerAccountId AccountId { get; private set; }

    public Money Amount { get; private set; }

    /// <summary>The account's balance right after this entry: statements read it without summing.</summary>
    public Money BalanceAfter { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    internal static LedgerEntry Create(LedgerTransaction transaction, LedgerAccount account, Money amount, TimeProvider clock) => new()
    {
        Id = LedgerEntryId.New(clock),
        TransactionId = transaction.Id,
        AccountId = account.Id,
        Amount = amount,
        BalanceAfter = account.Balance,
        CreatedAt = transaction.CreatedAt,
    };
}
