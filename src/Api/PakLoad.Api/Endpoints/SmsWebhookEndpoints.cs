using PakLoad.Api.Channels;
using PakLoad.Channels.Inbox;
using PakLoad.Channels.Sms;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Data;
using PakLoad.Core.Parties;
using Twilio.TwiML;

namespace PakLoad.Api.Endpoints;

/// <summary>
/// Twilio's SMS webhooks: the signature is checked over the public URL and every form field (RequestValidator),
/// the message is stored under its MessageSid and answered with empty TwiML at once; the reply leaves later
/// through the REST API. Status callbacks move the reply's status forward only.
/// </summary>
internal static class SmsWebhookEndpoints
{
    public const string Path = "/webhooks/sms/twilio";

    public static void MapSmsWebhooks(this WebApplication app)
    {
        app.MapPost(Path, ReceiveAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapPost(Path + "/status", StatusAsync).ExcludeFromDescription().DisableAntiforgery();
    }

    private static async Task<(IResult? Refusal, Dictionary<string, string> Form)> VerifyAsync(HttpRequest request, TwilioOptions options, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return (Results.StatusCode(StatusCodes.Status400BadRequest), []);
        }

        var form = (await request.ReadFormAsync(ct)).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var url = TwilioSignature.PublicUrl(options.PublicBaseUrl, request.Scheme, request.Host.Value ?? string.Empty, request.PathBase, request.Path, request.QueryString.Value ?? string.Empty);
        return TwilioSignature.IsValid(options, url, form, request.Headers["X-Twilio-Signature"], request.Headers["X-Twilio-Webhooks-Signature-Settings"])
            ? (null, form)
            : (Results.StatusCode(StatusCodes.Status403Forbidden), form);
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, TwilioOptions options, PakLoadDbContext db, InboxWorker inbox, TimeProvider clock, CancellationToken ct)
    {
        if (!options.InboundEnabled)
        {
            return Results.NotFound();
        }

        var (refusal, form) = await VerifyAsync(request, options, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!form.TryGetValue("MessageSid", out var sid) || sid.Length == 0 || PhoneNumber.Parse(form.GetValueOrDefault("From")) is not { IsSuccess: true } from)
        {
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        var envelope = new InboundEnvelope(Core.Common.Channel.Sms, from.Value!.E164, sid, InboundKind.Text, form.GetValueOrDefault("Body") ?? string.Empty);
        if (await InboxWriter.StoreAsync(db, "twilio", envelope, clock, ct) is { } stored)
        {
            inbox.Signal(stored);
        }

        return Results.Content(new MessagingResponse().ToString(), "application/xml");
    }

    private static async Task<IResult> StatusAsync(HttpRequest request, TwilioOptions options, PakLoadDbContext db, CancellationToken ct)
    {
        var (refusal, form) = await VerifyAsync(request, options, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        if (form.GetValueOrDefault("MessageSid") is { Length: > 0 } sid && form.GetValueOrDefault("MessageStatus") is { Length: > 0 } status)
        {
            var error = form.GetValueOrDefault("ErrorCode") is { Length: > 0 } code ? $"twilio {code}" : null;
            await InboxWriter.ApplyStatusAsync(db, sid, status, error, ct);
            return Results.Ok();
        }

        return Results.StatusCode(StatusCodes.Status400BadRequest);
    }
}
