using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using PakLoad.Api.Hosting;
using PakLoad.Api.Notifications;
using PakLoad.Channels.Inbox;
using PakLoad.Channels.Outbound;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.Core.DeadLetters;
using PakLoad.Core.Notifications;

namespace PakLoad.Api.Channels;

/// <summary>
/// Core's view of the channel tables' dead letters (<see cref="IDeadLetterBox"/>). Every change is one conditional
/// update (<c>WHERE status = 'Dead'</c>), so two admins, or an admin and a worker, never both act on a row; a retried
/// row's worker is told at once. Kept apart from the workers: they only ever see an ordinary pending row.
/// </summary>
internal sealed class DeadLetterBox(
    PakLoadDbContext db,
    InboxWorker inbox,
    OutboundWorker outbound,
    PakLoadSettings settings,
    IServiceProvider services) : IDeadLetterBox
{
    public async Task<Paged<DeadLetterView>> ListAsync(DeadLetterDirection? direction, Channel? channel, int page, int pageSize, CancellationToken ct)
    {
        var inboxRows = db.ChannelInbox.AsNoTracking().Where(r => r.Status == InboxStatus.Dead);
        var outboundRows = db.ChannelOutbound.AsNoTracking().Where(o => o.Status == OutboundStatus.Dead);
        if (channel is { } only)
        {
            var name = only.ToString().ToLowerInvariant();
            var userKeyPrefix = name + ":";
            inboxRows = inboxRows.Where(r => r.UserKey.StartsWith(userKeyPrefix));
            outboundRows = outboundRows.Where(o => o.Channel == name);
        }

        var wantInbound = direction is null or DeadLetterDirection.Inbound;
        var wantOutbound = direction is null or DeadLetterDirection.Outbound;
        var total = (wantInbound ? await inboxRows.CountAsync(ct) : 0) + (wantOutbound ? await outboundRows.CountAsync(ct) : 0);

        // Two tables, one newest-first list: each gives its newest (skip + size) heads, merged in memory. Dead letters
        // are few; a deep page reads more heads but never a payload it does not show.
        var skip = (page - 1) * pageSize;
        var heads = new List<(DeadLetterDirection Direction, long Id, DateTimeOffset At)>();
        if (wantInbound)
        {
            heads.AddRange((await inboxRows.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id).Take(skip + pageSize)
                .Select(r => new { r.Id, r.ReceivedAt }).ToListAsync(ct)).Select(r => (DeadLetterDirection.Inbound, r.Id, r.ReceivedAt)));
        }

        if (wantOutbound)
        {
            heads.AddRange((await outboundRows.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Take(skip + pageSize)
                .Select(o => new { o.Id, o.CreatedAt }).ToListAsync(ct)).Select(o => (DeadLetterDirection.Outbound, o.Id, o.CreatedAt)));
        }

        var shown = heads.OrderByDescending(h => h.At).ThenByDescending(h => h.Id).Skip(skip).Take(pageSize).ToList();
        var inboxIds = shown.Where(h => h.Direction == DeadLetterDirection.Inbound).Select(h => h.Id).ToList();
        var outboundIds = shown.Where(h => h.Direction == DeadLetterDirection.Outbound).Select(h => h.Id).ToList();
        var inboxById = inboxIds.Count == 0 ? [] : await db.ChannelInbox.AsNoTracking().Where(r => inboxIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var outboundById = outboundIds.Count == 0 ? [] : await db.ChannelOutbound.AsNoTracking().Where(o => outboundIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var secret = await SecretOutboxKeysAsync(outboundById.Values, ct);

        var items = new List<DeadLetterView>(shown.Count);
        foreach (var head in shown)
        {
            if (head.Direction == DeadLetterDirection.Inbound && inboxById.TryGetValue(head.Id, out var row))
            {
                items.Add(Inbound(row));
            }
            else if (head.Direction == DeadLetterDirection.Outbound && outboundById.TryGetValue(head.Id, out var send))
            {
                items.Add(Outbound(send, secret));
            }
        }

        return new Paged<DeadLetterView>(items, page, pageSize, total);
    }

    public async Task<DeadLetterChange> RetryAsync(DeadLetterDirection direction, long id, CancellationToken ct) => direction switch
    {
        DeadLetterDirection.Inbound => await RetryInboundAsync(id, ct),
        DeadLetterDirection.Outbound => await RetryOutboundAsync(id, ct),
    };

    public async Task<DeadLetterChange> DiscardAsync(DeadLetterDirection direction, long id, PartyId admin, DateTimeOffset at, CancellationToken ct)
    {
        PartyId? by = admin;
        DateTimeOffset? when = at;
        if (direction == DeadLetterDirection.Inbound)
        {
            var changed = await db.ChannelInbox.Where(r => r.Id == id && r.Status == InboxStatus.Dead).ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, InboxStatus.Discarded).SetProperty(r => r.DiscardedBy, by).SetProperty(r => r.DiscardedAt, when), ct);
            return changed == 1 ? DeadLetterChange.Changed : Unchanged(await db.ChannelInbox.Where(r => r.Id == id).Select(r => (InboxStatus?)r.Status).FirstOrDefaultAsync(ct), InboxStatus.Discarded);
        }

        var sent = await db.ChannelOutbound.Where(o => o.Id == id && o.Status == OutboundStatus.Dead).ExecuteUpdateAsync(
            s => s.SetProperty(o => o.Status, OutboundStatus.Discarded).SetProperty(o => o.DiscardedBy, by).SetProperty(o => o.DiscardedAt, when), ct);
        return sent == 1 ? DeadLetterChange.Changed : Unchanged(await db.ChannelOutbound.Where(o => o.Id == id).Select(o => (OutboundStatus?)o.Status).FirstOrDefaultAsync(ct), OutboundStatus.Discarded);
    }

    private async Task<DeadLetterChange> RetryInboundAsync(long id, CancellationToken ct)
    {
        var changed = await db.ChannelInbox.Where(r => r.Id == id && r.Status == InboxStatus.Dead)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, InboxStatus.Pending).SetProperty(r => r.Attempts, 0), ct);
        var row = await db.ChannelInbox.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.Status, r.UserKey }).FirstOrDefaultAsync(ct);
        if (changed != 1)
        {
            return Unchanged(row?.Status, InboxStatus.Pending);
        }

        if (settings.UsesRedis && services.GetService<IDistributedCache>() is { } cache)
        {
            // The failed turns may have written the session's fast copy before their transactions died (as after a crash).
            await CachedSessionStore.ForgetAsync(cache, row!.UserKey, ct);
        }

        inbox.Signal(row!.UserKey);
        return DeadLetterChange.Changed;
    }

    private async Task<DeadLetterChange> RetryOutboundAsync(long id, CancellationToken ct)
    {
        var result = await db.InTransactionAsync<(int Changed, string Key)>(async c =>
        {
            var changed = await db.ChannelOutbound.Where(o => o.Id == id && o.Status == OutboundStatus.Dead).ExecuteUpdateAsync(
                s => s.SetProperty(o => o.Status, OutboundStatus.Pending)
                    .SetProperty(o => o.Attempts, 0)
                    .SetProperty(o => o.NextAttemptAt, (DateTimeOffset?)null)
                    .SetProperty(o => o.ClaimedUntil, (DateTimeOffset?)null)
                    .SetProperty(o => o.AttemptStartedAt, (DateTimeOffset?)null),
                c);
            var row = await db.ChannelOutbound.AsNoTracking().Where(o => o.Id == id).Select(o => new { o.Status, o.Channel, o.Recipient, o.DedupeKey }).FirstOrDefaultAsync(c);
            if (row is null)
            {
                return (0, string.Empty);
            }

            if (changed == 1 && row.DedupeKey.StartsWith(NotificationDispatcher.DedupePrefix, StringComparison.Ordinal))
            {
                // The notification it carries was marked failed with it: queued again, so the send's outcome completes it.
                var key = row.DedupeKey[NotificationDispatcher.DedupePrefix.Length..];
                if (await db.Outbox.FirstOrDefaultAsync(o => o.DedupeKey == key, c) is { } message && message.RequeueAfterFailure())
                {
                    await db.SaveChangesAsync(c);
                }
            }

            return (changed, changed == 1 ? OutboundWorker.Key(row.Channel, row.Recipient) : row.Status.ToString());
        }, ct);

        var (count, keyOrStatus) = result.Value;
        if (count == 1)
        {
            outbound.Signal(keyOrStatus);
            return DeadLetterChange.Changed;
        }

        return keyOrStatus.Length == 0 ? DeadLetterChange.NotFound : Unchanged(Enum.Parse<OutboundStatus>(keyOrStatus), OutboundStatus.Pending);
    }

    private static DeadLetterChange Unchanged<TStatus>(TStatus? current, TStatus asked)
        where TStatus : struct, Enum =>
        current is not { } status ? DeadLetterChange.NotFound
        : EqualityComparer<TStatus>.Default.Equals(status, asked) ? DeadLetterChange.Already
        : DeadLetterChange.NotDead;

    /// <summary>
    /// The outbox keys (among these rows) of notifications that carry a one-time code (<see cref="OutboxMessage.SecretArgument"/>):
    /// sign-in and delivery codes. A notification row whose outbox row cannot be read counts as secret.
    /// </summary>
    private async Task<HashSet<string>> SecretOutboxKeysAsync(IEnumerable<OutboundRecord> rows, CancellationToken ct)
    {
        var keys = rows.Select(r => OutboxKey(r.DedupeKey)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var secret = new HashSet<string>(keys, StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return secret;
        }

        foreach (var message in await db.Outbox.AsNoTracking().Where(o => keys.Contains(o.DedupeKey)).ToListAsync(ct))
        {
            if (!message.Arguments.ContainsKey(OutboxMessage.SecretArgument))
            {
                secret.Remove(message.DedupeKey);
            }
        }

        return secret;
    }

    /// <summary>"outbox:K" (a notification's first message) or "outbox+N:K" (a later one) → K; chat replies → null.</summary>
    private static string? OutboxKey(string dedupeKey)
    {
        if (dedupeKey.StartsWith(NotificationDispatcher.DedupePrefix, StringComparison.Ordinal))
        {
            return dedupeKey[NotificationDispatcher.DedupePrefix.Length..];
        }

        var colon = dedupeKey.IndexOf(':', StringComparison.Ordinal);
        return dedupeKey.StartsWith("outbox+", StringComparison.Ordinal) && colon > 0 ? dedupeKey[(colon + 1)..] : null;
    }

    private static DeadLetterView Inbound(InboxRecord row)
    {
        var channel = row.UserKey.Split(':', 2)[0];
        try
        {
            var envelope = InboundEnvelope.Deserialize(row.Payload);
            var text = string.IsNullOrEmpty(envelope.Text) ? null : DeadLetterMask.UserText(envelope.Text);
            return new DeadLetterView(
                row.Id, DeadLetterDirection.Inbound, channel, DeadLetterMask.Phone(envelope.Phone), row.ReceivedAt, row.Attempts, row.LastError,
                envelope.Kind.ToString().ToLowerInvariant(), text, TextHidden: false);
        }
        catch (JsonException)
        {
            return new DeadLetterView(row.Id, DeadLetterDirection.Inbound, channel, string.Empty, row.ReceivedAt, row.Attempts, row.LastError, "unreadable", null, TextHidden: true);
        }
    }

    private static DeadLetterView Outbound(OutboundRecord row, HashSet<string> secretKeys)
    {
        var hidden = OutboxKey(row.DedupeKey) is { } key && secretKeys.Contains(key);
        var text = hidden ? null : row.Channel == ChannelNames.WhatsApp ? GraphWords(row.Payload) : row.Payload;
        return new DeadLetterView(
            row.Id, DeadLetterDirection.Outbound, row.Channel, DeadLetterMask.Phone(row.Recipient), row.CreatedAt, row.Attempts, row.LastError,
            row.Kind, text, hidden);
    }

    /// <summary>The words of a Graph API message body: text, an interactive message's body, or a template's parameters.</summary>
    private static string? GraphWords(string payload)
    {
        try
        {
            var node = JsonNode.Parse(payload);
            if (node?["text"]?["body"]?.GetValue<string>() is { } text)
            {
                return text;
            }

            if (node?["interactive"]?["body"]?["text"]?.GetValue<string>() is { } body)
            {
                return body;
            }

            var parameters = node?["template"]?["components"]?.AsArray()
                .SelectMany(c => c?["parameters"]?.AsArray() ?? [])
                .Select(p => p?["text"]?.GetValue<string>())
                .OfType<string>()
                .ToList();
            return parameters is { Count: > 0 } ? string.Join(" | ", parameters) : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
