using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;

namespace PakLoad.Core.Escrow;

/// <summary>One signed amount on one account.</summary>
public sealed record Leg(AccountSpec Account, Money Amount);

/// <summary>A ledger transaction to make: its key, its kind, and legs that sum to zero.</summary>
public sealed record Posting(string IdempotencyKey, LedgerTransactionKind Kind, BookingId? BookingId, IReadOnlyList<Leg> Legs)
{
    /// <summary>The common case: <paramref name="amount"/> from one account to another.</summary>
    public static Posting Transfer(string key, LedgerTransactionKind kind, BookingId? booking, AccountSpec from, AccountSpec to, Money amount)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return new Posting(key, kind, booking, [new Leg(from, new Money(-amount.Paisa)), new Leg(to, amount)]);
    }
}

public enum PostOutcome
{
    Posted,
    AlreadyPosted,
}

/// <summary>
/// The only writer of the ledger, always inside the caller's unit of work, so the money and the facts that explain
/// it commit together or not at all. On PostgreSQL (<see cref="IPakLoadDb.LedgerWriter"/>) a posting is written at
/// once, in one round trip, inside the caller's open transaction (the <c>ledger_post</c> function: accounts locked
/// in code order, balance checked, transaction, entries and balances written); elsewhere (SQLite) the transaction,
/// its entries and the new balances are staged as EF changes for the caller's one save. The database is the last
/// word either way: the unique key refuses a second transaction with the same key, row locks or each account's
/// version refuse a lost update, and a CHECK refuses a negative balance where one is not allowed.
/// </summary>
public static class Ledger
{
    /// <summary>
    /// Posts (PostgreSQL, in the caller's open transaction, which it requires) or stages (SQLite) <paramref name="posting"/>;
    /// returns AlreadyPosted (and writes nothing) if its key exists.
    /// </summary>
    public static async Task<Result<PostOutcome>> StageAsync(IPakLoadDb db, Posting posting, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(posting);
        ArgumentNullException.ThrowIfNull(clock);
        var invalid = Validate(posting);
        if (invalid is not null)
        {
            return invalid;
        }

        if (db.LedgerWriter is { } writer)
        {
            return await WriteAsync(writer, posting, clock, ct);
        }

        var key = posting.IdempotencyKey;
        if (db.LedgerTransactions.Local.Any(t => t.IdempotencyKey == key))
        {
            return PostOutcome.AlreadyPosted;
        }

        var (accounts, posted) = await AccountsAsync(db, posting.Legs.Select(l => l.Account), key, ct);
        if (posted)
        {
            return PostOutcome.AlreadyPosted;
        }

        foreach (var spec in posting.Legs.Select(l => l.Account).Where(a => !accounts.ContainsKey(a.Code)))
        {
            // A race to open the same account is settled by the unique code: the loser retries and finds it.
            var opened = LedgerAccount.Open(spec, clock);
            db.LedgerAccounts.Add(opened);
            accounts[spec.Code] = opened;
        }

        foreach (var leg in posting.Legs)
        {
            var account = accounts[leg.Account.Code];
            if (!account.MayGoNegative && (account.Balance + leg.Amount).IsNegative)
            {
                return Error.Of("errors.ledger.insufficient_funds", ("balance", account.Balance.ToString()), ("amount", new Money(-leg.Amount.Paisa).ToString()));
            }
        }

        var transaction = LedgerTransaction.Create(key, posting.Kind, posting.BookingId, clock);
        db.LedgerTransactions.Add(transaction);
        var now = clock.GetUtcNow();
        foreach (var leg in posting.Legs)
        {
            var account = accounts[leg.Account.Code];
            account.Apply(leg.Amount, now);
            db.LedgerEntries.Add(LedgerEntry.Create(transaction, account, leg.Amount, clock));
        }

        return PostOutcome.Posted;
    }

