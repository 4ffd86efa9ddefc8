using System.Text.Json.Nodes;

namespace PakLoad.Channels.WhatsApp;

/// <summary>
/// One outbound WhatsApp message as the Cloud API takes it (POST /{version}/{phone-number-id}/messages).
/// Constructors enforce Meta's limits, so a message that would be refused throws before any HTTP call.
/// </summary>
public abstract record WhatsAppMessage
{
    public const int MaxText = 4096;
    public const int MaxBody = 1024;

    public abstract string Kind { get; }

    /// <summary>
    /// The request body for recipient <paramref name="to"/>: a phone (digits or +E.164) goes in <c>to</c>; a
    /// business-scoped user id ("PK.1502576394655843", or a parent "PK.ENT.…") goes in <c>recipient</c>, with no
    /// <c>to</c> (a username user's phone may be unknown to us).
    /// </summary>
    public JsonObject ToGraph(string to)
    {
        var json = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["recipient_type"] = "individual",
        };
        AddressTo(json, to);
        Fill(json);
        return json;
    }

    /// <summary>(Re)addresses a message body: <c>to</c> for a phone, <c>recipient</c> for a BSUID, never both.</summary>
    public static void AddressTo(JsonObject message, string to)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(to);
        var bsuid = IsBusinessScopedUserId(to);
        message.Remove(bsuid ? "to" : "recipient");
        message[bsuid ? "recipient" : "to"] = to;
    }

    /// <summary>Two capital letters, a dot, then letters, digits and dots: Meta's BSUID format (a phone has no letters).</summary>
    public static bool IsBusinessScopedUserId(string id) =>
        id is { Length: > 3 } && char.IsAsciiLetterUpper(id[0]) && char.IsAsciiLetterUpper(id[1]) && id[2] == '.'
        && id.AsSpan(3).ContainsAnyExcept(".") && !id.AsSpan(3).ContainsAnyExcept(BsuidChars);

    private static readonly System.Buffers.SearchValues<char> BsuidChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.");

    protected abstract void Fill(JsonObject json);

    protected static string Require(string value, int max, string what, int min = 1)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length < min || value.Length > max)
        {
            throw new ArgumentException($"WhatsApp {what} must be {min}-{max} characters; '{value}' has {value.Length}.", what);
        }

        return value;
    }
}

public sealed record WhatsAppText : WhatsAppMessage
{
    public WhatsAppText(string body) => Body = Require(body, MaxText, "text body");

    public string Body { get; }

    public override string Kind => "text";

    protected override void Fill(JsonObject json)
    {
        json["type"] = "text";
        json["text"] = new JsonObject { ["body"] = Body, ["preview_url"] = false };
    }
}

public sealed record ReplyButton(string Id, string Title);

public sealed record WhatsAppButtons : WhatsAppMessage
{
    public const int MaxButtons = 3;
    public const int MaxTitle = 20;

    public WhatsAppButtons(string body, IReadOnlyList<ReplyButton> buttons)
    {
        ArgumentNullException.ThrowIfNull(buttons);
        Body = Require(body, MaxBody, "button body");
        if (buttons.Count is < 1 or > MaxButtons)
        {
            throw new ArgumentException($"WhatsApp allows 1-{MaxButtons} reply buttons, not {buttons.Count}.", nameof(buttons));
        }

        foreach (var button in buttons)
        {
            Require(button.Title, MaxTitle, "button title");
            Require(button.Id, 256, "button id");
            if (button.Id.Trim() != button.Id)
            {
                throw new ArgumentException("A button id may not start or end with spaces.", nameof(buttons));
            }
        }

        if (buttons.Select(b => b.Title).Distinct(StringComparer.Ordinal).Count() != buttons.Count)
        {
            throw new ArgumentException("Button titles must be unique within a message.", nameof(buttons));
        }

        Buttons = buttons;
    }

    public string Body { get; }

    public IReadOnlyList<ReplyButton> Buttons { get; }

    public override string Kind => "buttons";

    protected override void Fill(JsonObject json)
    {
        json["type"] = "interactive";
        json["interactive"] = new JsonObject
        {
            ["type"] = "button",
            ["body"] = new JsonObject { ["text"] = Body },
            ["action"] = new JsonObject
            {
                ["buttons"] = new JsonArray(Buttons.Select(b => (JsonNode)new JsonObject
                {
                    ["type"] = "reply",
                    ["reply"] = new JsonObject { ["id"] = b.Id, ["title"] = b.Title },
                }).ToArray()),
            },
        };
    }
}

