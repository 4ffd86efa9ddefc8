using System.Text.Json.Nodes;
using PakLoad.Channels.Inbox;
using PakLoad.Channels.Outbound;

using CoreLanguage = PakLoad.Core.Common.Language;

namespace PakLoad.Channels.WhatsApp;

/// <summary>What became of one send attempt.</summary>
public sealed record SendOutcome(string? ProviderMessageId, TimeSpan? RetryIn, string? Error, bool Alert = false, bool ViaTemplate = false, bool Exhausted = false)
{
    public bool Sent => ProviderMessageId is not null;

    public static SendOutcome Done(string id, bool viaTemplate = false) => new(id, null, null, ViaTemplate: viaTemplate);

    public static SendOutcome Later(TimeSpan delay, string error) => new(null, delay, error);

    public static SendOutcome Failed(string error, bool alert = false) => new(null, null, error, alert);

    /// <summary>A retryable error on the last allowed attempt: the message is a dead letter (kept for admins), not refused.</summary>
    public static SendOutcome GaveUp(string error) => new(null, null, error, Exhausted: true);
}

/// <summary>
/// Sends one rendered message under the global rate limit and decides by Meta's error code: transient errors
/// back off (honouring Retry-After), 131056 waits the pair spacing, 131047 (window closed) sends the approved
/// template instead of repeating the message, permanent errors fail at once, credential errors alert.
/// </summary>
public sealed class WhatsAppSender(GraphClient client, WhatsAppOptions options, SendRateLimiter limiter)
{
    /// <summary>
    /// Sends one stored message. <c>callbackData</c> (our dedupe key) goes as <c>biz_opaque_callback_data</c>: Meta
    /// echoes it in the message's status webhooks, which is how a send whose outcome was lost in a crash is
    /// recognised as delivered instead of being sent again.
    /// </summary>
    public async Task<SendOutcome> SendAsync(string phoneNumberId, string recipient, string payload, CoreLanguage language, int attempt, CancellationToken ct, string? callbackData = null)
    {
        if (JsonNode.Parse(payload) is not JsonObject message)
        {
            return SendOutcome.Failed("The stored payload is not a JSON object.");
        }

        WhatsAppMessage.AddressTo(message, recipient);
        if (!string.IsNullOrEmpty(callbackData))
        {
            message["biz_opaque_callback_data"] = callbackData;
        }

        await limiter.WaitAsync(phoneNumberId, ct);
        var result = await client.SendAsync(phoneNumberId, message, ct);
        if (result.IsSuccess)
        {
            return SendOutcome.Done(result.MessageId!);
        }

        var error = result.Error!;
        var what = $"{error.Code} {error.Message}";
        switch (GraphErrors.Classify(error))
        {
            case GraphAction.Template:
                var template = new WhatsAppTemplate(options.ReplyTemplate, language == CoreLanguage.Ur ? "ur" : "en", [Summary(message)]).ToGraph(recipient);
                if (!string.IsNullOrEmpty(callbackData))
                {
                    template["biz_opaque_callback_data"] = callbackData;
                }

                await limiter.WaitAsync(phoneNumberId, ct);
                var fallback = await client.SendAsync(phoneNumberId, template, ct);
                return fallback.IsSuccess
                    ? SendOutcome.Done(fallback.MessageId!, viaTemplate: true)
                    : SendOutcome.Failed($"131047, then the template failed: {fallback.Error!.Code} {fallback.Error.Message}", fallback.Error.Code is 132000 or 132001);
            case GraphAction.Pace:
                return attempt >= options.MaxSendAttempts ? SendOutcome.GaveUp(what) : SendOutcome.Later(options.PairSpacing, what);
            case GraphAction.Retry:
                return attempt >= options.MaxSendAttempts ? SendOutcome.GaveUp(what) : SendOutcome.Later(error.RetryAfter ?? Backoff.Delay(attempt), what);
            case GraphAction.Alert:
                return SendOutcome.Failed(what, alert: true);
            case GraphAction.Drop:
            default:
                return SendOutcome.Failed(what);
        }
    }

    /// <summary>A template parameter is one line of at most 1,024 characters: the first words of what we wanted to say.</summary>
    public static string Summary(JsonObject message)
    {
        var text = message["text"]?["body"]?.GetValue<string>() ?? message["interactive"]?["body"]?["text"]?.GetValue<string>() ?? "PakLoad";
        text = string.Join(' ', text.Split(['\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 1000 ? text : text[..1000];
    }
}
