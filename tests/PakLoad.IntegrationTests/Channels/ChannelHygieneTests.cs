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
            var body = MetaWebhook.Text("923001260001", "wamid.hygiene", "hi");
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

        throw new TimeoutException("The condition never held.");
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
