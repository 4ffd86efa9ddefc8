using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PakLoad.Channels.Tests.Fakes;
using PakLoad.Channels.Tests.Sms;
using PakLoad.Core.Data;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Channels;

/// <summary>
/// Twilio SMS on the real host: the signature over the configured public URL and every field, dedupe by
/// MessageSid, empty TwiML at once, the reply through Twilio's REST client to a loopback fake, status callbacks.
/// </summary>
public sealed class SmsWebhookTests : IAsyncLifetime, IAsyncDisposable
{
    private const string AuthToken = "twilio-auth-token";
    private const string PublicUrl = "https://api.pakload.test/webhooks/sms/twilio";
    private readonly ApiFactory _api = new();
    private readonly FakeHttpServer _twilio = new();
    private HttpClient _client = null!;
    private bool _disposed;

    public async Task InitializeAsync()
    {
        _twilio.Default = new FakeResponse(201, TwilioBodies.Created("SM11111111111111111111111111111111"));
        _api.Settings["PakLoad:Twilio:AccountSid"] = "AC00000000000000000000000000000001";
        _api.Settings["PakLoad:Twilio:AuthToken"] = AuthToken;
        _api.Settings["PakLoad:Twilio:From"] = "+15005550006";
        _api.Settings["PakLoad:Twilio:InboundEnabled"] = "true";
        _api.Settings["PakLoad:Twilio:PublicBaseUrl"] = "https://api.pakload.test/";
        _api.Settings["PakLoad:Twilio:ApiBaseUrl"] = _twilio.BaseUrl.ToString();
        await _api.InitializeAsync();
        _client = _api.CreateClient();
    }

    /// <summary>Twilio's scheme: Base64(HMAC-SHA1(token, url + every field name and value, sorted by name)).</summary>
    private static string Sign(string url, IDictionary<string, string> form)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

#pragma warning disable CA5350 // Twilio's signature scheme is HMAC-SHA1; the test signs as Twilio does.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(AuthToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    private static Dictionary<string, string> Inbound(string sid, string from, string body) => new(StringComparer.Ordinal)
    {
        ["ToCountry"] = "PK", ["SmsMessageSid"] = sid, ["NumMedia"] = "0", ["SmsSid"] = sid, ["SmsStatus"] = "received",
        ["Body"] = body, ["To"] = "+15005550006", ["NumSegments"] = "1", ["MessageSid"] = sid,
        ["AccountSid"] = "AC00000000000000000000000000000001", ["From"] = from, ["ApiVersion"] = "2010-04-01",
    };

    private Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> form, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
        {
            request.Headers.Add("X-Twilio-Signature", signature);
        }

        return _client.SendAsync(request);
    }

    private async Task<List<OutboundRecord>> WaitForSentAsync()
    {
        for (var i = 0; i < 200; i++)
        {
            await using var db = _api.CreateDbContext();
            var rows = await db.ChannelOutbound.AsNoTracking().ToListAsync();
            if (rows.Count > 0 && rows.All(r => r.Status == OutboundStatus.Sent))
            {
                return rows;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No SMS reply was sent.");
    }

    [Fact]
    public async Task SignedSms_IsStoredOnce_AnsweredWithEmptyTwiml_AndRepliedThroughTheRestApi()
    {
        var form = Inbound("SM00000000000000000000000000000001", "+923001240001", "salam");

        using var first = await PostAsync("/webhooks/sms/twilio", form, Sign(PublicUrl, form));
        using var again = await PostAsync("/webhooks/sms/twilio", form, Sign(PublicUrl, form));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/xml", first.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<Response />", (await first.Content.ReadAsStringAsync()).Replace("<Response></Response>", "<Response />", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var sent = await WaitForSentAsync();
        var reply = Assert.Single(sent);
        Assert.Equal(("sms", "+923001240001", "SM11111111111111111111111111111111"), (reply.Channel, reply.Recipient, reply.ProviderMessageId));
        var request = Assert.Single(_twilio.Requests);
        Assert.Contains("To=%2B923001240001", request.Body, StringComparison.Ordinal);
        await using var db = _api.CreateDbContext();
        Assert.Equal(1, await db.ChannelInbox.CountAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0/KCTR6DLpKmkAf8muzZqo1nDgQ=")]
    [InlineData("internal-url")]
    public async Task ForgedMissingOrWrongUrlSignature_Is403_AndNothingIsStored(string? signature)
    {
        var form = Inbound("SM00000000000000000000000000000002", "+923001240002", "salam");
        var header = signature == "internal-url" ? Sign("http://localhost/webhooks/sms/twilio", form) : signature;

        using var response = await PostAsync("/webhooks/sms/twilio", form, header);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = _api.CreateDbContext();
        Assert.Equal(0, await db.ChannelInbox.CountAsync());
    }

    [Fact]
    public async Task StatusCallbacks_MoveForwardOnly_FailedIsTerminal()
    {
        var form = Inbound("SM00000000000000000000000000000003", "+923001240003", "salam");
        using (await PostAsync("/webhooks/sms/twilio", form, Sign(PublicUrl, form)))
        {
        }

        await WaitForSentAsync();
        foreach (var status in new[] { "sent", "undelivered", "delivered" })
        {
            var callback = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["MessageSid"] = "SM11111111111111111111111111111111", ["MessageStatus"] = status, ["AccountSid"] = "AC00000000000000000000000000000001",
                ["From"] = "+15005550006", ["To"] = "+923001240003", ["ApiVersion"] = "2010-04-01",
            };
            if (status == "undelivered")
            {
                callback["ErrorCode"] = "30003";
            }

            using var response = await PostAsync("/webhooks/sms/twilio/status", callback, Sign(PublicUrl + "/status", callback));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await using var db = _api.CreateDbContext();
        var row = await db.ChannelOutbound.SingleAsync();
        Assert.Equal(("undelivered", "twilio 30003"), (row.DeliveryStatus, row.LastError));
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _client.Dispose();
        await _api.DisposeAsync();
        await _twilio.DisposeAsync();
    }
}
