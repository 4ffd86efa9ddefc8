using PakLoad.Core.Common;
using PakLoad.Core.Reconciliation;

namespace PakLoad.Core.Tests.Reconciliation;

/// <summary>The report-versus-ledger comparison, one row per kind of agreement or disagreement.</summary>
public sealed class SettlementDiffTests
{
    private static readonly DateOnly Day = new(2026, 11, 25);
    private static readonly DateTimeOffset Noon = PakistanTime.StartOf(Day).AddHours(12);

    // Report lines: "P:ref:paisa" (payment), "R:…" (refund), "O:…" (payout), "S:…" (sweep), "P:ref:paisa:usd" (currency).
    // Ledger: "P:ref:paisa" on the day; "P:ref:paisa@" posted on another day (found by reference only).
    public static TheoryData<string, string[], string[], int, string[]> Cases => new()
    {
        { "matched", ["P:pi_1:102500", "R:re_1:50000"], ["P:pi_1:102500", "R:re_1:50000"], 2, [] },
        { "missing in ledger", ["P:pi_1:102500"], [], 0, ["MissingInLedger Payment pi_1 102500 -"] },
        { "missing in report", [], ["R:re_1:50000"], 0, ["MissingInReport Refund re_1 - 50000"] },
        { "amount mismatch", ["P:pi_1:102500"], ["P:pi_1:102400"], 0, ["AmountMismatch Payment pi_1 102500 102400"] },
        { "currency mismatch", ["P:pi_1:102500:usd"], ["P:pi_1:102500"], 0, ["AmountMismatch Payment pi_1 102500 102500"] },
        { "duplicate in report", ["P:pi_1:102500", "P:pi_1:102500"], ["P:pi_1:102500"], 0, ["DuplicateInReport Payment pi_1 205000 102500"] },
        { "same reference, other kind", ["R:pi_1:102500"], ["P:pi_1:102500"], 0, ["MissingInLedger Refund pi_1 102500 -", "MissingInReport Payment pi_1 - 102500"] },
        { "posted on another day", ["P:pi_1:102500"], ["P:pi_1:102500@"], 1, [] },
        { "sweep is not diffed", ["S:po_1:900000", "P:pi_1:102500"], ["P:pi_1:102500"], 1, [] },
        { "payout matched", ["O:BANKREF7:4000000"], ["O:BANKREF7:4000000"], 1, [] },
        {
            "mixed", ["P:pi_1:100", "P:pi_2:200", "R:re_1:50"], ["P:pi_1:100", "P:pi_2:201", "P:pi_3:300"], 1,
            ["AmountMismatch Payment pi_2 200 201", "MissingInLedger Refund re_1 50 -", "MissingInReport Payment pi_3 - 300"]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_ReportAgainstLedger_GivesMatchesAndMismatches(string name, string[] report, string[] ledger, int matched, string[] expected)
    {
        var diff = Diff(report, ledger);

        Assert.True(matched == diff.Matched, name);
        Assert.Equal(expected, diff.Mismatches.Select(Describe).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(report.Count(r => r.StartsWith('S')), diff.Sweeps);
    }

    [Fact]
    public void Compute_RunTwice_SameMismatchesAndSameCaseKeys()
    {
        string[] report = ["P:pi_1:100", "P:pi_2:200", "P:pi_2:200", "R:re_1:50"];
        string[] ledger = ["P:pi_1:101", "P:pi_9:900"];

        var keys = new[] { Diff(report, ledger), Diff(report.Reverse().ToArray(), ledger.Reverse().ToArray()) }
            .Select(d => d.Mismatches.Select(m => ReconciliationCase.KeyOf("sandbox", Day, m.Kind, m.LineKind, m.Reference)).Order(StringComparer.Ordinal).ToArray())
            .ToList();

        Assert.Equal(4, keys[0].Length);
        Assert.Equal(keys[0], keys[1]);
        Assert.Equal(keys[0].Length, keys[0].Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void KeyOf_DiffersByProviderDayKindAndReference()
    {
        var keys = new[]
        {
            ReconciliationCase.KeyOf("sandbox", Day, MismatchKind.MissingInLedger, SettlementLineKind.Payment, "pi_1"),
            ReconciliationCase.KeyOf("stripe", Day, MismatchKind.MissingInLedger, SettlementLineKind.Payment, "pi_1"),
            ReconciliationCase.KeyOf("sandbox", Day.AddDays(1), MismatchKind.MissingInLedger, SettlementLineKind.Payment, "pi_1"),
            ReconciliationCase.KeyOf("sandbox", Day, MismatchKind.AmountMismatch, SettlementLineKind.Payment, "pi_1"),
            ReconciliationCase.KeyOf("sandbox", Day, MismatchKind.MissingInLedger, SettlementLineKind.Refund, "pi_1"),
            ReconciliationCase.KeyOf("sandbox", Day, MismatchKind.MissingInLedger, SettlementLineKind.Payment, "pi_2"),
        };

        Assert.Equal(keys.Length, keys.Distinct(StringComparer.Ordinal).Count());
    }

    private static ReconciliationDiff Diff(string[] report, string[] ledger)
    {
        var lines = report.Select(r =>
        {
            var p = r.Split(':');
            var amount = new Money(long.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture));
            return new SettlementLine(p[1], Kind(p[0]), amount, Money.Zero, amount, p.Length > 3 ? p[3] : SettlementReport.Pkr, Noon);
        }).ToList();
        var items = ledger.Select(l =>
        {
            var p = l.TrimEnd('@').Split(':');
            var at = l.EndsWith('@') ? Noon.AddDays(-1) : Noon;
            return new LedgerItem(p[1], Kind(p[0]), new Money(long.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture)), at);
        }).ToList();
        return SettlementDiff.Compute(new SettlementReport("sandbox", Day, lines), items.Where(i => i.At == Noon).ToList(), items.Where(i => i.At != Noon).ToList());
    }

    private static SettlementLineKind Kind(string code) => code switch
    {
        "P" => SettlementLineKind.Payment,
        "R" => SettlementLineKind.Refund,
        "O" => SettlementLineKind.Payout,
        _ => SettlementLineKind.Sweep,
    };

    private static string Describe(Mismatch m) =>
        $"{m.Kind} {m.LineKind} {m.Reference} {m.ReportAmount?.Paisa.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {m.LedgerAmount?.Paisa.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";
}