public sealed record ListRow(string Id, string Title, string? Description = null);

public sealed record WhatsAppList : WhatsAppMessage
{
    public const int MaxRows = 10;
    public const int MaxRowTitle = 24;
    public const int MaxLabel = 20;

    public WhatsAppList(string body, string buttonLabel, IReadOnlyList<ListRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Body = Require(body, MaxBody, "list body");
        ButtonLabel = Require(buttonLabel, MaxLabel, "list button label");
        if (rows.Count is < 1 or > MaxRows)
        {
            throw new ArgumentException($"A WhatsApp list holds 1-{MaxRows} rows, not {rows.Count}.", nameof(rows));
        }

        foreach (var row in rows)
        {
            Require(row.Title, MaxRowTitle, "row title");
            Require(row.Id, 200, "row id");
            if (row.Description is { } description)
            {
                Require(description, 72, "row description", 0);
            }
        }

        Rows = rows;
    }

    public string Body { get; }

    public string ButtonLabel { get; }

    public IReadOnlyList<ListRow> Rows { get; }

    public override string Kind => "list";

    protected override void Fill(JsonObject json)
    {
        json["type"] = "interactive";
        json["interactive"] = new JsonObject
        {
            ["type"] = "list",
            ["body"] = new JsonObject { ["text"] = Body },
            ["action"] = new JsonObject
            {
                ["button"] = ButtonLabel,
                ["sections"] = new JsonArray(new JsonObject
                {
                    ["rows"] = new JsonArray(Rows.Select(r =>
                    {
                        var row = new JsonObject { ["id"] = r.Id, ["title"] = r.Title };
                        if (r.Description is not null)
                        {
                            row["description"] = r.Description;
                        }

                        return (JsonNode)row;
                    }).ToArray()),
                }),
            },
        };
    }
}

public sealed record WhatsAppLocationRequest : WhatsAppMessage
{
    public WhatsAppLocationRequest(string body) => Body = Require(body, MaxBody, "location request body");

    public string Body { get; }

    public override string Kind => "location_request";

    protected override void Fill(JsonObject json)
    {
        json["type"] = "interactive";
        json["interactive"] = new JsonObject
        {
            ["type"] = "location_request_message",
            ["body"] = new JsonObject { ["text"] = Body },
            ["action"] = new JsonObject { ["name"] = "send_location" },
        };
    }
}

/// <summary>An approved template (outside the 24-hour window); body parameters in order.</summary>
public sealed record WhatsAppTemplate(string Name, string LanguageCode, IReadOnlyList<string> BodyParameters) : WhatsAppMessage
{
    public override string Kind => "template";

    protected override void Fill(JsonObject json)
    {
        json["type"] = "template";
        var template = new JsonObject
        {
            ["name"] = Name,
            ["language"] = new JsonObject { ["policy"] = "deterministic", ["code"] = LanguageCode },
        };
        if (BodyParameters.Count > 0)
        {
            template["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "body",
                ["parameters"] = new JsonArray(BodyParameters.Select(p => (JsonNode)new JsonObject { ["type"] = "text", ["text"] = p }).ToArray()),
            });
        }

        json["template"] = template;
    }
}

/// <summary>
/// A voice note by uploaded media id: <c>"type":"audio","audio":{"id":…,"voice":true}</c>. Only an OGG/Opus file of at
/// most <see cref="MaxBytes"/> shows WhatsApp's play button; <see cref="Validate"/> refuses anything else before upload.
/// </summary>
public sealed record WhatsAppVoiceNote : WhatsAppMessage
{
    public const int MaxBytes = 512 * 1024;

    public const string MimeType = "audio/ogg";

    public WhatsAppVoiceNote(string mediaId) => MediaId = Require(mediaId, 200, "media id");

    public string MediaId { get; }

    public override string Kind => "audio";

    /// <summary>True for an Ogg stream (starts with "OggS") whose first page carries an Opus header, at most 512 KB.</summary>
    public static bool Validate(ReadOnlySpan<byte> file)
    {
        if (file.Length is < 36 or > MaxBytes || !file.StartsWith("OggS"u8))
        {
            return false;
        }

        // The first Ogg page's segment table length is at byte 26; its first packet must be "OpusHead".
        var headerEnd = 27 + file[26];
        return file.Length >= headerEnd + 8 && file.Slice(headerEnd, 8).SequenceEqual("OpusHead"u8);
    }

    protected override void Fill(JsonObject json)
    {
        json["type"] = "audio";
        json["audio"] = new JsonObject { ["id"] = MediaId, ["voice"] = true };
    }
}
