using PakLoad.Core.Common;

namespace PakLoad.Core.Reconciliation;

/// <summary>How a provider's report and our ledger disagree about one reference.</summary>
public enum MismatchKind
{
    /// <summary>The provider moved money we have no posting for.</summary>
    MissingInLedger,

    /// <summary>We posted money the provider does not report for the day.</summary>
    MissingInReport,

    /// <summary>Both know the reference; the amounts (or currency) differ.</summary>
    AmountMismatch,

    /// <summary>The report lists the same reference and kind more than once.</summary>
    DuplicateInReport,
}

public enum CaseStatus
{
    Open,
    Resolved,
}

/// <summary>
/// One disagreement between a provider's settlement report and the ledger, for an admin to look into. At most
/// one per <see cref="Key"/> (provider, day, kind, reference; a unique index is the arbiter), so re-running a day
/// opens nothing new. Resolving never moves money: a correction is a separate, keyed ledger posting.
/// </summary>
public sealed class ReconciliationCase
{
    public const int MaxNoteLength = 1000;

    private ReconciliationCase()
    {
    }

    public ReconciliationCaseId Id { get; private set; }

    public string Key { get; private set; } = string.Empty;

    public string Provider { get; private set; } = string.Empty;

    public DateOnly Day { get; private set; }

    public MismatchKind Kind { get; private set; }

    public SettlementLineKind LineKind { get; private set; }

    public string Reference { get; private set; } = string.Empty;

    public Money? ReportAmount { get; private set; }

    public Money? LedgerAmount { get; private set; }

    public CaseStatus Status { get; private set; }

    public string? Note { get; private set; }

    public PartyId? ResolvedBy { get; private set; }

    public int Version { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public static string KeyOf(string provider, DateOnly day, MismatchKind kind, SettlementLineKind lineKind, string reference) =>
        $"{provider}:{day:yyyy-MM-dd}:{kind}:{lineKind}:{reference}";

    public static ReconciliationCase Open(string provider, DateOnly day, Mismatch mismatch, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(mismatch);
        ArgumentNullException.ThrowIfNull(clock);
        return new ReconciliationCase
        {
            Id = ReconciliationCaseId.New(clock),
            Key = KeyOf(provider, day, mismatch.Kind, mismatch.LineKind, mismatch.Reference),
            Provider = provider,
            Day = day,
            Kind = mismatch.Kind,
            LineKind = mismatch.LineKind,
            Reference = mismatch.Reference,
            ReportAmount = mismatch.ReportAmount,
            LedgerAmount = mismatch.LedgerAmount,
            Status = CaseStatus.Open,
            OpenedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>An admin closes the case with what was found or done; a resolved case stays resolved.</summary>
    public Result<ReconciliationCase> Resolve(PartyId admin, string? note, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var trimmed = (note ?? string.Empty).Trim();
        if (trimmed.Length == 0 || trimmed.Length > MaxNoteLength || trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\r'))
        {
            return Error.Of("errors.reconciliation.note_invalid", ("max", MaxNoteLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (Status != CaseStatus.Open)
        {
            return Error.Of("errors.reconciliation.case_closed");
        }

        Close(admin, trimmed, clock);
        return this;
    }

    /// <summary>A later run matched it (a corrected report or posting, or the provider's next day): closed with a system note.</summary>
    internal void CloseAsMatched(DateOnly day, TimeProvider clock) => Close(null, $"matched by the report of {day:yyyy-MM-dd}", clock);

    private void Close(PartyId? admin, string note, TimeProvider clock)
    {
        Status = CaseStatus.Resolved;
        Note = note;
        ResolvedBy = admin;
        ResolvedAt = clock.GetUtcNow();
        Version++;
    }
}

/// <summary>
/// One reconciliation of one provider's day: the counts of the last run (a re-run updates the same row).
/// </summary>
public sealed class ReconciliationRun
{
    private ReconciliationRun()
    {
    }

    public ReconciliationRunId Id { get; private set; }

    public string Provider { get; private set; } = string.Empty;

    public DateOnly Day { get; private set; }

    public string Source { get; private set; } = string.Empty;

    public int Lines { get; private set; }

    public int Matched { get; private set; }

    public int MissingInLedger { get; private set; }

    public int MissingInReport { get; private set; }

    public int AmountMismatches { get; private set; }

    public int DuplicatesInReport { get; private set; }

    public int Sweeps { get; private set; }

    public int CasesOpened { get; private set; }

    public Money GrossReported { get; private set; }

    public Money FeesReported { get; private set; }

    public int Runs { get; private set; }

    public int Version { get; private set; }

    public DateTimeOffset FirstRunAt { get; private set; }

    public DateTimeOffset LastRunAt { get; private set; }

    public static ReconciliationRun Start(string provider, DateOnly day, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        return new ReconciliationRun { Id = ReconciliationRunId.New(clock), Provider = provider, Day = day, FirstRunAt = now, LastRunAt = now };
    }

    public void Record(string source, ReconciliationDiff diff, SettlementReport report, int casesOpened, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(clock);
        Source = source;
        Lines = report.Lines.Count;
        Matched = diff.Matched;
        Sweeps = diff.Sweeps;
        MissingInLedger = diff.Count(MismatchKind.MissingInLedger);
        MissingInReport = diff.Count(MismatchKind.MissingInReport);
        AmountMismatches = diff.Count(MismatchKind.AmountMismatch);
        DuplicatesInReport = diff.Count(MismatchKind.DuplicateInReport);
        CasesOpened = casesOpened;
        GrossReported = new Money(report.Lines.Sum(l => l.Gross.Paisa));
        FeesReported = new Money(report.Lines.Sum(l => l.Fee.Paisa));
        Runs++;
        Version++;
        LastRunAt = clock.GetUtcNow();
    }
}