    private static async Task<Result<PostOutcome>> WriteAsync(ILedgerWriter writer, Posting posting, TimeProvider clock, CancellationToken ct)
    {
        var legs = new LedgerWriteLeg[posting.Legs.Count];
        for (var i = 0; i < legs.Length; i++)
        {
            var leg = posting.Legs[i];
            LedgerAccount.CheckCode(leg.Account);
            legs[i] = new LedgerWriteLeg(leg.Account, LedgerAccountId.New(clock), LedgerEntryId.New(clock), leg.Amount);
        }

        var written = await writer.PostAsync(
            new LedgerWrite(posting.IdempotencyKey, posting.Kind, posting.BookingId, LedgerTransactionId.New(clock), clock.GetUtcNow(), legs), ct);
        return written.Outcome switch
        {
            LedgerWriteOutcome.Posted => PostOutcome.Posted,
            LedgerWriteOutcome.AlreadyPosted => PostOutcome.AlreadyPosted,
            _ => Error.Of("errors.ledger.insufficient_funds", ("balance", written.Balance.ToString()), ("amount", written.Amount.ToString())),
        };
    }

    /// <summary>The balance of an account, zero when it was never opened.</summary>
    public static async Task<Money> BalanceAsync(IPakLoadDb db, AccountSpec account, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(account);
        var code = account.Code;
        var balances = await db.LedgerAccounts.AsNoTracking().Where(a => a.Code == code).Select(a => a.Balance).ToListAsync(ct);
        return balances.Count == 0 ? Money.Zero : balances[0];
    }

    private static Error? Validate(Posting posting)
    {
        if (string.IsNullOrWhiteSpace(posting.IdempotencyKey) || posting.IdempotencyKey.Length > LedgerTransaction.MaxKeyLength)
        {
            return Error.Of("errors.ledger.key_invalid", ("max", LedgerTransaction.MaxKeyLength.ToString(CultureInfo.InvariantCulture)));
        }

        if (posting.Legs.Count < 2 || posting.Legs.Any(l => l.Amount == Money.Zero)
            || posting.Legs.Select(l => l.Account.Code).Distinct(StringComparer.Ordinal).Count() != posting.Legs.Count)
        {
            return Error.Of("errors.ledger.posting_invalid");
        }

        long sum = 0;
        foreach (var leg in posting.Legs)
        {
            sum = checked(sum + leg.Amount.Paisa);
        }

        return sum == 0 ? null : Error.Of("errors.ledger.unbalanced");
    }

    /// <summary>
    /// The accounts already opened among <paramref name="specs"/>, and whether <paramref name="key"/> was posted: one
    /// round trip on the hot path (the accounts' rows carry the key check). Nothing is opened here.
    /// </summary>
    private static async Task<(Dictionary<string, LedgerAccount> Accounts, bool Posted)> AccountsAsync(
        IPakLoadDb db, IEnumerable<AccountSpec> specs, string key, CancellationToken ct)
    {
        var wanted = specs.Select(s => s.Code).ToList();
        var found = new Dictionary<string, LedgerAccount>(StringComparer.Ordinal);
        foreach (var local in db.LedgerAccounts.Local)
        {
            if (wanted.Contains(local.Code, StringComparer.Ordinal))
            {
                found[local.Code] = local;
            }
        }

        var missing = wanted.Where(w => !found.ContainsKey(w)).ToList();
        if (missing.Count > 0)
        {
            var rows = await db.LedgerAccounts
                .Where(a => missing.Contains(a.Code))
                .Select(a => new { Account = a, Posted = db.LedgerTransactions.Any(t => t.IdempotencyKey == key) })
                .ToListAsync(ct);
            foreach (var row in rows)
            {
                found[row.Account.Code] = row.Account;
            }

            if (rows.Count > 0)
            {
                return (found, rows[0].Posted);
            }
        }

        return (found, await db.LedgerTransactions.AnyAsync(t => t.IdempotencyKey == key, ct));
    }
}
