using PakLoad.Channels.Outbound;
using PakLoad.Channels.WhatsApp;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Security;

namespace PakLoad.Channels.Sms;

/// <summary>PakLoad:Twilio in configuration (the Auth Token from secret storage).</summary>
public sealed class TwilioOptions
{
    public string AccountSid { get; set; } = string.Empty;

    public string AuthToken { get; set; } = string.Empty;

    /// <summary>Our sender: a number or an alphanumeric sender id; or a Messaging Service.</summary>
    public string From { get; set; } = string.Empty;

    public string MessagingServiceSid { get; set; } = string.Empty;

    /// <summary>
    /// The public base URL Twilio calls (https://api.pakload.pk). When set, signatures are checked against it;
    /// otherwise against the request URL as rebuilt by the forwarded-headers middleware (trusted proxies only).
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>The Webhooks Rules shared key, for requests carrying X-Twilio-Webhooks-Signature-Settings.</summary>
    public string WebhookRulesKey { get; set; } = string.Empty;

    /// <summary>
    /// Two-way SMS through Twilio is not confirmed for Pakistan: inbound is off unless switched on (the embedded
    /// default switches it on for the simulator).
    /// </summary>
    public bool InboundEnabled { get; set; }

    public Uri? StatusCallbackUrl { get; set; }

    public int MaxSendAttempts { get; set; } = 5;
}

/// <summary>An SMS provider: Twilio today, a Pakistani aggregator tomorrow.</summary>
public interface ISmsGateway
{
    Task<SendOutcome> SendAsync(string to, string body, int attempt, CancellationToken ct);
}

/// <summary>X-Twilio-Signature through the Twilio package's <see cref="RequestValidator"/>, over every form field.</summary>
public static class TwilioSignature
{
    public static bool IsValid(TwilioOptions options, string publicUrl, IDictionary<string, string> form, string? signature, string? signatureSettings)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(options.AuthToken))
        {
            return false;
        }

        if (!string.IsNullOrEmpty(signatureSettings))
        {
            // Webhooks Rules: the rule's shared key and the algorithm the header names (HMAC-SHA256).
            return !string.IsNullOrEmpty(options.WebhookRulesKey)
                   && new RequestValidator(options.WebhookRulesKey).Validate(publicUrl, form, signature, RequestValidator.GetSignatureAlgorithm(signatureSettings));
        }

        return new RequestValidator(options.AuthToken).Validate(publicUrl, form, signature);
    }

    /// <summary>The URL Twilio signed: the configured public base with the request's path and query, or the request's own.</summary>
    public static string PublicUrl(Uri? publicBase, string scheme, string host, string pathBase, string path, string query)
    {
        if (publicBase is not null)
        {
            return new Uri(publicBase, (pathBase + path).TrimStart('/') + query).ToString();
        }

        return $"{scheme}://{host}{pathBase}{path}{query}";
    }
}

/// <summary>
/// Twilio's Messages API through the Twilio package's REST client (an injectable <see cref="ITwilioRestClient"/>,
/// so tests point it at a loopback fake). Retries on 429/5xx and network errors, never on a refused number.
/// </summary>
public sealed class TwilioSmsGateway(ITwilioRestClient client, TwilioOptions options) : ISmsGateway
{
    public async Task<SendOutcome> SendAsync(string to, string body, int attempt, CancellationToken ct)
    {
        var create = new CreateMessageOptions(new Twilio.Types.PhoneNumber(to)) { Body = body, StatusCallback = options.StatusCallbackUrl };
        if (!string.IsNullOrEmpty(options.MessagingServiceSid))
        {
            create.MessagingServiceSid = options.MessagingServiceSid;
        }
        else
        {
            create.From = new Twilio.Types.PhoneNumber(options.From);
        }

        try
        {
            var message = await MessageResource.CreateAsync(create, client);
            return SendOutcome.Done(message.Sid);
        }
        catch (ApiException ex)
        {
            var what = $"{ex.Code} {ex.Message}";
            var transient = ex.Status is 429 or >= 500 || ex.Code == 20429;
            if (transient)
            {
                return attempt < options.MaxSendAttempts ? SendOutcome.Later(Inbox.Backoff.Delay(attempt), what) : SendOutcome.GaveUp(what);
            }

            return SendOutcome.Failed(what, ex.Code is 20003 or 20404 && ex.Status == 401);
        }
        catch (ApiConnectionException ex)
        {
            return attempt < options.MaxSendAttempts ? SendOutcome.Later(Inbox.Backoff.Delay(attempt), ex.Message) : SendOutcome.GaveUp(ex.Message);
        }
    }
}

/// <summary>SMS rows to whichever gateway is configured.</summary>
public sealed class SmsChannelSender(ISmsGateway gateway) : IChannelSender
{
    public string Channel => ChannelNames.Sms;

    public Task<SendOutcome> SendAsync(OutboundWork work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        return gateway.SendAsync(work.Recipient, work.Payload, work.Attempt, ct);
    }
}

/// <summary>Rewrites Twilio's api.twilio.com calls to another base URL (a loopback fake, a regional proxy).</summary>
public sealed class RebaseHandler(Uri baseUrl) : DelegatingHandler(new HttpClientHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is { } uri)
        {
            request.RequestUri = new Uri(baseUrl, uri.PathAndQuery.TrimStart('/'));
        }

        return base.SendAsync(request, cancellationToken);
    }
}
