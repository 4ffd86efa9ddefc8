using Hangfire;
using PakLoad.Core.Bids;
using PakLoad.Core.Capacity;
using PakLoad.Core.Loads;
using PakLoad.Core.Matching;

namespace PakLoad.Api.Jobs;

/// <summary>
/// Time-driven marketplace work, on Hangfire's scheduler: offers lapse after their lifetime, loads leave the
/// board after their pickup window, empty-truck posts after their days. The use cases are idempotent batches, so a job that runs twice (or on
/// two instances at once) changes nothing the second time.
/// </summary>
public sealed class MarketplaceJobs(
    ExpireBidsHandler expireBids, ExpireLoadsHandler expireLoads, ExpireEmptyTrucksHandler expireTrucks, ReleaseHeldMatchesHandler releaseMatches)
{
    public const string ExpireBidsJob = "marketplace:expire-bids";
    public const string ExpireLoadsJob = "marketplace:expire-loads";
    public const string ExpireEmptyTrucksJob = "marketplace:expire-empty-trucks";
    public const string ReleaseHeldMatchesJob = "matching:release-held";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> ExpireBidsAsync(CancellationToken ct) =>
        (await expireBids.HandleAsync(new ExpireBidsCommand(), ct)).ValueOrThrow();

    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task<int> ExpireLoadsAsync(CancellationToken ct) =>
        (await expireLoads.HandleAsync(new ExpireLoadsCommand(), ct)).ValueOrThrow();

    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task<int> ExpireEmptyTrucksAsync(CancellationToken ct) =>
        (await expireTrucks.HandleAsync(new ExpireEmptyTrucksCommand(), ct)).ValueOrThrow();

    /// <summary>Matches found in quiet hours go out when they end (a no-op while they last).</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task<int> ReleaseHeldMatchesAsync(CancellationToken ct) =>
        (await releaseMatches.HandleAsync(new ReleaseHeldMatchesCommand(), ct)).ValueOrThrow();

    public static void Schedule(IRecurringJobManager jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        jobs.AddOrUpdate<MarketplaceJobs>(ExpireBidsJob, j => j.ExpireBidsAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<MarketplaceJobs>(ExpireLoadsJob, j => j.ExpireLoadsAsync(CancellationToken.None), "*/5 * * * *");
        jobs.AddOrUpdate<MarketplaceJobs>(ExpireEmptyTrucksJob, j => j.ExpireEmptyTrucksAsync(CancellationToken.None), "*/15 * * * *");
        jobs.AddOrUpdate<MarketplaceJobs>(ReleaseHeldMatchesJob, j => j.ReleaseHeldMatchesAsync(CancellationToken.None), "*/15 * * * *");
    }
}
