using Hangfire;
using PakLoad.Core.Escrow;

namespace PakLoad.Api.Jobs;

/// <summary>
/// Pays carriers whose dispute window has passed since proof of delivery. Idempotent: every release is a ledger
/// transaction keyed by booking, so a run twice (or on two instances) pays nobody twice.
/// </summary>
public sealed class EscrowJobs(ReleaseDueEscrowsHandler release)
{
    public const string ReleaseJob = "escrow:release-due";

    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task<int> ReleaseDueAsync(CancellationToken ct) =>
        (await release.HandleAsync(new ReleaseDueEscrowsCommand(), ct)).ValueOrThrow();

    public static void Schedule(IRecurringJobManager jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        jobs.AddOrUpdate<EscrowJobs>(ReleaseJob, j => j.ReleaseDueAsync(CancellationToken.None), "*/5 * * * *");
    }
}
