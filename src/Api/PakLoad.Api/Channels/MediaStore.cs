using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PakLoad.Api.Hosting;
using PakLoad.Channels.Inbox;
using PakLoad.Channels.Outbound;
using PakLoad.Channels.WhatsApp;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Data;

namespace PakLoad.Api.Channels;

/// <summary>
/// Fetches a WhatsApp voice note, photo or document as soon as its message is taken from the inbox (Meta's media URL
/// lives for minutes): GET the media id for its URL, GET the URL with the Bearer token, check size and SHA-256, and
/// keep it: a <c>channel_media</c> row (sha256, mime type, size, wamid, phone) with the bytes in the row on
/// PostgreSQL (every host instance sees them) or in a file under PakLoad:DataDirectory/media in the embedded
/// default. Idempotent per message (unique wamid). A failed fetch is stored with its error, never retried blindly:
/// the user was asked to type or tap anyway. Voice is transcribed by a later issue.
/// </summary>
internal sealed partial class MediaStore(
    IServiceScopeFactory scopes,
    WhatsAppOptions options,
    PakLoadSettings settings,
    TimeProvider clock,
    ILogger<MediaStore> logger)
{
    public static bool Carries(InboundEnvelope envelope) =>
        envelope.MediaId is { Length: > 0 } && envelope.Kind is InboundKind.Voice or InboundKind.Image or InboundKind.Document;

    /// <summary>True when the media is stored now or was before; false when there was nothing to fetch or it failed.</summary>
    public async Task<bool> StoreAsync(InboundEnvelope envelope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (!Carries(envelope) || string.IsNullOrEmpty(options.AccessToken))
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PakLoadDbContext>();
        var graph = scope.ServiceProvider.GetRequiredService<GraphClient>();
        if (await db.ChannelMedia.AnyAsync(m => m.Provider == ChannelNames.WhatsApp && m.MessageId == envelope.MessageId, ct))
        {
            return true;
        }

        var row = new MediaRecord
        {
            Provider = ChannelNames.WhatsApp,
            MessageId = envelope.MessageId,
            Phone = envelope.Phone,
            MediaId = envelope.MediaId!,
            Kind = envelope.Kind.ToString().ToLowerInvariant(),
            ReceivedAt = clock.GetUtcNow(),
        };
        var (media, error) = await graph.GetMediaAsync(envelope.MediaId!, ct);
        if (media is not null && media.FileSize > options.MaxMediaBytes)
        {
            error = new GraphError(413, 131052, $"Media of {media.FileSize} bytes is over the {options.MaxMediaBytes}-byte limit.", null);
        }

        byte[]? content = null;
        if (error is null && media is not null)
        {
            row.MimeType = media.MimeType;
            (content, error) = await graph.DownloadMediaAsync(media, options.MaxMediaBytes, ct);
        }

        if (content is not null)
        {
            row.Sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
            row.SizeBytes = content.LongLength;
            row.StoredAt = clock.GetUtcNow();
            if (settings.UsesPostgres)
            {
                row.Content = content;
            }
            else
            {
                var folder = Path.Combine(settings.DataDirectory, "media");
                Directory.CreateDirectory(folder);
                var path = Path.Combine(folder, row.Sha256);
                if (!File.Exists(path))
                {
                    await File.WriteAllBytesAsync(path, content, ct);
                }

                row.StoredPath = path;
            }
        }
        else
        {
            var what = $"{error?.Code} {error?.Message}";
            row.Error = what.Length > 1000 ? what[..1000] : what;
            LogFetchFailed(logger, envelope.MessageId, row.Error);
        }

        db.ChannelMedia.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (db.IsConflict(ex))
        {
            // Stored by another lane or instance meanwhile.
            db.DiscardChanges();
        }

        return content is not null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media of message {MessageId} could not be fetched: {Error}")]
    private static partial void LogFetchFailed(ILogger logger, string messageId, string error);
}
