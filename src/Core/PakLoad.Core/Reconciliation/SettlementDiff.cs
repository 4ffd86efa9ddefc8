using PakLoad.Core.Common;

namespace PakLoad.Core.Reconciliation;

/// <summary>What the ledger says moved through a provider for one reference: a posting on its clearing account.</summary>
public sealed record LedgerItem(string Reference, SettlementLineKind Kind, Money Amount, DateTimeOffset At);

public sealed record Mismatch(MismatchKind Kind, SettlementLineKind LineKind, string Reference, Money? ReportAmount, Money? LedgerAmount);

/// <summary>The outcome of comparing a report with the ledger: counts, the references that agree, and every disagreement.</summary>
public sealed record ReconciliationDiff(int Matched, int Sweeps, IReadOnlyList<(SettlementLineKind Kind, string Reference)> MatchedReferences, IReadOnlyList<Mismatch> Mismatches)
{
    public int Count(MismatchKind kind) => Mismatches.Count(m => m.Kind == kind);
}

/// <summary>
/// The pure comparison. Report lines (except sweeps) are keyed by (kind, reference); each is looked up in
/// the ledger items (<c>ledger</c>), which hold the day's clearing postings plus any earlier or later posting of a
/// reference the report names (a payment the provider dates just before midnight and we after it still matches).
/// The day's postings the report does not name are missing in the report. Fees are reported but not compared:
/// the ledger books the gross amount into clearing.
/// </summary>
public static class SettlementDiff
{
    public static ReconciliationDiff Compute(SettlementReport report, IReadOnlyList<LedgerItem> ledgerDay, IReadOnlyList<LedgerItem> ledger)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(ledgerDay);
        ArgumentNullException.ThrowIfNull(ledger);
        var booked = ledger.Concat(ledgerDay)
            .DistinctBy(i => (i.Kind, i.Reference, i.At, i.Amount))
            .GroupBy(i => (i.Kind, i.Reference))
            .ToDictionary(g => g.Key, g => new Money(g.Sum(i => i.Amount.Paisa)));
        var lines = report.Lines.Where(l => l.Kind != SettlementLineKind.Sweep).GroupBy(l => (l.Kind, l.Reference)).ToList();
        var matched = new List<(SettlementLineKind, string)>();
        var mismatches = new List<Mismatch>();
        foreach (var group in lines)
        {
            var reported = new Money(group.Sum(l => l.Gross.Paisa));
            var inLedger = booked.TryGetValue(group.Key, out var amount) ? amount : (Money?)null;
            if (group.Count() > 1)
            {
                mismatches.Add(new Mismatch(MismatchKind.DuplicateInReport, group.Key.Kind, group.Key.Reference, reported, inLedger));
            }
            else if (inLedger is null)
            {
                mismatches.Add(new Mismatch(MismatchKind.MissingInLedger, group.Key.Kind, group.Key.Reference, reported, null));
            }
            else if (inLedger != reported || !string.Equals(group.First().Currency, SettlementReport.Pkr, StringComparison.OrdinalIgnoreCase))
            {
                mismatches.Add(new Mismatch(MismatchKind.AmountMismatch, group.Key.Kind, group.Key.Reference, reported, inLedger));
            }
            else
            {
                matched.Add(group.Key);
            }
        }

        var named = lines.Select(g => g.Key).ToHashSet();
        foreach (var missing in ledgerDay.GroupBy(i => (i.Kind, i.Reference)).Where(g => !named.Contains(g.Key)))
        {
            mismatches.Add(new Mismatch(MismatchKind.MissingInReport, missing.Key.Kind, missing.Key.Reference, null, new Money(missing.Sum(i => i.Amount.Paisa))));
        }

        return new ReconciliationDiff(matched.Count, report.Lines.Count(l => l.Kind == SettlementLineKind.Sweep), matched, mismatches);
    }
}
