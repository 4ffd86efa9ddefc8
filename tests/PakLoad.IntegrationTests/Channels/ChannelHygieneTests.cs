using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PakLoad.Channels.Tests.Fakes;
using PakLoad.Channels.WhatsApp;
using PakLoad.Core.Data;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Channels;

/// <summary>
/// Checklist §5 items 3, 27, 36, 38 and 39 on the real host: no secret or computed signature reaches the logs (even
/// when Meta refuses our token), Twilio inbound is off unless enabled, the Africa's Talking end-of-session callback
/// is accepted, and the webhooks take provider posts without cookies or anti-forgery tokens.
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
            var data = new StringBuilder("https://api.pakload.test/webhooks/sms/twilio");
            foreach (var (key, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                data.Append(key).Append(value);
            }

#pragma warning disable CA5350 // Twilio's signature scheme is HMAC-SHA1; the test signs as Twilio does.
            var signature = Convert.ToBase64String(System.Security.Cryptography.HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
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
