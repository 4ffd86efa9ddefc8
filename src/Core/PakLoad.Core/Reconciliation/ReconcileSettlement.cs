using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Escrow;
using PakLoad.Core.Notifications;
using PakLoad.Core.Parties;

namespace PakLoad.Core.Reconciliation;

public sealed record ReconciliationCaseView(
    ReconciliationCaseId Id, string Provider, DateOnly Day, MismatchKind Kind, SettlementLineKind LineKind, string Reference,
    Money? ReportAmount, Money? LedgerAmount, CaseStatus Status, string? Note, PartyId? ResolvedBy, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt)
{
    public static ReconciliationCaseView Of(ReconciliationCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new ReconciliationCaseView(
            c.Id, c.Provider, c.Day, c.Kind, c.LineKind, c.Reference, c.ReportAmount, c.LedgerAmount, c.Status, c.Note, c.ResolvedBy, c.OpenedAt, c.ResolvedAt);
    }
}

public sealed record ReconciliationOutcome(
    string Provider, DateOnly Day, string Source, int Lines, int Matched, int Sweeps, int MissingInLedger, int MissingInReport,
    int AmountMismatches, int DuplicatesInReport, Money GrossReported, Money FeesReported, int Runs,
    IReadOnlyList<ReconciliationCaseView> Opened, int ClosedAsMatched);

/// <summary>
/// Reconciles one provider's settlement day with the ledger (invariant I7). The report is fetched from the
/// provider's source, or given (an uploaded file). Every mismatch opens a case unless one with the same key
/// exists, so re-running a day opens nothing twice; the run row is one per (provider, day) and is updated.
/// Admins are told through the outbox, once per batch of new cases. An open case whose reference now matches
/// (the same day re-run, or a "missing in report" matched by a neighbouring day) is closed as matched.
/// </summary>
public sealed record ReconcileSettlementCommand(string Provider, DateOnly Day, SettlementReport? Uploaded = null);

public sealed class ReconcileSettlementHandler(IPakLoadDb db, TimeProvider clock, SettlementSources sources)
{
    public const int MaxProviderLength = 32;
    public const string Fetched = "fetched";
    public const string Uploaded = "uploaded";

