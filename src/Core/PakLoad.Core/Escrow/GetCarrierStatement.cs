using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;

namespace PakLoad.Core.Escrow;

/// <summary>One line of a carrier's statement: a movement on their payable account and the balance after it.</summary>
public sealed record StatementLine(DateTimeOffset At, LedgerTransactionKind Kind, BookingId? BookingId, Money Amount, Money BalanceAfter);

public sealed record CarrierStatement(PartyId CarrierId, DateTimeOffset From, DateTimeOffset To, Money Opening, Money Closing, IReadOnlyList<StatementLine> Lines);

/// <summary>The caller's own statement: every credit (advance, balance, cancellation fee, dispute share) and debit (payouts) in a period.</summary>
public sealed record GetCarrierStatementQuery(PartyId ActorId, DateTimeOffset From, DateTimeOffset To);

public sealed class GetCarrierStatementHandler(IPakLoadDb db)
{
    public const int MaxLines = 5000;

    public async Task<Result<CarrierStatement>> HandleAsync(GetCarrierStatementQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.To <= query.From)
        {
            return Error.Of("errors.statement.period_invalid");
        }

        var code = AccountSpec.CarrierPayable(query.ActorId).Code;
        var account = await db.LedgerAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Code == code, ct);
        if (account is null)
        {
            return new CarrierStatement(query.ActorId, query.From, query.To, Money.Zero, Money.Zero, []);
        }

        var rows = await (
                from e in db.LedgerEntries.AsNoTracking()
                join t in db.LedgerTransactions.AsNoTracking() on e.TransactionId equals t.Id
                where e.AccountId == account.Id && e.CreatedAt < query.To
                orderby e.CreatedAt, e.Id
                select new { e.CreatedAt, t.Kind, t.BookingId, e.Amount, e.BalanceAfter })
            .ToListAsync(ct);
        var before = rows.Where(r => r.CreatedAt < query.From).ToList();
        var opening = Money.Zero;
        foreach (var row in before)
        {
            opening += row.Amount;
        }

        var lines = new List<StatementLine>();
        var running = opening;
        foreach (var row in rows.Where(r => r.CreatedAt >= query.From).Take(MaxLines))
        {
            // Summed here rather than read from BalanceAfter: concurrent postings in one millisecond can share a timestamp.
            running += row.Amount;
            lines.Add(new StatementLine(row.CreatedAt, row.Kind, row.BookingId, row.Amount, running));
        }

        return new CarrierStatement(query.ActorId, query.From, query.To, opening, running, lines);
    }
}
