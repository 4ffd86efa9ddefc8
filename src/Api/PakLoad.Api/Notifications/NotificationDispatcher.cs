using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PakLoad.Api.Channels;
using PakLoad.Channels.Outbound;
using PakLoad.Channels.Rendering;
using PakLoad.Channels.Sms;
using PakLoad.Channels.WhatsApp;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.Core.Notifications;

namespace PakLoad.Api.Notifications;

/// <summary>PakLoad:Outbox in configuration.</summary>
internal sealed class NotificationOptions
{
    /// <summary>The safety net: commits in this process wake the dispatcher at once; rows written elsewhere wait at most this long.</summary>
    public TimeSpan Poll { get; set; } = TimeSpan.FromSeconds(10);

    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Meta's window is 24 hours from the user's last message; a notification rendered this close to its end is sent
    /// as a template, because it may reach Meta after the window closed.
    /// </summary>
    public TimeSpan WindowMargin { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Turns Core's outbox rows (locale key + arguments, written in the use case's transaction) into channel messages:
/// claims pending rows (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>, so several host instances never take the same
/// row), renders each in the recipient's language for the recipient's channel, and in the same transaction writes
/// the rendered messages to <c>channel_outbound</c> (dedupe key "outbox:" + the row's, unique) and marks the row
/// Queued. The outbound worker sends them (per recipient in order, retries, dead letters) and marks the outbox row
/// Sent or Failed. Woken by <see cref="OutboxSignal"/> when a use case commits outbox rows; a slow poll is the safety net.
/// </summary>
internal sealed partial class NotificationDispatcher(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    OutboundWorker outbound,
    NotificationRenderer renderer,
    NotificationOptions options,
    TimeProvider clock,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    /// <summary>The dedupe key of a notification's (first) channel message: this prefix + the outbox row's dedupe key.</summary>
    public const string DedupePrefix = "outbox:";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DispatchAsync(stoppingToken) == options.BatchSize)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Also until the database is migrated (production runs `migrate` separately).
                LogFailed(logger, ex);
            }

            try
            {
                await signal.WaitAsync(options.Poll, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One batch: claim, render, queue, mark, commit; then the outbound worker is told. Returns how many rows it took.</summary>
    internal async Task<int> DispatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PakLoadDbContext>();
        var recipients = new HashSet<string>(StringComparer.Ordinal);
        var result = await db.InTransactionAsync<int>(async c =>
        {
            var batch = await ClaimAsync(db, c);
            var now = clock.GetUtcNow();
            foreach (var burst in Bursts(batch))
            {
                var head = burst[0];
                foreach (var row in await renderer.RenderAsync(db, head, PromptFor(burst), now, c))
                {
                    db.ChannelOutbound.Add(row);
                    recipients.Add(OutboundWorker.Key(row.Channel, row.Recipient));
                }

                head.MarkQueued();
                foreach (var merged in burst.Skip(1))
                {
                    merged.MarkMerged();
                }
            }

            if (db.ProviderName == PostgresPakLoadDbContext.Provider)
            {
                // The claim already made every row Queued; the rows a digest speaks for become Merged in one statement.
                var merged = batch.Where(m => m.Status == OutboxStatus.Merged).Select(m => m.Id).ToList();
                if (merged.Count > 0)
                {
                    await db.Outbox.Where(o => merged.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Merged), c);
                }
            }

            await db.SaveChangesAsync(c);
            return batch.Count;
        }, ct);
        foreach (var recipient in recipients)
        {
            outbound.Signal(recipient);
        }

        return result.IsSuccess ? result.Value : 0;
    }

    /// <summary>News that a burst tells in one message: the template of one such row, and the template of several.</summary>
    private static readonly Dictionary<string, string> Digests = new(StringComparer.Ordinal)
    {
        ["notifications.bid.received"] = "notifications.bid.received_many",
    };

    /// <summary>
    /// The batch as messages to send, in order. A run of rows of one digestible kind to one recipient with nothing else
    /// to that recipient between them becomes one message ("3 new bids…", the newest one's words): a shipper whose
    /// loads draw a burst of bids gets one message, not one per bid (and WhatsApp refuses bursts to one user, 131056).
    /// Each recipient still hears everything in the order it happened.
    /// </summary>
    internal static List<List<OutboxMessage>> Bursts(IReadOnlyList<OutboxMessage> batch)
    {
        var bursts = new List<List<OutboxMessage>>(batch.Count);
        var open = new Dictionary<string, List<OutboxMessage>>(StringComparer.Ordinal);
        foreach (var message in batch)
        {
            var recipient = $"{message.Channel}|{message.RecipientPhone.E164}|{message.Language}";
            if (open.TryGetValue(recipient, out var run) && run[0].TemplateKey == message.TemplateKey)
            {
                run.Add(message);
                continue;
            }

            var burst = new List<OutboxMessage> { message };
            bursts.Add(burst);
            if (Digests.ContainsKey(message.TemplateKey))
            {
                open[recipient] = burst;
            }
            else
            {
                open.Remove(recipient);
            }
        }

        return bursts;
    }

    /// <summary>One row's own words, or a burst's digest: how many, and the newest one's arguments.</summary>
    internal static Prompt PromptFor(IReadOnlyList<OutboxMessage> burst)
    {
        var newest = burst[^1];
        var args = newest.Arguments.Select(a => new PromptArg(a.Key, a.Value)).ToList();
        if (burst.Count == 1)
        {
            return new Prompt(newest.TemplateKey, args, [], PromptExpects.Nothing);
        }

        args.Add(new PromptArg("count", burst.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return new Prompt(Digests[newest.TemplateKey], args, [], PromptExpects.Nothing);
    }

    /// <summary>
    /// The oldest pending rows, in order. PostgreSQL: claimed and marked Queued by one statement (rows another instance
    /// is dispatching right now are skipped, not waited for), returned untracked; the transaction takes the mark back
    /// if anything after it fails. SQLite (one writer at a time: the transaction's first write locks the database; the
    /// unique dedupe key on channel_outbound refuses a second copy from another process): read tracked, marked in the save.
    /// </summary>
    private async Task<List<OutboxMessage>> ClaimAsync(PakLoadDbContext db, CancellationToken ct)
    {
        if (db.ProviderName != PostgresPakLoadDbContext.Provider)
        {
            return await db.Outbox.Where(o => o.Status == OutboxStatus.Pending).OrderBy(o => o.CreatedAt).Take(options.BatchSize).ToListAsync(ct);
        }

        var claimed = await db.Outbox.FromSql(
                $"UPDATE outbox SET status = 'Queued' WHERE id IN (SELECT id FROM outbox WHERE status = 'Pending' ORDER BY created_at LIMIT {options.BatchSize} FOR UPDATE SKIP LOCKED) RETURNING *")
            .AsNoTracking().ToListAsync(ct);
        return [.. claimed.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id.Value)];
    }

    /// <summary>
    /// The channel message of a notification reached its end: the outbox row becomes Sent (one-time codes blanked)
    /// or Failed. Rows that are not a notification's first message are ignored.
    /// </summary>
    public static async Task CompleteAsync(PakLoadDbContext db, string dedupeKey, bool sent, TimeProvider clock, CancellationToken ct)
    {
        if (!dedupeKey.StartsWith(DedupePrefix, StringComparison.Ordinal))
        {
            return;
        }

        var key = dedupeKey[DedupePrefix.Length..];
        if (sent)
        {
            // Most rows carry no one-time code: one update. A row with a code (or none Queued) takes the read below.
            var now = clock.GetUtcNow();
            var marked = await db.Outbox
                .Where(o => o.DedupeKey == key && o.Status == OutboxStatus.Queued && !o.ArgumentsJson.Contains(SecretArgumentJson))
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Sent).SetProperty(o => o.Attempts, o => o.Attempts + 1).SetProperty(o => o.SentAt, now), ct);
            if (marked == 1)
            {
                return;
            }
        }

        var message = await db.Outbox.FirstOrDefaultAsync(o => o.DedupeKey == key && o.Status == OutboxStatus.Queued, ct);
        if (message is null)
        {
            return;
        }

        if (sent)
        {
            message.MarkSent(clock);
            message.RedactSecrets();
        }
        else
        {
            message.MarkFailed();
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>How a one-time code's argument name appears in a row's stored arguments (JSON: a value cannot hold a bare quote).</summary>
    private const string SecretArgumentJson = "\"" + OutboxMessage.SecretArgument + "\":";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification dispatch failed; retrying at the next poll")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>
/// One outbox row in words for its recipient's channel. WhatsApp: the chat renderer's message while the user's
/// 24-hour window is open (they wrote to us within it), otherwise the approved notification template with the words
/// as its parameter. SMS (also for USSD and web users, whose phones all take SMS): the SMS renderer, at most two
/// segments, Roman Urdu when Urdu script would not fit.
/// </summary>
internal sealed class NotificationRenderer(WhatsAppRenderer whatsApp, SmsRenderer sms, PromptTexts texts, WhatsAppOptions whatsAppOptions, NotificationOptions options)
{
    public async Task<IReadOnlyList<OutboundRecord>> RenderAsync(PakLoadDbContext db, OutboxMessage message, Prompt prompt, DateTimeOffset now, CancellationToken ct)
    {
        var phone = message.RecipientPhone.E164;
        IReadOnlyList<(string Channel, string Kind, string Payload)> rendered;
        if (message.Channel == Channel.WhatsApp)
        {
            var lastInbound = await db.ChannelContacts.AsNoTracking().Where(c => c.Phone == phone).Select(c => c.LastWhatsAppInboundAt).FirstOrDefaultAsync(ct);
            rendered = lastInbound is { } at && at > now - TimeSpan.FromHours(24) + options.WindowMargin
                ? whatsApp.Render([prompt], message.Language).Select(m => (ChannelNames.WhatsApp, m.Kind, m.ToGraph(phone).ToJsonString())).ToList()
                : [(ChannelNames.WhatsApp, "template", Template(prompt, message.Language, phone).ToJsonString())];
        }
        else
        {
            rendered = [(ChannelNames.Sms, "text", sms.Render([prompt], message.Language))];
        }

        return rendered.Select((r, i) => new OutboundRecord
        {
            Channel = r.Channel,
            Recipient = phone,
            Kind = r.Kind,
            Payload = r.Payload,
            DedupeKey = i == 0 ? NotificationDispatcher.DedupePrefix + message.DedupeKey : $"outbox+{i}:{message.DedupeKey}",
            Language = message.Language.ToCode(),
            Status = OutboundStatus.Pending,
            CreatedAt = now,
        }).ToList();
    }

    /// <summary>Outside the window only an approved template may be sent: the words travel as its one body parameter.</summary>
    private JsonObject Template(Prompt prompt, Language language, string phone)
    {
        var words = texts.Words(prompt, language, "whatsapp").Body;
        var line = string.Join(' ', words.Split(['\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        line = line.Length <= 1000 ? line : line[..1000];
        return new WhatsAppTemplate(whatsAppOptions.NotificationTemplate, language == Language.Ur ? "ur" : "en", [line]).ToGraph(phone);
    }
}
