using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using PakLoad.Api.Channels;
using PakLoad.Channels.Inbox;
using PakLoad.Channels.Outbound;
using PakLoad.Channels.WhatsApp;
using PakLoad.Core.Data;

namespace PakLoad.Api.Endpoints;

/// <summary>
/// Meta's webhook: GET is the verify handshake (no signature on it); POST is verified over the raw bytes, then
/// every message is stored in the inbox under its wamid (a redelivery is refused by the unique index) and
/// statuses move outbound rows forward; then 200. Turns happen off the request path.
/// </summary>
internal static partial class WhatsAppWebhookEndpoints
{
    public const string Path = "/webhooks/whatsapp";

    public static void MapWhatsAppWebhook(this WebApplication app)
    {
        app.MapGet(Path, Verify).ExcludeFromDescription();
        app.MapPost(Path, ReceiveAsync).ExcludeFromDescription().DisableAntiforgery();
    }

    private static IResult Verify(HttpRequest request, WhatsAppOptions options)
    {
        var query = request.Query;
        return query["hub.mode"] == "subscribe" && MetaSignature.TokenMatches(query["hub.verify_token"], options.VerifyToken)
            ? Results.Text(query["hub.challenge"].ToString(), "text/plain", Encoding.UTF8)
            : Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext http, WhatsAppOptions options, PakLoadDbContext db, InboxWorker inbox, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(options.AppSecret))
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        var body = await ReadBodyAsync(http, options.MaxBodyBytes, ct);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (!MetaSignature.IsValid(body, http.Request.Headers["X-Hub-Signature-256"], Encoding.UTF8.GetBytes(options.AppSecret)))
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        var webhook = WebhookParser.Parse(body);
        if (webhook is null)
        {
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        var logger = loggers.CreateLogger(typeof(WhatsAppWebhookEndpoints));
        foreach (var message in webhook.Messages)
        {
            if (await StoreAsync(db, message, clock, ct) is { } stored)
            {
                inbox.Signal(stored);
            }
        }

        foreach (var status in webhook.Statuses)
        {
            await InboxWriter.ApplyStatusAsync(db, status.MessageId, status.Status, status.ErrorCode is { } code ? $"{code} {status.ErrorTitle}" : null, ct, status.CallbackData, clock);
        }

        if (webhook.Errors > 0)
        {
            LogSkipped(logger, webhook.Errors);
        }

        return Results.Ok();
    }

    /// <summary>The body, or null when it is larger than the limit (declared or actual).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext http, int max, CancellationToken ct)
    {
        if (http.Request.ContentLength > max)
        {
            return null;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max;
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(http.Request.ContentLength ?? 4096, max) + 1);
        while (true)
        {
            var read = await http.Request.Body.ReadAsync(buffer.GetMemory(4096), ct);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > max)
            {
                return null;
            }
        }
    }

    /// <summary>Stores one message; the row when it is new and to be answered, null for a redelivery or a dead letter.</summary>
    internal static async Task<InboxRecord?> StoreAsync(PakLoadDbContext db, WhatsAppInbound message, TimeProvider clock, CancellationToken ct)
    {
        var phone = message.Phone?.E164;
        if (phone is null && message.UserId is { } bsuid)
        {
            // A username user without a phone: the phone this BSUID came with before, or was linked to by a code.
            phone = await db.ChannelContacts.Where(c => c.WhatsAppUserId == bsuid)
                .OrderByDescending(c => c.LastWhatsAppInboundAt).Select(c => c.Phone).FirstOrDefaultAsync(ct);
        }

        var envelope = new InboundEnvelope(
            Core.Common.Channel.WhatsApp, phone ?? string.Empty, message.MessageId, message.Kind, message.Text, message.ButtonId,
            message.Location?.Latitude, message.Location?.Longitude, message.MediaId, message.PhoneNumberId, message.UserId);
        var record = new InboxRecord
        {
            Provider = ChannelNames.WhatsApp,
            ProviderMessageId = message.MessageId,
            UserKey = phone is null ? $"whatsapp:bsuid:{message.UserId}" : envelope.UserKey,
            ExternalUserId = message.UserId,
            Payload = envelope.Serialize(),
            ReceivedAt = clock.GetUtcNow(),
            // A BSUID we cannot tie to a phone yet is answered by the link conversation (WhatsAppLinker). A sender
            // with neither a Pakistani mobile nor a BSUID is kept for admins, not answered.
            Status = phone is null && message.UserId is null ? InboxStatus.Dead : InboxStatus.Pending,
            LastError = phone is null && message.UserId is null ? "The sender is not a Pakistani mobile number." : null,
        };
        db.ChannelInbox.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
            return record.Status == InboxStatus.Pending ? record : null;
        }
        catch (DbUpdateException ex) when (db.IsConflict(ex))
        {
            db.DiscardChanges();
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WhatsApp webhook: {Count} unreadable items skipped")]
    private static partial void LogSkipped(ILogger logger, int count);
}
