using System.Globalization;
using System.Text.Json;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;

using CoreChannel = PakLoad.Core.Common.Channel;

namespace PakLoad.Channels.WhatsApp;

/// <summary>One user message from a webhook POST, with who sent it and which of our numbers received it.</summary>
public sealed record WhatsAppInbound(
    string MessageId,
    string PhoneNumberId,
    string? WaId,
    string? UserId,
    string? ProfileName,
    DateTimeOffset Timestamp,
    string Type,
    InboundKind Kind,
    string? Text,
    string? ButtonId,
    GeoPoint? Location,
    string? MediaId,
    string? MimeType,
    bool Voice,
    string? ContextId,
    int? ErrorCode)
{
    /// <summary>The phone in E.164 when Meta sent one (a username user may come with a BSUID only).</summary>
    public PhoneNumber? Phone =>
        WaId is { Length: > 0 } digits && PhoneNumber.Parse("+" + digits.TrimStart('+')) is { IsSuccess: true } parsed ? parsed.Value : null;

    public InboundMessage ToEngine(PhoneNumber phone) =>
        new(CoreChannel.WhatsApp, phone, MessageId, Kind, Text, ButtonId, Location, MediaId);
}

/// <summary>A delivery receipt for one of our messages; <c>CallbackData</c> is Meta's echo of the <c>biz_opaque_callback_data</c> we sent (our dedupe key).</summary>
public sealed record WhatsAppStatus(string MessageId, string Status, DateTimeOffset Timestamp, string? RecipientId, int? ErrorCode, string? ErrorTitle, string? CallbackData = null);

/// <summary>Everything one POST carried; <see cref="Errors"/> counts items skipped as unreadable.</summary>
public sealed record WhatsAppWebhook(IReadOnlyList<WhatsAppInbound> Messages, IReadOnlyList<WhatsAppStatus> Statuses, int Errors);

/// <summary>
/// Reads Meta's webhook envelope: every entry, change, message and status (never index 0 only), unknown
/// fields and types tolerated, each item on its own so one bad item cannot drop the others.
/// </summary>
public static class WebhookParser
{
    /// <summary>Null when the body is not a WhatsApp webhook at all (malformed JSON, wrong object).</summary>
    public static WhatsAppWebhook? Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 32 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Str(root, "object") != "whatsapp_business_account"
                || !root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var messages = new List<WhatsAppInbound>();
            var statuses = new List<WhatsAppStatus>();
            var errors = 0;
            foreach (var entry in entries.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var change in changes.EnumerateArray())
                {
                    if (change.ValueKind != JsonValueKind.Object || Str(change, "field") != "messages"
                        || !change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    var phoneNumberId = value.TryGetProperty("metadata", out var metadata) ? Str(metadata, "phone_number_id") ?? string.Empty : string.Empty;
                    var contacts = value.TryGetProperty("contacts", out var c) && c.ValueKind == JsonValueKind.Array ? c.EnumerateArray().ToList() : [];
                    foreach (var message in Items(value, "messages"))
                    {
                        try
                        {
                            messages.Add(ReadMessage(message, phoneNumberId, contacts));
                        }
                        catch (Exception ex) when (ex is InvalidOperationException or FormatException or KeyNotFoundException)
                        {
                            errors++;
                        }
                    }

                    foreach (var status in Items(value, "statuses"))
                    {
                        if (Str(status, "id") is { } id && Str(status, "status") is { } state)
                        {
                            var error = status.TryGetProperty("errors", out var errs) && errs.ValueKind == JsonValueKind.Array && errs.GetArrayLength() > 0 ? errs[0] : default;
                            statuses.Add(new WhatsAppStatus(id, state, Time(status), Str(status, "recipient_id"), error.ValueKind == JsonValueKind.Object ? Int(error, "code") : null, error.ValueKind == JsonValueKind.Object ? Str(error, "title") : null, Str(status, "biz_opaque_callback_data")));
                        }
                        else
                        {
                            errors++;
                        }
                    }
                }
            }

