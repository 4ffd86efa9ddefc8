using Hangfire;
using PakLoad.Core.Common;
using PakLoad.Core.Reconciliation;

namespace PakLoad.Api.Jobs;

/// <summary>PakLoad:Reconciliation: when the daily run starts (cron, Pakistan time) and which providers it fetches.</summary>
public sealed record ReconciliationSettings
{
    /// <summary>Daily at 06:30 in Asia/Karachi: the previous day is over and the providers have booked it.</summary>
    public string Cron { get; init; } = "30 6 * * *";

    /// <summary>Providers to fetch a report from; empty means every provider with a settlement source (sandbox, and Stripe when configured).</summary>
    public IReadOnlyList<string> Providers { get; init; } = [];
}

/// <summary>
/// The daily reconciliation (invariant I7): yesterday, Pakistani day, for each configured provider. Idempotent: a
/// re-run updates the day's run row and opens no case twice, so Hangfire's retry after a provider error is safe.
/// </summary>
public sealed partial class ReconciliationJobs(
    ReconcileSettlementHandler handler, SettlementSources sources, ReconciliationSettings settings, TimeProvider clock, ILogger<ReconciliationJobs> logger)
{
    public const string DailyJob = "reconciliation:daily";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> ReconcileYesterdayAsync(CancellationToken ct)
    {
        var day = PakistanTime.Today(clock).AddDays(-1);
        var providers = settings.Providers.Count > 0 ? settings.Providers : sources.Providers.Order(StringComparer.Ordinal).ToList();
        var opened = 0;
        var failed = new List<string>();
        foreach (var provider in providers)
        {
            var result = await handler.HandleAsync(new ReconcileSettlementCommand(provider, day), ct);
            if (!result.IsSuccess)
            {
                ReconciliationAlerts.RunFailed(logger, provider, day, result.Error!.Key);
                failed.Add(provider);
                continue;
            }

            ReconciliationAlerts.Report(logger, result.Value!);
            opened += result.Value!.Opened.Count;
        }

        // Thrown after every provider had its turn, so Hangfire retries the lot (each re-run is harmless).
        return failed.Count == 0 ? opened : throw new InvalidOperationException($"Reconciliation of {day:yyyy-MM-dd} failed for: {string.Join(", ", failed)}");
    }

    public static void Schedule(IRecurringJobManager jobs, ReconciliationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(settings);
        jobs.AddOrUpdate<ReconciliationJobs>(
            DailyJob, j => j.ReconcileYesterdayAsync(CancellationToken.None), settings.Cron, new RecurringJobOptions { TimeZone = PakistanTime.Zone });
    }
}

/// <summary>
/// The alert side of a run: a Warning with a stable event id per new case (log-based alerting keys on 7001), an
/// Information summary per run (7000), an Error when a report could not be had (7002).
/// </summary>
public static partial class ReconciliationAlerts
{
    public static void Report(ILogger logger, ReconciliationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Summary(logger, outcome.Provider, outcome.Day, outcome.Source, outcome.Lines, outcome.Matched, outcome.MissingInLedger, outcome.MissingInReport,
            outcome.AmountMismatches, outcome.DuplicatesInReport, outcome.Opened.Count);
        foreach (var c in outcome.Opened)
        {
            Mismatch(logger, c.Provider, c.Day, c.Kind, c.LineKind, c.Reference, c.ReportAmount?.Paisa, c.LedgerAmount?.Paisa, c.Id.Value);
        }
    }

    [LoggerMessage(EventId = 7000, EventName = "ReconciliationRun", Level = LogLevel.Information,
        Message = "Reconciliation {Provider} {Day} ({Source}): {Lines} lines, {Matched} matched, {MissingInLedger} missing in ledger, {MissingInReport} missing in report, {AmountMismatches} amount mismatches, {Duplicates} duplicates; {Opened} new case(s)")]
    public static partial void Summary(
        ILogger logger, string provider, DateOnly day, string source, int lines, int matched, int missingInLedger, int missingInReport, int amountMismatches, int duplicates, int opened);

    [LoggerMessage(EventId = 7001, EventName = "ReconciliationMismatch", Level = LogLevel.Warning,
        Message = "Reconciliation mismatch {Provider} {Day}: {Kind} {LineKind} {Reference} (report {ReportPaisa} paisa, ledger {LedgerPaisa} paisa); case {CaseId}")]
    public static partial void Mismatch(
        ILogger logger, string provider, DateOnly day, MismatchKind kind, SettlementLineKind lineKind, string reference, long? reportPaisa, long? ledgerPaisa, Guid caseId);

    [LoggerMessage(EventId = 7002, EventName = "ReconciliationFailed", Level = LogLevel.Error,
        Message = "Reconciliation {Provider} {Day} could not run: {Error}")]
    public static partial void RunFailed(ILogger logger, string provider, DateOnly day, string error);
}
