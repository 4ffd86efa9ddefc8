using PakLoad.Core.Common;

namespace PakLoad.Core.Escrow;

/// <summary>
/// A database that can post a ledger transaction itself, in one round trip, inside the caller's open transaction
/// (PostgreSQL: the <c>ledger_post</c> function). <see cref="Ledger"/> validates first and uses it when
/// <see cref="IPakLoadDb.LedgerWriter"/> is there; otherwise it stages EF changes for the caller's save.
/// </summary>
public interface ILedgerWriter
{
    /// <summary>
    /// Posts <paramref name="write"/> now, in the caller's transaction: AlreadyPosted if its key exists (nothing
    /// written), Insufficient if a leg would take an account that may not go negative below zero (nothing
    /// written but possibly the accounts it opened; the caller's failure rolls them back). Throws when no
    /// transaction is open: a posting committed alone, while the caller's other changes fail, would break the
    /// agreement between the ledger and the facts that explain it. The database's refusals (a serialisation
    /// failure, a deadlock, a CHECK) surface as exceptions that <see cref="IPakLoadDb.IsConflict"/> and
    /// <see cref="IPakLoadDb.IsCheckViolation"/> recognise.
    /// </summary>
    Task<LedgerWriteResult> PostAsync(LedgerWrite write, CancellationToken ct);
}

/// <summary>One leg as the writer needs it: the account (and the id to give it if it must be opened), the entry's id and the signed amount.</summary>
public sealed record LedgerWriteLeg(AccountSpec Account, LedgerAccountId NewAccountId, LedgerEntryId EntryId, Money Amount);

/// <summary>A validated posting with every id and time chosen by the caller.</summary>
public sealed record LedgerWrite(
    string IdempotencyKey, LedgerTransactionKind Kind, BookingId? BookingId, LedgerTransactionId TransactionId, DateTimeOffset CreatedAt, IReadOnlyList<LedgerWriteLeg> Legs);

public enum LedgerWriteOutcome
{
    Posted,
    AlreadyPosted,
    Insufficient,
}

/// <summary>What the writer did; for Insufficient, the account's balance and the amount the leg wanted to take.</summary>
public readonly record struct LedgerWriteResult(LedgerWriteOutcome Outcome, Money Balance, Money Amount);