            return new WhatsAppWebhook(messages, statuses, errors);
        }
    }

    private static IEnumerable<JsonElement> Items(JsonElement value, string name) =>
        value.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)
            : [];

    private static WhatsAppInbound ReadMessage(JsonElement m, string phoneNumberId, List<JsonElement> contacts)
    {
        var id = Str(m, "id") ?? throw new InvalidOperationException("A message without an id.");
        var from = Str(m, "from");
        var userId = Str(m, "from_user_id");
        var contact = contacts.FirstOrDefault(x => (from is not null && Str(x, "wa_id") == from) || (userId is not null && Str(x, "user_id") == userId));
        if (contact.ValueKind != JsonValueKind.Object && contacts.Count == 1)
        {
            contact = contacts[0];
        }

        if (contact.ValueKind == JsonValueKind.Object)
        {
            from ??= Str(contact, "wa_id");
            userId ??= Str(contact, "user_id");
        }

        if (from is null && userId is null)
        {
            throw new InvalidOperationException("A message from nobody.");
        }

        var name = contact.ValueKind == JsonValueKind.Object && contact.TryGetProperty("profile", out var profile) ? Str(profile, "name") : null;
        var type = Str(m, "type") ?? "unknown";
        var contextId = m.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Object ? Str(context, "id") : null;
        InboundKind kind;
        string? text = null, buttonId = null, mediaId = null, mime = null;
        GeoPoint? location = null;
        var voice = false;
        int? errorCode = m.TryGetProperty("errors", out var errs) && errs.ValueKind == JsonValueKind.Array && errs.GetArrayLength() > 0 ? Int(errs[0], "code") : null;
        switch (type)
        {
            case "text":
                kind = InboundKind.Text;
                text = m.TryGetProperty("text", out var t) ? Str(t, "body") : null;
                break;
            case "interactive" when m.TryGetProperty("interactive", out var i):
                var reply = Str(i, "type") switch
                {
                    "button_reply" => i.TryGetProperty("button_reply", out var b) ? b : default,
                    "list_reply" => i.TryGetProperty("list_reply", out var l) ? l : default,
                    _ => default,
                };
                kind = reply.ValueKind == JsonValueKind.Object ? InboundKind.Button : InboundKind.Unsupported;
                buttonId = reply.ValueKind == JsonValueKind.Object ? Str(reply, "id") : null;
                text = reply.ValueKind == JsonValueKind.Object ? Str(reply, "title") : null;
                break;
            case "button" when m.TryGetProperty("button", out var button):
                // A template quick reply: the payload is the id we set when sending the template.
                kind = InboundKind.Button;
                buttonId = Str(button, "payload");
                text = Str(button, "text");
                break;
            case "location" when m.TryGetProperty("location", out var loc):
                kind = InboundKind.Location;
                location = new GeoPoint(Number(loc, "latitude"), Number(loc, "longitude"));
                text = Str(loc, "name");
                break;
            case "audio" when m.TryGetProperty("audio", out var audio):
                kind = InboundKind.Voice;
                mediaId = Str(audio, "id");
                mime = Str(audio, "mime_type");
                voice = audio.TryGetProperty("voice", out var v) && v.ValueKind == JsonValueKind.True;
                break;
            case "image" or "document" or "video" or "sticker" when m.TryGetProperty(type, out var media):
                kind = type switch { "image" => InboundKind.Image, "document" => InboundKind.Document, _ => InboundKind.Unsupported };
                mediaId = Str(media, "id");
                mime = Str(media, "mime_type");
                text = Str(media, "caption");
                break;
            default:
                kind = InboundKind.Unsupported;
                break;
        }

        return new WhatsAppInbound(id, phoneNumberId, from, userId, name, Time(m), type, kind, text, buttonId, location, mediaId, mime, voice, contextId, errorCode);
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static int? Int(JsonElement element, string name) =>
        Str(element, name) is { } s && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static double Number(JsonElement element, string name) =>
        double.Parse(Str(element, name) ?? throw new FormatException($"{name} is missing."), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(JsonElement element) =>
        Str(element, "timestamp") is { } s && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.UnixEpoch;
}
