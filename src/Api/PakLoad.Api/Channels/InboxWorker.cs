using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using PakLoad.Api.Hosting;
using PakLoad.Channels.Inbox;
using PakLoad.Channels.Outbound;
using PakLoad.Channels.Sms;
using PakLoad.Channels.WhatsApp;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Common;
using PakLoad.Core.Data;

namespace PakLoad.Api.Channels;

/// <summary>
/// Answers inbox rows off the request path: the webhook signals the user, a lane drains that user's pending rows
/// in arrival order, one turn at a time. Each row's turn, the replies it renders (outbound rows) and the row's
/// Done mark commit in one transaction, so a crash at any point either answers a row once or not at all (and
/// the row is answered after restart). Failures retry with backoff; after the last attempt the row is Dead.
/// </summary>
internal sealed partial class InboxWorker(
    IServiceScopeFactory scopes,
    ChannelWorkerOptions options,
    OutboundWorker outbound,
    MediaStore media,
    WhatsAppRenderer whatsApp,
    SmsRenderer sms,
    PakLoadSettings settings,
    WhatsAppLinker linker,
    TimeProvider clock,
    ILogger<InboxWorker> logger) : BackgroundService
{
    private UserLanes? _lanes;

    private readonly Handover<InboxHead> _handed = new();

    public void Signal(string userKey)
    {
        if (_lanes is { } lanes)
        {
            _handed.AskToRead(userKey);
            lanes.Signal(userKey);
        }
    }

    /// <summary>
    /// Signals a row a webhook has just stored, handing it over: the lane answers it without reading it back, as
    /// long as it is still its user's oldest pending row (else the lane reads the user's rows as usual).
    /// </summary>
    public void Signal(InboxRecord stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (_lanes is { } lanes)
        {
            _handed.Add(stored.UserKey, [new InboxHead(stored.Id, stored.Payload, stored.ReceivedAt)]);
            lanes.Signal(stored.UserKey);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.AnswerInbox)
        {
            return;
        }

        await using var lanes = new UserLanes(options.Lanes, DrainAsync, (user, ex) => LogDrainFailed(logger, user, ex));
        _lanes = lanes;
        try
        {
            // Until the database is migrated (production runs `migrate` separately) recovery fails: try again.
            while (true)
            {
                try
                {
                    await RecoverAsync(stoppingToken);
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRecoveryFailed(logger, ex);
                    await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken);
                }
            }

            // Rows stored by a webhook-only instance (or whose signal this process never got) are found by polling.
            using var timer = new PeriodicTimer(options.InboxPoll, clock);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SignalPendingAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _lanes = null;
        }
    }

    /// <summary>After a restart: every user with pending rows is signalled; their cached sessions are dropped first.</summary>
    private async Task RecoverAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PakLoadDbContext>();
        var users = await PendingUsersAsync(db, int.MaxValue, ct);
        var cache = settings.UsesRedis ? scope.ServiceProvider.GetService<IDistributedCache>() : null;
        foreach (var user in users)
        {
            if (cache is not null)
            {
                // A turn interrupted by the crash may have written the fast copy before its transaction died.
                await CachedSessionStore.ForgetAsync(cache, user, ct);
            }

            Signal(user);
        }

        if (users.Count > 0)
        {
            LogRecovered(logger, users.Count);
        }
    }

    /// <summary>Users with pending rows (index on status, user): whom recovery and the poll signal.</summary>
    private static Task<List<string>> PendingUsersAsync(PakLoadDbContext db, int most, CancellationToken ct) =>
        db.ChannelInbox.Where(r => r.Status == InboxStatus.Pending).Select(r => r.UserKey).Distinct().OrderBy(u => u).Take(most).ToListAsync(ct);

    private async Task SignalPendingAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PakLoadDbContext>();
            var users = await PendingUsersAsync(db, 5000, ct);
            foreach (var user in users)
            {
                Signal(user);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPollFailed(logger, ex);
        }
    }

    /// <summary>
    /// The user's pending rows in arrival order, a batch per read. There is no closing "anything left?" read: a row
    /// stored while the lane drains signals the user again (the lane takes the signal after this drain), so a batch
    /// shorter than <see cref="DrainBatch"/> means done.
    /// </summary>
    private async Task DrainAsync(string userKey, CancellationToken ct)
    {
        var (handed, read) = _handed.Take(userKey);
        foreach (var row in handed.OrderBy(r => r.Id))
        {
            if (!await AnswerAsync(userKey, row, headOnly: true, ct))
            {
                // Answered elsewhere, or an older row of this user is pending: the table decides.
                read = true;
                break;
            }
        }

        while (read && !ct.IsCancellationRequested)
        {
            List<InboxHead> batch;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PakLoadDbContext>();
                batch = await db.ChannelInbox.Where(r => r.UserKey == userKey && r.Status == InboxStatus.Pending)
                    .OrderBy(r => r.Id).Select(r => new InboxHead(r.Id, r.Payload, r.ReceivedAt)).Take(DrainBatch).ToListAsync(ct);
            }

            foreach (var row in batch)
            {
                await AnswerAsync(userKey, row, headOnly: false, ct);
            }

            if (batch.Count < DrainBatch)
            {
                return;
            }
        }
    }

    private const int DrainBatch = 16;

    /// <summary>One row's turn (retried on failure); false when the row was not this drain's to answer.</summary>
    private async Task<bool> AnswerAsync(string userKey, InboxHead row, bool headOnly, CancellationToken ct)
    {
        // A voice note or photo is fetched while its turn runs (Meta's URL lives for minutes), not after it.
        var envelope = InboundEnvelope.Deserialize(row.Payload);
        var fetch = MediaStore.Carries(envelope) ? FetchMediaAsync(envelope, ct) : Task.CompletedTask;
        var answered = await ProcessWithRetriesAsync(userKey, row, envelope, headOnly, ct);
        await fetch;
        return answered;
    }

    private async Task FetchMediaAsync(InboundEnvelope envelope, CancellationToken ct)
    {
        try
        {
            await media.StoreAsync(envelope, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogMediaFailed(logger, envelope.MessageId, ex);
        }
    }

    private async Task<bool> ProcessWithRetriesAsync(string userKey, InboxHead row, InboundEnvelope envelope, bool headOnly, CancellationToken ct)
    {
        var id = row.Id;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await ProcessAsync(userKey, row, envelope, headOnly, ct) is not { } replies)
                {
                    return false;
                }

                foreach (var recipient in replies.GroupBy(r => OutboundWorker.Key(r.Channel, r.Recipient)))
                {
                    outbound.Signal(recipient.Key, [.. recipient]);
                }

                return true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var dead = await RecordFailureAsync(id, ex, ct);
                LogTurnFailed(logger, id, attempt, dead, ex);
                if (dead)
                {
                    return true;
                }

                await Task.Delay(Backoff.Delay(attempt, TimeSpan.FromSeconds(10)), clock, ct);
            }
        }
    }

    /// <summary>
    /// One row: the Done mark, the engine's turn and the rendered replies, in one transaction. The mark comes first
    /// and doubles as the claim: it names the row as still pending, so of two workers racing for it one updates it
    /// (and holds its lock until commit) and the other sees 0 rows and stops; a failed turn rolls the mark back.
    /// With <paramref name="headOnly"/> the mark also requires that no older row of the user is pending (a row handed
    /// over by the webhook, not read in order from the table). Null when the row was not claimed.
    /// </summary>
    private async Task<IReadOnlyList<OutboundRecord>?> ProcessAsync(string userKey, InboxHead row, InboundEnvelope envelope, bool headOnly, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PakLoadDbContext>();
        var engine = scope.ServiceProvider.GetRequiredService<ConversationEngine>();
        var outcome = await db.InTransactionAsync<IReadOnlyList<OutboundRecord>?>(async c =>
        {
            var id = row.Id;
            var mine = db.ChannelInbox.Where(r => r.Id == id && r.Status == InboxStatus.Pending);
            if (headOnly)
            {
                mine = mine.Where(r => !db.ChannelInbox.Any(o => o.Status == InboxStatus.Pending && o.UserKey == userKey && o.Id < id));
            }

            var claimed = await mine.ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, InboxStatus.Done).SetProperty(r => r.ProcessedAt, clock.GetUtcNow()).SetProperty(r => r.Attempts, r => r.Attempts + 1), c);
            if (claimed == 0)
            {
                // Answered meanwhile (another instance, or a redelivered signal), or not this row's turn yet: nothing to undo.
                return Result<IReadOnlyList<OutboundRecord>?>.Success(null);
            }

            if (envelope.Channel == Channel.WhatsApp && envelope.Phone.Length == 0 && envelope.ExternalUserId is { } userId)
            {
                // A username user we cannot tie to a phone yet: the link conversation, answered to the BSUID.
                var replies = await linker.HandleAsync(db, engine, envelope, userId, c);
                var linkRows = replies.Select((m, i) => new OutboundRecord
                {
                    Channel = ChannelNames.WhatsApp,
                    Recipient = userId,
                    SenderId = envelope.ReplyFrom,
                    Kind = m.Kind,
                    Payload = m.ToGraph(userId).ToJsonString(),
                    DedupeKey = $"inbox:{row.Id}:{i}",
                    Status = OutboundStatus.Pending,
                    CreatedAt = clock.GetUtcNow(),
                }).ToList();
                db.ChannelOutbound.AddRange(linkRows);
                await db.SaveChangesAsync(c);
                return linkRows;
            }

            if (envelope.Channel == Channel.WhatsApp && envelope.Phone.Length > 0 && !WindowFresh(envelope.Phone, row.ReceivedAt))
            {
                await OpenWindowAsync(db, envelope.Phone, envelope.ExternalUserId, row.ReceivedAt, c);
            }

            var turn = await engine.HandleAsync(envelope.ToEngine(), c);
            var answers = new List<OutboundRecord>();
            if (!turn.Duplicate && turn.Prompts.Count > 0)
            {
                var now = clock.GetUtcNow();
                var rows = Render(envelope, turn).Select((r, i) => new OutboundRecord
                {
                    Channel = r.Channel,
                    Recipient = envelope.Phone,
                    SenderId = envelope.ReplyFrom,
                    Kind = r.Kind,
                    Payload = r.Payload,
                    DedupeKey = $"inbox:{row.Id}:{i}",
                    Language = turn.Language.ToCode(),
                    Status = OutboundStatus.Pending,
                    CreatedAt = now,
                }).ToList();
                db.ChannelOutbound.AddRange(rows);
                answers.AddRange(rows);
            }

            // A refused save throws out of the transaction, which rolls back and is retried whole.
            await db.SaveWithoutSavepointAsync(c);
            return answers;
        }, ct);
        if (outcome.IsSuccess && outcome.Value is not null && envelope.Channel == Channel.WhatsApp && envelope.Phone.Length > 0)
        {
            RememberWindow(envelope.Phone, row.ReceivedAt);
        }

        return outcome.IsSuccess ? outcome.Value : [];
    }

    /// <summary>
    /// When this process last committed each phone's window start: a chatting user's later messages skip the
    /// contacts read and write for <see cref="WindowWriteEvery"/>. The stored start may then lag by up to that much,
    /// which only makes a notification use the template a little early (the window is 24 hours). Bounded: cleared
    /// when it grows past <see cref="WindowMemoSize"/> phones (the next messages write again).
    /// </summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset> _windowWritten = new(StringComparer.Ordinal);

    private static readonly TimeSpan WindowWriteEvery = TimeSpan.FromMinutes(30);

    private const int WindowMemoSize = 200_000;

    private bool WindowFresh(string phone, DateTimeOffset at) =>
        _windowWritten.TryGetValue(phone, out var written) && at - written < WindowWriteEvery && at >= written;

    private void RememberWindow(string phone, DateTimeOffset at)
    {
        if (_windowWritten.Count >= WindowMemoSize)
        {
            _windowWritten.Clear();
        }

        if (!WindowFresh(phone, at))
        {
            _windowWritten[phone] = at;
        }
    }

    /// <summary>The user wrote to us on WhatsApp: Meta's 24-hour customer-service window is open from then (notifications read it).</summary>
    /// <remarks>The BSUID Meta sent beside the phone is kept with it: later messages may come with the BSUID alone.</remarks>
    private static async Task OpenWindowAsync(PakLoadDbContext db, string phone, string? userId, DateTimeOffset at, CancellationToken ct)
    {
        var contact = await db.ChannelContacts.FindAsync([phone], ct);
        if (contact is null)
        {
            db.ChannelContacts.Add(new ChannelContactRecord { Phone = phone, LastWhatsAppInboundAt = at, WhatsAppUserId = userId });
            return;
        }

        if (contact.LastWhatsAppInboundAt is null || contact.LastWhatsAppInboundAt < at)
        {
            contact.LastWhatsAppInboundAt = at;
        }

        if (userId is not null)
        {
            contact.WhatsAppUserId = userId;
        }
    }

    private IEnumerable<(string Channel, string Kind, string Payload)> Render(InboundEnvelope envelope, TurnResult turn) => envelope.Channel switch
    {
        Channel.WhatsApp => whatsApp.Render(turn.Prompts, turn.Language).Select(m => (ChannelNames.WhatsApp, m.Kind, m.ToGraph(envelope.Phone).ToJsonString())),
        Channel.Sms => [(ChannelNames.Sms, "text", sms.Render(turn.Prompts, turn.Language))],
        _ => [],
    };

    private async Task<bool> RecordFailureAsync(long id, Exception ex, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PakLoadDbContext>();
        // Admins read this on the dead-letter page: EF's "see the inner exception" says nothing, the innermost does.
        var inner = ex.GetBaseException();
        var error = inner == ex ? $"{ex.GetType().Name}: {ex.Message}" : $"{ex.GetType().Name}: {inner.GetType().Name}: {inner.Message}";
        error = error.Length > 1000 ? error[..1000] : error;
        var max = options.MaxInboxAttempts;
        await db.ChannelInbox.Where(r => r.Id == id && r.Status == InboxStatus.Pending).ExecuteUpdateAsync(
            s => s.SetProperty(r => r.Attempts, r => r.Attempts + 1)
                .SetProperty(r => r.LastError, error)
                .SetProperty(r => r.Status, r => r.Attempts + 1 >= max ? InboxStatus.Dead : InboxStatus.Pending),
            ct);
        if (settings.UsesRedis && scope.ServiceProvider.GetService<IDistributedCache>() is { } cache)
        {
            // The failed turn may have cached the session, this message marked seen, before its transaction died: the
            // next attempt must read the durable copy, or it takes the message for a duplicate and answers nothing.
            var user = await db.ChannelInbox.Where(r => r.Id == id).Select(r => r.UserKey).FirstAsync(ct);
            await CachedSessionStore.ForgetAsync(cache, user, ct);
        }

        return await db.ChannelInbox.AnyAsync(r => r.Id == id && r.Status != InboxStatus.Pending, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox: recovery of pending messages failed; retrying")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox: the poll for pending messages failed; retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbox: {Users} users with pending messages after start")]
    private static partial void LogRecovered(ILogger logger, int users);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox row {Id}: turn failed (attempt {Attempt}, dead letter: {Dead})")]
    private static partial void LogTurnFailed(ILogger logger, long id, int attempt, bool dead, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox: media of message {MessageId} could not be stored")]
    private static partial void LogMediaFailed(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbox lane failed for {User}")]
    private static partial void LogDrainFailed(ILogger logger, string user, Exception exception);

    private sealed record InboxHead(long Id, string Payload, DateTimeOffset ReceivedAt);
}
