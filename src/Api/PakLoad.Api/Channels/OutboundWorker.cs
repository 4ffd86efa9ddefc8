using Microsoft.EntityFrameworkCore;
using PakLoad.Api.Notifications;
using PakLoad.Channels.Inbox;
using PakLoad.Channels.Outbound;
using PakLoad.Channels.WhatsApp;
using PakLoad.Core.Common;
using PakLoad.Core.Data;

namespace PakLoad.Api.Channels;

/// <summary>
/// Delivers outbound rows (chat replies and rendered notifications): per recipient in row order with one send in
/// flight (a lane per recipient key in this process, a lease on the row across processes), under the provider's
/// global rate limit (inside the sender). Only a recipient's oldest pending row is ever sent, so a row that must
/// wait (Retry-After, pair pacing, backoff) or is leased by another host instance holds back the recipient's later
/// rows and a user never sees messages out of order; a timer picks due rows up.
/// <para>
/// Exactly once as far as the provider allows: the claim commits <see cref="OutboundRecord.AttemptStartedAt"/>
/// before the send and the outcome clears it. A row still carrying it after its lease expired is a send whose
/// outcome was lost (a crash). WhatsApp echoes our dedupe key (<c>biz_opaque_callback_data</c>) in the status
/// webhooks, which mark such a row sent (<see cref="InboxWriter.ApplyStatusAsync"/>); so the row waits
/// <see cref="ChannelWorkerOptions.ReconcileGrace"/> for that echo before it is sent again. Twilio's Messages API
/// has no idempotency key: an SMS whose outcome was lost is sent again (at least once), documented in the README.
/// </para>
/// </summary>
internal sealed partial class OutboundWorker(
    IServiceScopeFactory scopes,
    ChannelWorkerOptions options,
    TimeProvider clock,
    ILogger<OutboundWorker> logger) : BackgroundService
{
    private UserLanes? _lanes;

    public static string Key(string channel, string recipient) => $"{channel}|{recipient}";

    private readonly Handover<OutboundRecord> _handed = new();

    public void Signal(string recipientKey)
    {
        if (_lanes is { } lanes)
        {
            _handed.AskToRead(recipientKey);
            lanes.Signal(recipientKey);
        }
    }

    /// <summary>
    /// Signals rows this process has just committed, handing them over as written: the drain sends them without
    /// reading them back (one round trip fewer per reply). A handed-over row is claimed only while no older row of
    /// its recipient is pending, so order holds; if that claim fails, the drain reads the queue as usual.
    /// </summary>
    public void Signal(string recipientKey, IReadOnlyList<OutboundRecord> committed)
    {
        if (_lanes is { } lanes)
        {
            _handed.Add(recipientKey, committed);
            lanes.Signal(recipientKey);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var lanes = new UserLanes(options.Lanes, DrainAsync, (key, ex) => LogDrainFailed(logger, key, ex));
        _lanes = lanes;
        using var timer = new PeriodicTimer(options.OutboundPoll, clock);
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

    /// <summary>Rows that are due and not being worked on: after a restart, after a delay, a lapsed lease, or written elsewhere.</summary>
    private async Task SignalDueAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PakLoadDbContext>();
            var now = clock.GetUtcNow();
            var due = await db.ChannelOutbound
                .Where(o => o.Status == OutboundStatus.Pending && (o.NextAttemptAt == null || o.NextAttemptAt <= now) && (o.ClaimedUntil == null || o.ClaimedUntil <= now))
                .Select(o => new { o.Channel, o.Recipient }).Distinct().OrderBy(o => o.Recipient).Take(5000).ToListAsync(ct);
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

    /// <summary>
    /// The recipient's pending rows in order, a batch per read, each sent only once every row before it is sent.
    /// There is no closing "anything left?" read: every writer signals after its commit (and the poll catches rows
    /// written elsewhere), so a batch shorter than <see cref="DrainBatch"/> means done.
    /// </summary>
    private async Task DrainAsync(string key, CancellationToken ct)
    {
        var split = key.IndexOf('|', StringComparison.Ordinal);
        var (channel, recipient) = (key[..split], key[(split + 1)..]);
        var (handed, read) = _handed.Take(key);
        if (handed.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PakLoadDbContext>();
            foreach (var row in handed.OrderBy(r => r.Id))
            {
                var step = await SendAsync(scope, db, key, channel, row, headOnly: true, ct);
                if (step == Step.Stop)
                {
                    return;
                }

                if (step == Step.NotClaimed)
                {
                    // Sent elsewhere, or an older row is pending (waiting, or not handed to us): the queue decides.
                    read = true;
                    break;
                }
            }
        }

        while (read && !ct.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PakLoadDbContext>();
            var batch = await db.ChannelOutbound.AsNoTracking().Where(o => o.Channel == channel && o.Recipient == recipient && o.Status == OutboundStatus.Pending)
                .OrderBy(o => o.Id).Take(DrainBatch).ToListAsync(ct);
            foreach (var row in batch)
            {
                if (await SendAsync(scope, db, key, channel, row, headOnly: false, ct) != Step.Sent)
                {
                    return;
                }
            }

            if (batch.Count < DrainBatch)
            {
                return;
            }
        }
    }

    private const int DrainBatch = 16;

    /// <summary>What a drain does after one row: go on, stop here for now (the row waits), or the row was not ours to send.</summary>
    private enum Step
    {
        Sent,
        Stop,
        NotClaimed,
    }

    /// <summary>Claims, sends and records one row (with <paramref name="headOnly"/>, only if no older row of its recipient is pending).</summary>
    private async Task<Step> SendAsync(AsyncServiceScope scope, PakLoadDbContext db, string key, string channel, OutboundRecord row, bool headOnly, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (row.NextAttemptAt > now || row.ClaimedUntil > now)
        {
            // Not due yet, or another instance holds the head row (it drains the rest in order).
            return Step.Stop;
        }

        if (row.AttemptStartedAt is { } started && channel == ChannelNames.WhatsApp && started + options.ReconcileGrace > now)
        {
            // A send whose outcome was lost: give Meta's status echo the time to mark it sent before sending again.
            _ = SignalLaterAsync(key, started + options.ReconcileGrace - now, ct);
            return Step.Stop;
        }

        if (!await ClaimAsync(db, row, headOnly, now, ct))
        {
            return Step.NotClaimed;
        }

        var sender = scope.ServiceProvider.GetServices<IChannelSender>().LastOrDefault(s => s.Channel == channel);
        var language = LanguageCodes.Parse(row.Language ?? string.Empty) is { IsSuccess: true } parsed ? parsed.Value : Language.UrLatn;
        var work = new OutboundWork(row.Id, row.Channel, row.Recipient, row.SenderId, row.Kind, row.Payload, language, row.Attempts + 1, row.DedupeKey);
        SendOutcome outcome;
        try
        {
            outcome = sender is null ? SendOutcome.Failed($"No sender for channel {channel}.") : await sender.SendAsync(work, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            outcome = SendOutcome.Later(Backoff.Delay(work.Attempt), $"{ex.GetType().Name}: {ex.Message}");
        }

        if (outcome.RetryIn is not null && work.Attempt >= options.MaxOutboundAttempts)
        {
            outcome = SendOutcome.GaveUp(outcome.Error ?? "Too many attempts.");
        }

        await RecordAsync(db, row, outcome, ct);
        if (sender is RecordingSender && outcome.Sent && row.DedupeKey.StartsWith(NotificationDispatcher.DedupePrefix, StringComparison.Ordinal))
        {
            LogRecorded(logger, channel, row.Recipient, row.Payload);
        }

        if (outcome.RetryIn is { } wait)
        {
            _ = SignalLaterAsync(key, wait, ct);
            return Step.Stop;
        }

        return Step.Sent;
    }

    /// <summary>
    /// Leases the row to this instance and commits that a send is starting; false when someone else got it (or, with
    /// <paramref name="headOnly"/>, when an older row of the same recipient is still pending).
    /// </summary>
    private async Task<bool> ClaimAsync(PakLoadDbContext db, OutboundRecord row, bool headOnly, DateTimeOffset now, CancellationToken ct)
    {
        var (id, channel, recipient) = (row.Id, row.Channel, row.Recipient);
        var until = now + options.OutboundLease;
        var mine = db.ChannelOutbound.Where(o => o.Id == id && o.Status == OutboundStatus.Pending && (o.ClaimedUntil == null || o.ClaimedUntil <= now));
        if (headOnly)
        {
            mine = mine.Where(o => !db.ChannelOutbound.Any(p => p.Status == OutboundStatus.Pending && p.Recipient == recipient && p.Channel == channel && p.Id < id));
        }

        return await mine.ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedUntil, until).SetProperty(o => o.AttemptStartedAt, now), ct) == 1;
    }

    private async Task RecordAsync(PakLoadDbContext db, OutboundRecord row, SendOutcome outcome, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var error = Trim(outcome.Error);
        var mine = db.ChannelOutbound.Where(o => o.Id == row.Id && o.Status == OutboundStatus.Pending);
        if (outcome.Sent)
        {
            await mine.ExecuteUpdateAsync(
                s => s.SetProperty(o => o.Status, OutboundStatus.Sent)
                    .SetProperty(o => o.SentAt, now)
                    .SetProperty(o => o.ProviderMessageId, outcome.ProviderMessageId)
                    .SetProperty(o => o.DeliveryStatus, o => o.DeliveryStatus ?? "accepted")
                    .SetProperty(o => o.LastError, outcome.ViaTemplate ? "131047: sent as template" : null)
                    .SetProperty(o => o.Attempts, o => o.Attempts + 1)
                    .SetProperty(o => o.ClaimedUntil, (DateTimeOffset?)null)
                    .SetProperty(o => o.AttemptStartedAt, (DateTimeOffset?)null),
                ct);
            await NotificationDispatcher.CompleteAsync(db, row.DedupeKey, sent: true, clock, ct);
        }
        else if (outcome.RetryIn is { } delay)
        {
            await mine.ExecuteUpdateAsync(
                s => s.SetProperty(o => o.NextAttemptAt, now + delay)
                    .SetProperty(o => o.LastError, error)
                    .SetProperty(o => o.Attempts, o => o.Attempts + 1)
                    .SetProperty(o => o.ClaimedUntil, (DateTimeOffset?)null)
                    .SetProperty(o => o.AttemptStartedAt, (DateTimeOffset?)null),
                ct);
        }
        else
        {
            var status = outcome.Exhausted ? OutboundStatus.Dead : OutboundStatus.Failed;
            await mine.ExecuteUpdateAsync(
                s => s.SetProperty(o => o.Status, status)
                    .SetProperty(o => o.LastError, error)
                    .SetProperty(o => o.Attempts, o => o.Attempts + 1)
                    .SetProperty(o => o.ClaimedUntil, (DateTimeOffset?)null)
                    .SetProperty(o => o.AttemptStartedAt, (DateTimeOffset?)null),
                ct);
            await NotificationDispatcher.CompleteAsync(db, row.DedupeKey, sent: false, clock, ct);
            if (outcome.Alert)
            {
                LogAlert(logger, row.Channel, error);
            }
            else if (outcome.Exhausted)
            {
                LogDead(logger, row.Id, row.Channel, error);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbound row {Id} ({Channel}) is a dead letter after its last attempt: {Error}")]
    private static partial void LogDead(ILogger logger, long id, string channel, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification recorded ({Channel} to {Phone}, no provider configured): {Payload}")]
    private static partial void LogRecorded(ILogger logger, string channel, string phone, string payload);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbound lane failed for {Key}")]
    private static partial void LogDrainFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbound poll failed; retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
