using Microsoft.EntityFrameworkCore;
using PakLoad.Channels.Inbox;
using PakLoad.Channels.Outbound;
using PakLoad.Core.Data;

namespace PakLoad.Api.Channels;

/// <summary>The webhooks' half of the inbox: store under the provider's id (the database refuses a redelivery), forward-only receipts.</summary>
internal static class InboxWriter
{
    /// <summary>The stored row when the message is new (the caller signals the worker with it); null for a redelivery.</summary>
    public static async Task<InboxRecord?> StoreAsync(PakLoadDbContext db, string provider, InboundEnvelope envelope, TimeProvider clock, CancellationToken ct)
    {
        var record = new InboxRecord
        {
            Provider = provider,
            ProviderMessageId = envelope.MessageId,
            UserKey = envelope.UserKey,
            ExternalUserId = envelope.ExternalUserId,
            Payload = envelope.Serialize(),
            ReceivedAt = clock.GetUtcNow(),
            Status = InboxStatus.Pending,
        };
        db.ChannelInbox.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
            return record;
        }
        catch (DbUpdateException ex) when (db.IsConflict(ex))
        {
            db.DiscardChanges();
            return null;
        }
    }

    /// <summary>
    /// Moves a sent row's receipt forward. <paramref name="callbackData"/> is Meta's echo of our dedupe key: a row
    /// still pending with a send started (its outcome lost in a crash) is marked sent with this message id, so the
    /// outbound worker does not send it again.
    /// </summary>
    public static async Task ApplyStatusAsync(PakLoadDbContext db, string providerMessageId, string status, string? error, CancellationToken ct, string? callbackData = null, TimeProvider? clock = null)
    {
        var row = await db.ChannelOutbound.Where(o => o.ProviderMessageId == providerMessageId).FirstOrDefaultAsync(ct);
        if (row is null && !string.IsNullOrEmpty(callbackData))
        {
            row = await db.ChannelOutbound.Where(o => o.DedupeKey == callbackData && o.Status == OutboundStatus.Pending && o.AttemptStartedAt != null).FirstOrDefaultAsync(ct);
            if (row is not null && status != "failed")
            {
                row.Status = OutboundStatus.Sent;
                row.ProviderMessageId = providerMessageId;
                row.SentAt = (clock ?? TimeProvider.System).GetUtcNow();
                row.Attempts++;
                row.ClaimedUntil = null;
                row.AttemptStartedAt = null;
                row.DeliveryStatus = "accepted";
                await db.SaveChangesAsync(ct);
                await Notifications.NotificationDispatcher.CompleteAsync(db, row.DedupeKey, sent: true, clock ?? TimeProvider.System, ct);
            }
        }

        if (row is null || DeliveryStatuses.Advance(row.DeliveryStatus, status) is not { } next)
        {
            return;
        }

        row.DeliveryStatus = next;
        if (error is not null)
        {
            row.LastError = error.Length > 1000 ? error[..1000] : error;
        }

        await db.SaveChangesAsync(ct);
    }
}
