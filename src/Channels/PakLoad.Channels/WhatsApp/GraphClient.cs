using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PakLoad.Channels.WhatsApp;

/// <summary>A Graph API refusal: Meta's code (match on it, not on the title), the HTTP status, any Retry-After.</summary>
public sealed record GraphError(int HttpStatus, int Code, string? Message, TimeSpan? RetryAfter)
{
    public const int Timeout = -1;
    public const int Network = -2;
}

public sealed record GraphSendResult(string? MessageId, GraphError? Error)
{
    public bool IsSuccess => MessageId is not null;
}

public sealed record GraphMedia(string Id, Uri Url, string MimeType, string? Sha256, long? FileSize);

/// <summary>What to do with a refused send.</summary>
public enum GraphAction
{
    /// <summary>Transient (throughput 130429 / 429, 131000, 131016, 5xx, timeouts): back off and retry.</summary>
    Retry,

    /// <summary>131047, the 24-hour window has closed: send the approved template instead, never the same message again.</summary>
    Template,

    /// <summary>131056, too many messages to this user: wait the pair spacing, then retry.</summary>
    Pace,

    /// <summary>Permanent for this message (131026 undeliverable, 131051, 132xxx template errors, 4xx).</summary>
    Drop,

    /// <summary>Our credentials or account (0, 190, 368, 131031): stop and alert a human.</summary>
    Alert,
}

public static class GraphErrors
{
    public static GraphAction Classify(GraphError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code switch
        {
            131047 => GraphAction.Template,
            131056 => GraphAction.Pace,
            130429 or 131000 or 131016 or 4 or 80007 or 2 or GraphError.Timeout or GraphError.Network => GraphAction.Retry,
            0 or 190 or 368 or 131031 => GraphAction.Alert,
            _ when error.HttpStatus is 429 or >= 500 => GraphAction.Retry,
            _ => GraphAction.Drop,
        };
    }
}

/// <summary>
/// The thin typed client for the six Cloud API calls PakLoad needs: send, mark as read, media upload, media URL,
/// media download (Bearer token on the CDN URL too, SHA-256 checked). No retries here: the sender decides by
/// error code. The base URL and version come from configuration so tests point it at a loopback fake.
/// </summary>
public sealed class GraphClient(HttpClient http, WhatsAppOptions options, TimeProvider? clock = null)
{
    private Uri Url(string path) => new(options.GraphBaseUrl, $"{options.ApiVersion}/{path}");

    public async Task<GraphSendResult> SendAsync(string phoneNumberId, JsonObject message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (json, error) = await PostJsonAsync($"{Uri.EscapeDataString(phoneNumberId)}/messages", message, ct);
        if (error is not null)
        {
            return new GraphSendResult(null, error);
        }

        var id = json?["messages"]?[0]?["id"]?.GetValue<string>();
        return id is null
            ? new GraphSendResult(null, new GraphError(200, 131000, "The send response carried no message id.", null))
            : new GraphSendResult(id, null);
    }

    /// <summary>Blue ticks (and a typing indicator) while we work on the user's message.</summary>
    public async Task<GraphError?> MarkReadAsync(string phoneNumberId, string messageId, bool typing, CancellationToken ct)
    {
        var body = new JsonObject { ["messaging_product"] = "whatsapp", ["status"] = "read", ["message_id"] = messageId };
        if (typing)
        {
            body["typing_indicator"] = new JsonObject { ["type"] = "text" };
        }

        return (await PostJsonAsync($"{Uri.EscapeDataString(phoneNumberId)}/messages", body, ct)).Error;
    }

    /// <summary>Uploads a voice note (OGG/Opus, at most 512 KB, as <c>audio/ogg</c>); anything else is refused before any HTTP call.</summary>
    public Task<(string? Id, GraphError? Error)> UploadVoiceNoteAsync(string phoneNumberId, byte[] content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        return WhatsAppVoiceNote.Validate(content)
            ? UploadMediaAsync(phoneNumberId, content, WhatsAppVoiceNote.MimeType, "voice.ogg", ct)
            : Task.FromResult<(string?, GraphError?)>((null, new GraphError(0, 131053, "A voice note must be OGG/Opus of at most 512 KB.", null)));
    }

