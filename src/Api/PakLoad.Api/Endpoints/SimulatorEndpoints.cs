using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PakLoad.Api.Hosting;
using PakLoad.Channels.Sms;
using PakLoad.Channels.WhatsApp;
using PakLoad.Core.Data;
using PakLoad.Core.Parties;

namespace PakLoad.Api.Endpoints;

/// <summary>
/// The channel simulator's API: it builds each provider's real wire format, signs it with this instance's
/// secrets and posts it to this instance's own webhooks over HTTP, so the simulator exercises the real path.
/// On in the embedded default; with PostgreSQL only for admins.
/// </summary>
internal static class SimulatorEndpoints
{
    public sealed record SendRequest(string Channel, string Phone, string? Text, string? ButtonId, double? Latitude, double? Longitude, string? SessionId, string? UssdText);

    public static bool Allowed(HttpContext http, PakLoadSettings settings) => !settings.UsesPostgres || http.User.IsInRole("Admin");

    public static void MapSimulator(this WebApplication app)
    {
        var group = app.MapGroup("/simulator/api").ExcludeFromDescription();
        group.MapPost("/send", SendAsync).DisableAntiforgery();
        group.MapGet("/replies", RepliesAsync);
    }

    private static async Task<IResult> SendAsync(
        SendRequest request, HttpContext http, PakLoadSettings settings, WhatsAppOptions whatsApp, TwilioOptions twilio, IHttpClientFactory clients, TimeProvider clock, CancellationToken ct)
    {
        if (!Allowed(http, settings))
        {
            return Results.NotFound();
        }

        if (PhoneNumber.Parse(request.Phone) is not { IsSuccess: true } phone)
        {
            return Results.BadRequest();
        }

        using var client = clients.CreateClient("simulator");
        client.BaseAddress = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");
        var e164 = phone.Value!.E164;
        switch (request.Channel)
        {
            case "whatsapp":
            {
                var body = Encoding.UTF8.GetBytes(WhatsAppBody(e164[1..], request, clock).ToJsonString());
                using var post = new HttpRequestMessage(HttpMethod.Post, "webhooks/whatsapp") { Content = new ByteArrayContent(body) };
                post.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                post.Headers.Add("X-Hub-Signature-256", MetaSignature.Sign(body, Encoding.UTF8.GetBytes(whatsApp.AppSecret)));
                using var response = await client.SendAsync(post, ct);
                return Results.Json(new { status = (int)response.StatusCode });
            }

            case "sms":
            {
                var sid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                var form = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["MessageSid"] = sid, ["SmsSid"] = sid, ["SmsMessageSid"] = sid, ["AccountSid"] = "ACsimulator", ["From"] = e164,
                    ["To"] = "+15005550006", ["Body"] = request.Text ?? string.Empty, ["NumMedia"] = "0", ["NumSegments"] = "1", ["SmsStatus"] = "received", ["ApiVersion"] = "2010-04-01",
                };
                var url = TwilioSignature.PublicUrl(twilio.PublicBaseUrl, http.Request.Scheme, http.Request.Host.Value ?? string.Empty, http.Request.PathBase, "/webhooks/sms/twilio", string.Empty);
                using var post = new HttpRequestMessage(HttpMethod.Post, "webhooks/sms/twilio") { Content = new FormUrlEncodedContent(form) };
                post.Headers.Add("X-Twilio-Signature", TwilioSign(twilio.AuthToken, url, form));
                using var response = await client.SendAsync(post, ct);
                return Results.Json(new { status = (int)response.StatusCode });
            }

            case "ussd":
            {
                var form = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["sessionId"] = request.SessionId ?? "sim", ["serviceCode"] = "*384*123#", ["phoneNumber"] = e164, ["networkCode"] = "41001", ["text"] = request.UssdText ?? string.Empty,
                };
                using var response = await client.PostAsync("webhooks/ussd/at", new FormUrlEncodedContent(form), ct);
                return Results.Json(new { status = (int)response.StatusCode, screen = await response.Content.ReadAsStringAsync(ct) });
            }

            default:
                return Results.BadRequest();
        }
    }

    private static JsonObject WhatsAppBody(string waId, SendRequest request, TimeProvider clock)
    {
        var id = "wamid.sim." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var message = new JsonObject { ["from"] = waId, ["id"] = id, ["timestamp"] = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };
        if (request.ButtonId is { } button)
        {
            message["type"] = "interactive";
            message["interactive"] = new JsonObject { ["type"] = "button_reply", ["button_reply"] = new JsonObject { ["id"] = button, ["title"] = request.Text ?? button } };
        }
        else if (request is { Latitude: { } lat, Longitude: { } lon })
        {
            message["type"] = "location";
            message["location"] = new JsonObject { ["latitude"] = lat, ["longitude"] = lon };
        }
        else
        {
            message["type"] = "text";
            message["text"] = new JsonObject { ["body"] = request.Text ?? string.Empty };
        }

        return new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = "simulator",
                ["changes"] = new JsonArray(new JsonObject
                {
                    ["field"] = "messages",
                    ["value"] = new JsonObject
                    {
                        ["messaging_product"] = "whatsapp",
                        ["metadata"] = new JsonObject { ["display_phone_number"] = "923000000000", ["phone_number_id"] = "simulator" },
                        ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Simulator" }, ["wa_id"] = waId }),
                        ["messages"] = new JsonArray(message),
                    },
                }),
            }),
        };
    }

    private static string TwilioSign(string token, string url, Dictionary<string, string> form)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

#pragma warning disable CA5350 // Twilio's webhook signature is HMAC-SHA1 by definition; the simulator signs as Twilio does.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    private static async Task<IResult> RepliesAsync(string channel, string phone, long? after, HttpContext http, PakLoadSettings settings, PakLoadDbContext db, CancellationToken ct)
    {
        if (!Allowed(http, settings) || PhoneNumber.Parse(phone) is not { IsSuccess: true } parsed)
        {
            return Results.NotFound();
        }

        var e164 = parsed.Value!.E164;
        var since = after ?? 0;
        var rows = await db.ChannelOutbound.AsNoTracking()
            .Where(o => o.Channel == channel && o.Recipient == e164 && o.Id > since)
            .OrderBy(o => o.Id).Take(50)
            .Select(o => new { o.Id, o.Kind, o.Payload, o.Status })
            .ToListAsync(ct);
        return Results.Json(rows.Select(r => new
        {
            id = r.Id,
            kind = r.Kind,
            status = r.Status.ToString(),
            message = channel == "whatsapp" ? JsonSerializer.Deserialize<JsonElement>(r.Payload) : JsonSerializer.SerializeToElement(r.Payload),
        }));
    }
}
