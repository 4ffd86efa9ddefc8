using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PakLoad.Channels.Tests.Fakes;
using PakLoad.Channels.Tests.Sms;
using PakLoad.Channels.WhatsApp;
using PakLoad.Core.Data;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Channels;

/// <summary>
/// Checklist §5 items 3, 27, 36, 38 and 39 on the real host: no secret or computed signature reaches the logs (even
/// when Meta or Twilio refuses our credentials), on the WhatsApp, Twilio SMS, USSD and sign-in paths; Twilio inbound
/// is off unless enabled, the Africa's Talking end-of-session callback is accepted, and the webhooks take provider
/// posts without cookies or anti-forgery tokens.
/// </summary>
public sealed class ChannelHygieneTests
{
    private const string AccessToken = "EAAG-integration-access-token-0123456789";

    [Fact]
    public async Task Secrets_NeverReachTheLogs_SmsInboundIsOffByDefault_AtEndCallbackIsAccepted()
    {
        await using var graph = new FakeHttpServer { Default = Meta.TokenExpired };
        var api = new ApiFactory();
        api.Settings["PakLoad:WhatsApp:AppSecret"] = MetaWebhook.AppSecret;
        api.Settings["PakLoad:WhatsApp:VerifyToken"] = MetaWebhook.VerifyToken;
        api.Settings["PakLoad:WhatsApp:AccessToken"] = AccessToken;
        api.Settings["PakLoad:WhatsApp:GraphBaseUrl"] = graph.BaseUrl.ToString();
        await api.InitializeAsync();
        var logs = new CapturingLoggerProvider();
        try
        {
            await using var host = api.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Debug)));
            using var client = host.CreateClient();
            var body = MetaWebhook.Text($"9230012{Random.Shared.Next(100_000):D5}", $"wamid.hygiene.{Guid.NewGuid():N}", "hi");
            var signature = MetaSignature.Sign(Encoding.UTF8.GetBytes(body), Encoding.UTF8.GetBytes(MetaWebhook.AppSecret));
            var forged = MetaSignature.Sign(Encoding.UTF8.GetBytes(body), Encoding.UTF8.GetBytes("not-the-secret"));

            using (var refused = await client.SendAsync(MetaWebhook.Post(body, forged)))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            }

            using (var wrongToken = await client.GetAsync("/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1&hub.verify_token=guess"))
            {
                Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
            }

            using (var accepted = await client.SendAsync(MetaWebhook.Post(body)))
            {
                Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            }

            // Meta answers the reply with 190 (expired token): the alert is logged, the token is not.
            await WaitAsync(api, db => db.ChannelOutbound.AnyAsync(o => o.Status == OutboundStatus.Failed));

            // Twilio inbound is feature-flagged off (item 27): 404, nothing stored, no cookie or anti-forgery token needed.
            using (var sms = await client.PostAsync("/webhooks/sms/twilio", new FormUrlEncodedContent(new Dictionary<string, string> { ["MessageSid"] = "SM1", ["From"] = "+923001260002", ["Body"] = "hi" })))
            {
                Assert.Equal(HttpStatusCode.NotFound, sms.StatusCode);
            }

            // Africa's Talking's end-of-session callback (item 36): accepted as a form post; without a session id, 400.
            using (var ended = await client.PostAsync("/webhooks/ussd/at/end", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["sessionId"] = "ATUid_end", ["serviceCode"] = "*384*123#", ["networkCode"] = "41001", ["phoneNumber"] = "+923001260003",
                ["status"] = "Failed", ["errorMessage"] = "Timeout", ["durationInSeconds"] = "30", ["hopsCount"] = "2", ["input"] = "1*2",
            })))
            {
                Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
            }

            using (var noSession = await client.PostAsync("/webhooks/ussd/at/end", new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "Incomplete" })))
            {
                Assert.Equal(HttpStatusCode.BadRequest, noSession.StatusCode);
            }

            await using var db = api.CreateDbContext();
            Assert.Equal(1, await db.ChannelInbox.CountAsync());
            var text = string.Join('\n', logs.Lines);
            Assert.Contains("credentials", text, StringComparison.Ordinal);
            Assert.Contains("Timeout", text, StringComparison.Ordinal);
            foreach (var secret in new[] { MetaWebhook.AppSecret, AccessToken, MetaWebhook.VerifyToken, signature[7..], forged[7..] })
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    /// <summary>
    /// Item 38 on the Twilio and USSD paths (and sign-in, whose one-time code goes out by SMS): every secret the host
    /// holds is a fresh random string, every path runs (including Twilio refusing our credentials and failing with a
    /// 5xx, so the error logging runs), and not one captured log line at any level, exception text included, carries a
    /// secret, a computed signature, a session token or the one-time code.
    /// </summary>
    [Fact]
    public async Task Secrets_NeverReachTheLogs_OnTheTwilioUssdAndSignInPaths_IncludingProviderErrors()
    {
        var twilioToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var appSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var accessToken = "EAAG" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var verifyToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        var codeKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        const string accountSid = "AC00000000000000000000000000000038";
        const string publicUrl = "https://api.pakload.test/webhooks/sms/twilio";
        var stem = Random.Shared.Next(100_000);
        string Phone(int lane) => string.Create(CultureInfo.InvariantCulture, $"+923001{lane}{stem:D5}");

        await using var twilio = new FakeHttpServer { Default = new FakeResponse(201, TwilioBodies.Created("SM00000000000000000000000000000380")) };
        await using var graph = new FakeHttpServer();
        var api = new ApiFactory();
        api.Settings["PakLoad:Twilio:AccountSid"] = accountSid;
        api.Settings["PakLoad:Twilio:AuthToken"] = twilioToken;
        api.Settings["PakLoad:Twilio:From"] = "+15005550006";
        api.Settings["PakLoad:Twilio:InboundEnabled"] = "true";
        api.Settings["PakLoad:Twilio:PublicBaseUrl"] = "https://api.pakload.test/";
        api.Settings["PakLoad:Twilio:ApiBaseUrl"] = twilio.BaseUrl.ToString();
        api.Settings["PakLoad:Twilio:MaxSendAttempts"] = "1";
        api.Settings["PakLoad:WhatsApp:AppSecret"] = appSecret;
        api.Settings["PakLoad:WhatsApp:VerifyToken"] = verifyToken;
        api.Settings["PakLoad:WhatsApp:AccessToken"] = accessToken;
        api.Settings["PakLoad:WhatsApp:GraphBaseUrl"] = graph.BaseUrl.ToString();
        api.Settings["Auth:SigningKey"] = signingKey;
        api.Settings["Auth:CodeKey"] = codeKey;
        await api.InitializeAsync();
        var logs = new CapturingLoggerProvider();
        try
        {
            await using var host = api.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace).AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace)));
            using var client = host.CreateClient();
            var signatures = new List<string>();
            async Task<HttpStatusCode> TwilioPostAsync(string path, Dictionary<string, string> form, string? signature = null)
            {
                signature ??= SignTwilio(twilioToken, "https://api.pakload.test" + path, form);
                signatures.Add(signature);
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
                request.Headers.Add("X-Twilio-Signature", signature);
                using var response = await client.SendAsync(request);
                return response.StatusCode;
            }

            Dictionary<string, string> Sms(string sid, string from, string body) => new(StringComparer.Ordinal)
            {
                ["MessageSid"] = sid, ["SmsSid"] = sid, ["AccountSid"] = accountSid, ["From"] = from, ["To"] = "+15005550006",
                ["Body"] = body, ["NumMedia"] = "0", ["NumSegments"] = "1", ["SmsStatus"] = "received", ["ApiVersion"] = "2010-04-01",
            };

            // Sign-in: the one-time code leaves by SMS through Twilio; the access token is checked, a tampered one refused.
            var signInPhone = Phone(3);
            using (var sent = await client.PostAsJsonAsync("/api/v1/auth/code", new { phone = signInPhone }))
            {
                sent.EnsureSuccessStatusCode();
            }

            await WaitAsync(api, db => db.ChannelOutbound.AnyAsync(o => o.Recipient == signInPhone && o.Status == OutboundStatus.Sent));
            var code = await api.LatestCodeAsync(signInPhone);
            Assert.Contains(twilio.Requests, r => r.Body.Contains(code, StringComparison.Ordinal));
            using var verified = await client.PostAsJsonAsync("/api/v1/auth/verify", new { phone = signInPhone, code, name = "Hygiene Traders", role = "Shipper" });
            verified.EnsureSuccessStatusCode();
            var session = await verified.Content.ReadFromJsonAsync<JsonElement>();
            var jwt = session.GetProperty("accessToken").GetString()!;
            var refreshToken = session.GetProperty("refreshToken").GetString()!;
            foreach (var (token, expected) in new[] { (jwt, HttpStatusCode.OK), (jwt[..^4] + (jwt[^4..] == "AAAA" ? "BBBB" : "AAAA"), HttpStatusCode.Unauthorized) })
            {
                using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
                me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var answer = await client.SendAsync(me);
                Assert.Equal(expected, answer.StatusCode);
            }

            // A forged SMS is refused and stored nowhere; a signed one is stored and answered through Twilio's REST API.
            var smsPhone = Phone(4);
            Assert.Equal(HttpStatusCode.Forbidden, await TwilioPostAsync("/webhooks/sms/twilio", Sms("SM00000000000000000000000000000381", smsPhone, "salam"), SignTwilio("not-the-token", publicUrl, Sms("SM00000000000000000000000000000381", smsPhone, "salam"))));
            twilio.Then(new FakeResponse(201, TwilioBodies.Created("SM00000000000000000000000000000382")));
            Assert.Equal(HttpStatusCode.OK, await TwilioPostAsync("/webhooks/sms/twilio", Sms("SM00000000000000000000000000000383", smsPhone, "salam")));
            await WaitAsync(api, db => db.ChannelOutbound.AnyAsync(o => o.Recipient == smsPhone && o.Status == OutboundStatus.Sent && o.ProviderMessageId == "SM00000000000000000000000000000382"));

            // Twilio's status callbacks for that reply.
            foreach (var status in new[] { "sent", "delivered" })
            {
                var callback = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["MessageSid"] = "SM00000000000000000000000000000382", ["MessageStatus"] = status, ["AccountSid"] = accountSid,
                    ["From"] = "+15005550006", ["To"] = smsPhone, ["ApiVersion"] = "2010-04-01",
                };
                Assert.Equal(HttpStatusCode.OK, await TwilioPostAsync("/webhooks/sms/twilio/status", callback));
            }

            // Twilio refuses our credentials (401, 20003: an alert) and then fails with a 500 (the last attempt: a dead letter).
            var refusedPhone = Phone(5);
            twilio.Then(new FakeResponse(401, TwilioBodies.Error(20003, "Authenticate", 401)));
            Assert.Equal(HttpStatusCode.OK, await TwilioPostAsync("/webhooks/sms/twilio", Sms("SM00000000000000000000000000000384", refusedPhone, "salam")));
            await WaitAsync(api, db => db.ChannelOutbound.AnyAsync(o => o.Recipient == refusedPhone && o.Status == OutboundStatus.Failed));
            var brokenPhone = Phone(6);
            twilio.Then(new FakeResponse(500, TwilioBodies.Error(20500, "An internal server error has occurred", 500)));
            Assert.Equal(HttpStatusCode.OK, await TwilioPostAsync("/webhooks/sms/twilio", Sms("SM00000000000000000000000000000385", brokenPhone, "salam")));
            await WaitAsync(api, db => db.ChannelOutbound.AnyAsync(o => o.Recipient == brokenPhone && o.Status == OutboundStatus.Dead));

            // USSD: Africa's Talking (two hops, then its end-of-session callback) and Hubtel (initiation, response).
            var atPhone = Phone(7);
            var atSession = $"ATUid_hygiene_{Guid.NewGuid():N}";
            foreach (var input in new[] { string.Empty, "3" })
            {
                using var hop = await client.PostAsync("/webhooks/ussd/at", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["sessionId"] = atSession, ["serviceCode"] = "*384*123#", ["phoneNumber"] = atPhone, ["networkCode"] = "41001", ["text"] = input,
                }));
                Assert.StartsWith("CON ", await hop.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            using (var ended = await client.PostAsync("/webhooks/ussd/at/end", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["sessionId"] = atSession, ["serviceCode"] = "*384*123#", ["networkCode"] = "41001", ["phoneNumber"] = atPhone,
                ["status"] = "Incomplete", ["durationInSeconds"] = "20", ["hopsCount"] = "2", ["input"] = "3",
            })))
            {
                Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
            }

            var hubtelPhone = Phone(8);
            var hubtelSession = Guid.NewGuid().ToString("N");
            foreach (var (type, message, sequence) in new[] { ("Initiation", "*713#", 1), ("Response", "3", 2) })
            {
                using var hop = await client.PostAsJsonAsync("/webhooks/ussd/hubtel", new { Mobile = hubtelPhone, SessionId = hubtelSession, ServiceCode = "713", Type = type, Message = message, Operator = "Jazz", Sequence = sequence });
                Assert.Equal("Response", (await hop.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("Type").GetString());
            }

            await using (var db = api.CreateDbContext())
            {
                Assert.Equal(3, await db.ChannelInbox.CountAsync());
                var failures = await db.ChannelOutbound.AsNoTracking().Where(o => o.Recipient == refusedPhone || o.Recipient == brokenPhone).OrderBy(o => o.Id).Select(o => o.LastError).ToListAsync();
                Assert.Collection(failures, e => Assert.StartsWith("20003 ", e, StringComparison.Ordinal), e => Assert.StartsWith("20500 ", e, StringComparison.Ordinal));
                Assert.Equal(4, await db.Transcripts.CountAsync(t => t.ConversationKey == "ussd:" + atPhone || t.ConversationKey == "ussd:" + hubtelPhone));
            }

            // The scan is not vacuous: every path logged, the provider errors included.
            var lines = logs.Lines.ToArray();
            var text = string.Join('\n', lines);
            Assert.NotEmpty(lines);
            foreach (var path in new[] { "/api/v1/auth/code", "/api/v1/auth/verify", "/api/v1/me", "/webhooks/sms/twilio", "/webhooks/sms/twilio/status", "/webhooks/ussd/at", "/webhooks/ussd/at/end", "/webhooks/ussd/hubtel" })
            {
                Assert.Contains(lines, l => l.Contains("localhost" + path + " ", StringComparison.Ordinal));
            }

            Assert.Contains(lines, l => l.StartsWith("Critical", StringComparison.Ordinal) && l.Contains("20003", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("20500", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("Bearer", StringComparison.Ordinal) && l.Contains("not authenticated", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains(atSession, StringComparison.Ordinal) && l.Contains("Incomplete", StringComparison.Ordinal));

            foreach (var secret in new[] { twilioToken, appSecret, accessToken, verifyToken, signingKey, codeKey, jwt, jwt.Split('.')[2], refreshToken }.Concat(signatures))
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }

            Assert.DoesNotMatch($"(?<![0-9]){code}(?![0-9])", text);
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    /// <summary>
    /// Item 21: behind a TLS-terminating proxy Twilio signs the public https URL; the host reached at http://internal
    /// rebuilds it from X-Forwarded-Proto/Host, trusted only from a known proxy (loopback by default).
    /// </summary>
    [Theory]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("203.0.113.5", HttpStatusCode.Forbidden)]
    public async Task TwilioSignature_OverThePublicUrl_ValidatesBehindAKnownProxyOnly(string remote, HttpStatusCode expected)
    {
        const string token = "twilio-proxy-token";
        var api = new ApiFactory();
        api.Settings["PakLoad:Twilio:AccountSid"] = "AC00000000000000000000000000000001";
        api.Settings["PakLoad:Twilio:AuthToken"] = token;
        api.Settings["PakLoad:Twilio:From"] = "+15005550006";
        api.Settings["PakLoad:Twilio:InboundEnabled"] = "true";
        api.Settings["PakLoad:Twilio:ApiBaseUrl"] = "http://127.0.0.1:9/";
        await api.InitializeAsync();
        try
        {
            var form = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["MessageSid"] = "SM00000000000000000000000000000021", ["SmsSid"] = "SM00000000000000000000000000000021", ["AccountSid"] = "AC00000000000000000000000000000001",
                ["From"] = "+923001260021", ["To"] = "+15005550006", ["Body"] = "salam", ["NumMedia"] = "0", ["NumSegments"] = "1", ["SmsStatus"] = "received", ["ApiVersion"] = "2010-04-01",
            };
            var signature = SignTwilio(token, "https://api.pakload.test/webhooks/sms/twilio", form);
            var body = Encoding.UTF8.GetBytes(string.Join('&', form.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")));
            _ = api.Services;
            var context = await api.Server.SendAsync(c =>
            {
                c.Connection.RemoteIpAddress = IPAddress.Parse(remote);
                c.Request.Method = "POST";
                c.Request.Scheme = "http";
                c.Request.Host = new Microsoft.AspNetCore.Http.HostString("internal");
                c.Request.Path = "/webhooks/sms/twilio";
                c.Request.ContentType = "application/x-www-form-urlencoded";
                c.Request.Headers["X-Forwarded-Proto"] = "https";
                c.Request.Headers["X-Forwarded-Host"] = "api.pakload.test";
                c.Request.Headers["X-Twilio-Signature"] = signature;
                c.Request.Body = new MemoryStream(body);
                c.Request.ContentLength = body.Length;
            });

            Assert.Equal((int)expected, context.Response.StatusCode);
            await using var db = api.CreateDbContext();
            Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, await db.ChannelInbox.CountAsync());
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    /// <summary>Twilio's scheme: Base64(HMAC-SHA1(token, url + every field name and value, sorted by name)).</summary>
    private static string SignTwilio(string token, string url, IDictionary<string, string> form)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

#pragma warning disable CA5350 // Twilio's signature scheme is HMAC-SHA1; the test signs as Twilio does.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    private static async Task WaitAsync(ApiFactory api, Func<PakLoadDbContext, Task<bool>> done)
    {
        for (var i = 0; i < 300; i++)
        {
            await using var db = api.CreateDbContext();
            if (await done(db))
            {
                return;
            }

            await Task.Delay(100);
        }

        await using var state = api.CreateDbContext();
        var inbox = await state.ChannelInbox.AsNoTracking().Select(r => $"{r.Status} {r.Attempts} {r.LastError}").ToListAsync();
        var outbound = await state.ChannelOutbound.AsNoTracking().Select(o => $"{o.Status} {o.Attempts} {o.LastError} {o.ClaimedUntil} {o.NextAttemptAt}").ToListAsync();
        throw new TimeoutException($"The condition never held. Inbox: {string.Join("; ", inbox)}. Outbound: {string.Join("; ", outbound)}.");
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