    public async Task<Result<ReconciliationOutcome>> HandleAsync(ReconcileSettlementCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var provider = command.Provider ?? string.Empty;
        if (provider.Length is 0 or > MaxProviderLength || !provider.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
        {
            return Error.Of("errors.reconciliation.provider_unknown", ("provider", provider));
        }

        if (command.Day >= PakistanTime.Today(clock))
        {
            // A day is settled once it is over in Pakistan; today's report would be partial.
            return Error.Of("errors.reconciliation.day_not_over", ("day", command.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        SettlementReport report;
        if (command.Uploaded is { } uploaded)
        {
            report = uploaded with { Provider = provider, Day = command.Day };
        }
        else
        {
            var source = sources.Get(provider);
            if (!source.IsSuccess)
            {
                return source.Error!;
            }

            var fetched = await source.Value!.FetchAsync(command.Day, ct);
            if (!fetched.IsSuccess)
            {
                return fetched.Error!;
            }

            report = fetched.Value!;
        }

        var ledgerDay = await LedgerDayAsync(provider, command.Day, ct);
        var known = ledgerDay.Select(i => (i.Kind, i.Reference)).ToHashSet();
        var others = await LedgerByReferenceAsync(
            provider, report.Lines.Where(l => l.Kind != SettlementLineKind.Sweep && !known.Contains((l.Kind, l.Reference))).ToList(), ct);
        var diff = SettlementDiff.Compute(report, ledgerDay, others);
        var origin = command.Uploaded is null ? Fetched : Uploaded;
        return await Conflicts.RetryAsync(db, token => RecordAsync(report, diff, origin, token), ct);
    }

    private async Task<Result<ReconciliationOutcome>> RecordAsync(SettlementReport report, ReconciliationDiff diff, string source, CancellationToken ct)
    {
        var (provider, day) = (report.Provider, report.Day);
        var keys = diff.Mismatches.Select(m => ReconciliationCase.KeyOf(provider, day, m.Kind, m.LineKind, m.Reference)).ToList();
        var existing = (await db.ReconciliationCases.AsNoTracking().Where(c => keys.Contains(c.Key)).Select(c => c.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var opened = new List<ReconciliationCase>();
        foreach (var mismatch in diff.Mismatches)
        {
            var open = ReconciliationCase.Open(provider, day, mismatch, clock);
            if (existing.Add(open.Key))
            {
                db.ReconciliationCases.Add(open);
                opened.Add(open);
            }
        }

        // What now matches settles its open cases: any of this day's (a corrected file, a fixed posting), and a
        // neighbouring day's "missing in report" (the provider dated it on the other side of midnight).
        var matchedRefs = diff.MatchedReferences.Select(m => m.Reference).Distinct().ToList();
        var settled = await db.ReconciliationCases
            .Where(c => c.Provider == provider && c.Status == CaseStatus.Open && matchedRefs.Contains(c.Reference)
                        && (c.Day == day || c.Kind == MismatchKind.MissingInReport))
            .ToListAsync(ct);
        foreach (var c in settled.Where(c => diff.MatchedReferences.Contains((c.LineKind, c.Reference))))
        {
            c.CloseAsMatched(day, clock);
        }

        var run = await db.ReconciliationRuns.SingleOrDefaultAsync(r => r.Provider == provider && r.Day == day, ct);
        if (run is null)
        {
            run = ReconciliationRun.Start(provider, day, clock);
            db.ReconciliationRuns.Add(run);
        }

        run.Record(source, diff, report, opened.Count, clock);
        if (opened.Count > 0)
        {
            await NotifyAdminsAsync(provider, day, opened, ct);
        }

        return new ReconciliationOutcome(
            provider, day, source, run.Lines, run.Matched, run.Sweeps, run.MissingInLedger, run.MissingInReport, run.AmountMismatches,
            run.DuplicatesInReport, run.GrossReported, run.FeesReported, run.Runs, opened.Select(ReconciliationCaseView.Of).ToList(),
            settled.Count(c => c.Status == CaseStatus.Resolved));
    }

    /// <summary>One message per admin per batch of new cases, keyed by the batch's first case: told once, even on a retry.</summary>
    private async Task NotifyAdminsAsync(string provider, DateOnly day, List<ReconciliationCase> opened, CancellationToken ct)
    {
        var admins = await db.Parties.AsNoTracking().Where(p => EF.Property<List<PartyRole>>(p, "_roles").Contains(PartyRole.Admin)).ToListAsync(ct);
        var first = opened.Min(c => c.Key)!;
        foreach (var admin in admins)
        {
            db.Outbox.Add(OutboxMessage.To(
                admin, "notifications.admin.reconciliation_mismatch", $"reconciliation:{first}:{admin.Id}", clock,
                ("provider", provider), ("day", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("count", opened.Count.ToString(CultureInfo.InvariantCulture))));
        }
    }

    /// <summary>The postings on the provider's clearing account during the Pakistani day.</summary>
    private Task<List<LedgerItem>> LedgerDayAsync(string provider, DateOnly day, CancellationToken ct)
    {
        var (from, to) = (PakistanTime.StartOf(day).ToUniversalTime(), PakistanTime.EndOf(day).ToUniversalTime());
        return PostingsAsync(provider, t => t.CreatedAt >= from && t.CreatedAt < to, ct);
    }

    /// <summary>The postings, on any day, of the references a report names that the day's postings do not hold.</summary>
    private async Task<List<LedgerItem>> LedgerByReferenceAsync(string provider, List<SettlementLine> lines, CancellationToken ct)
    {
        if (lines.Count == 0)
        {
            return [];
        }

        var refs = lines.Select(l => l.Reference).Distinct().ToList();
        var paymentIds = await db.Payments.AsNoTracking().Where(p => p.Provider == provider && refs.Contains(p.ProviderRef!)).Select(p => p.Id).ToListAsync(ct);
        var refundIds = await db.PaymentRefunds.AsNoTracking().Where(r => r.Provider == provider && refs.Contains(r.ProviderRef!)).Select(r => r.Id).ToListAsync(ct);
        var payoutIds = await db.Payouts.AsNoTracking().Where(p => refs.Contains(p.BankReference!)).Select(p => p.Id).ToListAsync(ct);
        var keys = paymentIds.SelectMany(id => new[] { $"payment:{id}:funded", $"payment:{id}:overpaid" })
            .Concat(refundIds.Select(id => $"refund:{id}:paid"))
            .Concat(payoutIds.Select(id => $"payout:{id}:paid"))
            .ToList();
        return keys.Count == 0 ? [] : await PostingsAsync(provider, t => keys.Contains(t.IdempotencyKey), ct);
    }

    private async Task<List<LedgerItem>> PostingsAsync(string provider, Expression<Func<LedgerTransaction, bool>> which, CancellationToken ct)
    {
        var code = AccountSpec.Clearing(provider).Code;
        var account = await db.LedgerAccounts.AsNoTracking().Where(a => a.Code == code).Select(a => (LedgerAccountId?)a.Id).SingleOrDefaultAsync(ct);
        if (account is null)
        {
            return [];
        }

        var postings = await (from t in db.LedgerTransactions.AsNoTracking().Where(which)
                              join e in db.LedgerEntries.AsNoTracking() on t.Id equals e.TransactionId
                              where e.AccountId == account.Value
                              select new { t.IdempotencyKey, t.Kind, e.Amount, t.CreatedAt }).ToListAsync(ct);

        // Keys are "payment:{id}:funded|overpaid", "refund:{id}:paid", "payout:{id}:paid": the id finds the provider's reference.
        var ids = postings.Select(p => p.IdempotencyKey.Split(':')).Where(p => p.Length == 3 && Guid.TryParse(p[1], out _)).Select(p => Guid.Parse(p[1])).Distinct().ToList();
        var paymentIds = ids.Select(PaymentId.From).ToList();
        var refundIds = ids.Select(PaymentRefundId.From).ToList();
        var payoutIds = ids.Select(PayoutId.From).ToList();
        var paymentRefs = await db.Payments.AsNoTracking().Where(p => paymentIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id.Value, p => p.ProviderRef, ct);
        var refundRefs = await db.PaymentRefunds.AsNoTracking().Where(r => refundIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id.Value, r => r.ProviderRef, ct);
        var payoutRefs = await db.Payouts.AsNoTracking().Where(p => payoutIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id.Value, p => p.BankReference, ct);

        var items = new List<LedgerItem>(postings.Count);
        foreach (var p in postings)
        {
            var parts = p.IdempotencyKey.Split(':');
            if (parts.Length != 3 || !Guid.TryParse(parts[1], out var id))
            {
                continue;
            }

            SettlementLineKind? kind = p.Kind switch
            {
                LedgerTransactionKind.Funding or LedgerTransactionKind.Overpayment => SettlementLineKind.Payment,
                LedgerTransactionKind.RefundPaid => SettlementLineKind.Refund,
                LedgerTransactionKind.PayoutPaid => SettlementLineKind.Payout,
                _ => null,
            };
            if (kind is null)
            {
                continue;
            }

            var reference = kind switch
            {
                SettlementLineKind.Payment => paymentRefs.GetValueOrDefault(id),
                SettlementLineKind.Refund => refundRefs.GetValueOrDefault(id),
                _ => payoutRefs.GetValueOrDefault(id),
            };
            items.Add(new LedgerItem(reference ?? id.ToString(), kind.Value, new Money(Math.Abs(p.Amount.Paisa)), p.CreatedAt));
        }

        return items;
    }
}
