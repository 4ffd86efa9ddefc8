using Microsoft.EntityFrameworkCore;
using PakLoad.Channels.Inbox;
using PakLoad.Channels.Outbound;
using PakLoad.Core.Common;
using PakLoad.Core.Data;

namespace PakLoad.Api.Channels;

/// <summary>
/// Delivers outbound rows: per recipient in row order with one send in flight (a lane per recipient key), under
/// the provider's global rate limit (inside the sender). A row that must wait (Retry-After, pair pacing, backoff)
/// holds back the recipient's later rows, so a user never sees replies out of order; a timer picks due rows up.
/// </summary>
internal sealed partial class OutboundWorker(
    IServiceScopeFactory scopes,
    ChannelWorkerOptions options,
    TimeProvider clock,
    ILogger<OutboundWorker> logger) : BackgroundService
{
    private UserLanes? _lanes;

    public static string Key(string channel, string recipient) => $"{channel}|{recipient}";

    public void Signal(string recipientKey) => _lanes?.Signal(recipientKey);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var lanes = new UserLanes(options.Lanes, DrainAsync, (key, ex) => LogDrainFailed(logger, key, ex));
        _lanes = lanes;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        try
        {
            do
            {
                await SignalDueAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _lanes = null;
        }
    }

    /// <summary>Rows that are due and not being worked on: after a restart, after a delay, or written elsewhere.</summary>
    private async Task SignalDueAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PakLoadDbContext>();
            var now = clock.GetUtcNow();
            var due = await db.ChannelOutbound.Where(o => o.Status == OutboundStatus.Pending && (o.NextAttemptAt == null || o.NextAttemptAt <= now))
                .Select(o => new { o.Channel, o.Recipient }).Distinct().Take(5000).ToListAsync(ct);
            foreach (var row in due)
            {
                Signal(Key(row.Channel, row.Recipient));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPollFailed(logger, ex);
        }
    }

    private async Task DrainAsync(string key, CancellationToken ct)
    {
        var split = key.IndexOf('|', StringComparison.Ordinal);
        var (channel, recipient) = (key[..split], key[(split + 1)..]);
        while (!ct.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PakLoadDbContext>();
            var row = await db.ChannelOutbound.Where(o => o.Channel == channel && o.Recipient == recipient && o.Status == OutboundStatus.Pending)
                .OrderBy(o => o.Id).FirstOrDefaultAsync(ct);
            if (row is null || row.NextAttemptAt > clock.GetUtcNow())
            {
                return;
            }

            var sender = scope.ServiceProvider.GetServices<IChannelSender>().LastOrDefault(s => s.Channel == channel);
            if (sender is null)
            {
                row.Status = OutboundStatus.Failed;
                row.LastError = $"No sender for channel {channel}.";
                await db.SaveChangesAsync(ct);
                continue;
            }

            var language = LanguageCodes.Parse(row.Language) is { IsSuccess: true } parsed ? parsed.Value : Language.UrLatn;
            var work = new OutboundWork(row.Id, row.Channel, row.Recipient, row.SenderId, row.Kind, row.Payload, language, row.Attempts + 1);
            var outcome = await sender.SendAsync(work, ct);
            row.Attempts++;
            if (outcome.Sent)
            {
                row.Status = OutboundStatus.Sent;
                row.SentAt = clock.GetUtcNow();
                row.ProviderMessageId = outcome.ProviderMessageId;
                row.DeliveryStatus ??= "accepted";
                row.LastError = outcome.ViaTemplate ? "131047: sent as template" : null;
            }
            else if (outcome.RetryIn is { } delay)
            {
                row.NextAttemptAt = clock.GetUtcNow() + delay;
                row.LastError = Trim(outcome.Error);
            }
            else
            {
                row.Status = OutboundStatus.Failed;
                row.LastError = Trim(outcome.Error);
                if (outcome.Alert)
                {
                    LogAlert(logger, channel, row.LastError);
                }
            }

            await db.SaveChangesAsync(ct);
            if (outcome.RetryIn is { } wait)
            {
                _ = SignalLaterAsync(key, wait, ct);
                return;
            }
        }
    }

    private async Task SignalLaterAsync(string key, TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, clock, ct);
            Signal(key);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string? Trim(string? text) => text is { Length: > 1000 } ? text[..1000] : text;

    [LoggerMessage(Level = LogLevel.Critical, Message = "Outbound {Channel}: the provider refused our credentials or account: {Error}")]
    private static partial void LogAlert(ILogger logger, string channel, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbound lane failed for {Key}")]
    private static partial void LogDrainFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbound poll failed; retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
