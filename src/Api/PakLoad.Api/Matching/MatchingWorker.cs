using PakLoad.Core.Matching;

namespace PakLoad.Api.Matching;

/// <summary>
/// Builds this instance's market index before the host serves requests, then keeps it in step with what other
/// instances commit (catch-up read every <see cref="MatchingOptions.CatchUpInterval"/>), refreshes carrier stats,
/// and runs the fan-out that this instance's own commits queue.
/// </summary>
internal sealed partial class MatchingWorker(IServiceScopeFactory scopes, MarketFeed feed, MatchingOptions options, TimeProvider clock, ILogger<MatchingWorker> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var count = await RunAsync<RebuildMarketIndexHandler, int>(h => h.HandleAsync(new RebuildMarketIndexCommand(), cancellationToken));
            LogBuilt(logger, count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Without a database (pending migrations, still starting) searches fall back to the database scan; the loop retries.
            LogFailed(logger, ex);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(SyncLoopAsync(stoppingToken), FanOutLoopAsync(stoppingToken));

    private async Task SyncLoopAsync(CancellationToken ct)
    {
        var statsAt = clock.GetUtcNow();
        DateTimeOffset? tickStarted = null;
        DateTimeOffset? sweepStarted = null;
        using var timer = new PeriodicTimer(options.CatchUpInterval, clock);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                if (!feed.Index.IsReady)
                {
                    await RunAsync<RebuildMarketIndexHandler, int>(h => h.HandleAsync(new RebuildMarketIndexCommand(), ct));
                    (tickStarted, sweepStarted) = (null, null);
                }

                // Each read looks back from when the previous read of its kind started, not from the newest row seen.
                var started = clock.GetUtcNow();
                var sweep = sweepStarted is not { } s || started - s >= options.CatchUpSweepEvery;
                var since = sweep ? sweepStarted - options.CatchUpOverlap : tickStarted - options.CatchUpRecent;
                await RunAsync<CatchUpMarketIndexHandler, int>(h => h.HandleAsync(new CatchUpMarketIndexCommand(sweep, since), ct));
                tickStarted = started;
                sweepStarted = sweep ? started : sweepStarted;
                if (clock.GetUtcNow() - statsAt >= options.CarrierStatsRefresh)
                {
                    statsAt = clock.GetUtcNow();
                    await RunAsync<RefreshCarrierStatsHandler, int>(h => h.HandleAsync(new RefreshCarrierStatsCommand(), ct));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    private async Task FanOutLoopAsync(CancellationToken ct)
    {
        await foreach (var request in feed.FanOutRequests.ReadAllAsync(ct))
        {
            try
            {
                _ = request switch
                {
                    FanOutRequest.ForLoad load => await RunAsync<FanOutLoadHandler, int>(h => h.HandleAsync(new FanOutLoadCommand(load.LoadId), ct)),
                    FanOutRequest.ForTruck truck => await RunAsync<FanOutTruckHandler, int>(h => h.HandleAsync(new FanOutTruckCommand(truck.PostId), ct)),
                    _ => 0,
                };
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    private async Task<T> RunAsync<THandler, T>(Func<THandler, Task<PakLoad.Core.Common.Result<T>>> run)
        where THandler : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await run(scope.ServiceProvider.GetRequiredService<THandler>());
        return result.IsSuccess ? result.Value : default!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Market index built: {Count} open loads and trucks")]
    private static partial void LogBuilt(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market index work failed; will retry")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