    public async Task<(string? Id, GraphError? Error)> UploadMediaAsync(string phoneNumberId, byte[] content, string mimeType, string fileName, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(mimeType);
        form.Add(file, "file", fileName);
        form.Add(new StringContent(mimeType), "type");
        form.Add(new StringContent("whatsapp"), "messaging_product");
        using var request = Request(HttpMethod.Post, Url($"{Uri.EscapeDataString(phoneNumberId)}/media"), form);
        var (json, error) = await SendRawAsync(request, ct);
        return (json?["id"]?.GetValue<string>(), error);
    }

    public async Task<(GraphMedia? Media, GraphError? Error)> GetMediaAsync(string mediaId, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, Url(Uri.EscapeDataString(mediaId)), null);
        var (json, error) = await SendRawAsync(request, ct);
        if (error is not null || json?["url"]?.GetValue<string>() is not { } url)
        {
            return (null, error ?? new GraphError(200, 131052, "No media URL.", null));
        }

        return (new GraphMedia(
            mediaId,
            new Uri(url),
            json["mime_type"]?.GetValue<string>() ?? "application/octet-stream",
            json["sha256"]?.GetValue<string>(),
            json["file_size"] is JsonValue size && size.TryGetValue<long>(out var n) ? n : null), null);
    }

    /// <summary>Downloads within the URL's few minutes of life; a body whose SHA-256 differs is refused.</summary>
    public async Task<(byte[]? Content, GraphError? Error)> DownloadMediaAsync(GraphMedia media, long maxBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(media);
        using var request = Request(HttpMethod.Get, media.Url, null);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                return (null, new GraphError((int)response.StatusCode, 131052, "Media download failed.", null));
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                return (null, new GraphError(413, 131052, "Media larger than allowed.", null));
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(ct);
            if (bytes.LongLength > maxBytes || (media.Sha256 is { } expected && !HashMatches(bytes, expected)))
            {
                return (null, new GraphError(200, 131052, "Media hash or size mismatch.", null));
            }

            return (bytes, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return (null, new GraphError(0, ex is TaskCanceledException ? GraphError.Timeout : GraphError.Network, ex.GetType().Name, null));
        }
    }

    private static bool HashMatches(byte[] bytes, string expected)
    {
        var hash = SHA256.HashData(bytes);
        return string.Equals(Convert.ToHexStringLower(hash), expected, StringComparison.OrdinalIgnoreCase)
               || string.Equals(Convert.ToBase64String(hash), expected, StringComparison.Ordinal);
    }

    private async Task<(JsonNode? Json, GraphError? Error)> PostJsonAsync(string path, JsonObject body, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, Url(path), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        return await SendRawAsync(request, ct);
    }

    private HttpRequestMessage Request(HttpMethod method, Uri url, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.AccessToken);
        return request;
    }

    private async Task<(JsonNode? Json, GraphError? Error)> SendRawAsync(HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.RequestTimeout);
            using var response = await http.SendAsync(request, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            JsonNode? json = null;
            try
            {
                json = text.Length > 0 ? JsonNode.Parse(text) : null;
            }
            catch (JsonException)
            {
                // A proxy's HTML error page: the HTTP status decides.
            }

            if (response.IsSuccessStatusCode && json?["error"] is null)
            {
                return (json, null);
            }

            var error = json?["error"];
            var code = error?["code"] is JsonValue c && c.TryGetValue<int>(out var n) ? n : 0;
            if (code == 0 && response.StatusCode != HttpStatusCode.Unauthorized)
            {
                code = (int)response.StatusCode >= 500 ? 131000 : response.StatusCode == HttpStatusCode.TooManyRequests ? 130429 : -(int)response.StatusCode;
            }

            return (json, new GraphError((int)response.StatusCode, code, error?["message"]?.GetValue<string>(), RetryAfter(response, (clock ?? TimeProvider.System).GetUtcNow())));
        }
        catch (Exception ex) when ((ex is HttpRequestException or OperationCanceledException) && !ct.IsCancellationRequested)
        {
            return (null, new GraphError(0, ex is OperationCanceledException ? GraphError.Timeout : GraphError.Network, ex.GetType().Name, null));
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.RetryAfter is { } retry)
        {
            return retry.Delta ?? (retry.Date is { } date ? date - now : null);
        }

        return response.Headers.TryGetValues("Retry-After", out var values)
               && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}
