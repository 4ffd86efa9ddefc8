using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PakLoad.Channels.Tests.Fakes;
using PakLoad.Channels.WhatsApp;
using PakLoad.Core.Data;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Channels;

/// <summary>Meta-shaped webhook bodies, signed as Meta signs them.</summary>
internal static class MetaWebhook
{
    public const string AppSecret = "integration-app-secret";
    public const string VerifyToken = "integration-verify-token";
    public const string PhoneNumberId = "106540352242922";

    public static string Text(string from, string wamid, string body, long timestamp = 1749416383) => $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
          "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{PhoneNumberId}}}"},
          "contacts":[{"profile":{"name":"Test"},"wa_id":"{{{from}}}"}],
          "messages":[{"from":"{{{from}}}","id":"{{{wamid}}}","timestamp":"{{{timestamp}}}","type":"text","text":{"body":"{{{body}}}"}}]}}]}]}
        """;

    public static string Status(string wamid, string status, string recipient) => $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
          "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{PhoneNumberId}}}"},
          "statuses":[{"id":"{{{wamid}}}","status":"{{{status}}}","timestamp":"1749416390","recipient_id":"{{{recipient}}}"}]}}]}]}
        """;

    public static HttpRequestMessage Post(string body, string? signature = "sign")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, WhatsAppWebhookPath) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature == "sign" ? MetaSignature.Sign(bytes, Encoding.UTF8.GetBytes(AppSecret)) : signature);
        }

        return request;
    }

    public const string WhatsAppWebhookPath = "/webhooks/whatsapp";
}

/// <summary>
/// The WhatsApp webhook on the real host (PostgreSQL + Redis): handshake, signature, size and shape checks
/// store nothing when they refuse; a valid message is stored once, answered off the request path, and the
/// reply reaches a loopback Graph API fake from the number that was written to.
/// </summary>
public sealed class WhatsAppWebhookTests : IAsyncLifetime, IAsyncDisposable
{
    private bool _disposed;
    private readonly ApiFactory _api = new();
    private readonly FakeHttpServer _graph = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _api.Settings["PakLoad:WhatsApp:AppSecret"] = MetaWebhook.AppSecret;
        _api.Settings["PakLoad:WhatsApp:VerifyToken"] = MetaWebhook.VerifyToken;
        _api.Settings["PakLoad:WhatsApp:AccessToken"] = "graph-test-token";
        _api.Settings["PakLoad:WhatsApp:GraphBaseUrl"] = _graph.BaseUrl.ToString();
        _api.Settings["PakLoad:WhatsApp:MaxBodyBytes"] = "100000";
        _api.Settings["PakLoad:Channels:InboxPoll"] = "00:00:00.200";
        await _api.InitializeAsync();
        _client = _api.CreateClient();
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
        await _graph.DisposeAsync();
    }

    private async Task<int> InboxCountAsync()
    {
        await using var db = _api.CreateDbContext();
        return await db.ChannelInbox.CountAsync();
    }

    private async Task<List<OutboundRecord>> WaitForRepliesAsync(Func<List<OutboundRecord>, bool> done)
    {
        for (var i = 0; i < 200; i++)
        {
            await using var db = _api.CreateDbContext();
            var rows = await db.ChannelOutbound.AsNoTracking().OrderBy(o => o.Id).ToListAsync();
            if (done(rows))
            {
                return rows;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The replies did not arrive.");
    }

    [Fact]
    public async Task Handshake_EchoesTheChallenge_OnlyForTheRightToken()
    {
        using var ok = await _client.GetAsync($"/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token={MetaWebhook.VerifyToken}");
        using var wrong = await _client.GetAsync("/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess");
        using var mode = await _client.GetAsync($"/webhooks/whatsapp?hub.mode=unsubscribe&hub.challenge=1158201444&hub.verify_token={MetaWebhook.VerifyToken}");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", ok.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, mode.StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914", HttpStatusCode.Unauthorized)]
    [InlineData("garbage", HttpStatusCode.Unauthorized)]
    public async Task ForgedOrMissingSignature_IsRefused_AndNothingIsStored(string? signature, HttpStatusCode expected)
    {
        using var response = await _client.SendAsync(MetaWebhook.Post(MetaWebhook.Text("923001230001", "wamid.forged", "hi"), signature));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0, await InboxCountAsync());
    }

    [Theory]
    [InlineData("{\"object\":\"whatsapp_business_account\",\"entry\":[")]
    [InlineData("{\"object\":\"page\"}")]
    [InlineData("")]
    public async Task SignedButMalformedBody_Is400_AndNothingIsStored(string body)
    {
        using var response = await _client.SendAsync(MetaWebhook.Post(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await InboxCountAsync());
    }

    [Fact]
    public async Task OversizedBody_Is413_AndNothingIsStored()
    {
        var body = MetaWebhook.Text("923001230001", "wamid.big", new string('a', 120_000));

        using var response = await _client.SendAsync(MetaWebhook.Post(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await InboxCountAsync());
    }

    [Fact]
    public async Task ValidMessage_IsStoredAndAnswered_ReplyGoesToGraphFromTheSameNumber()
    {
        using var response = await _client.SendAsync(MetaWebhook.Post(MetaWebhook.Text("923001230002", "wamid.hello", "Assalam o alaikum")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await WaitForRepliesAsync(rows => rows.Count > 0 && rows.All(r => r.Status == OutboundStatus.Sent));
        Assert.All(replies, r => Assert.Equal(("+923001230002", MetaWebhook.PhoneNumberId), (r.Recipient, r.SenderId)));
        Assert.All(replies, r => Assert.StartsWith("wamid.", r.ProviderMessageId, StringComparison.Ordinal));
        var sent = _graph.Requests.Where(r => r.Path == $"/v25.0/{MetaWebhook.PhoneNumberId}/messages").ToList();
        Assert.Equal(replies.Count, sent.Count);
        Assert.All(sent, r => Assert.Equal("+923001230002", (string?)JsonNode.Parse(r.Body)!["to"]));
        await using var db = _api.CreateDbContext();
        var row = await db.ChannelInbox.SingleAsync();
        Assert.Equal((InboxStatus.Done, "whatsapp:+923001230002"), (row.Status, row.UserKey));
    }

    [Fact]
    public async Task SenderWithoutAPakistaniNumber_IsAcknowledged_KeptAsADeadLetter_AndNotAnswered()
    {
        // A foreign number (Meta retries a 5xx for days). A username user without a phone is answered: WhatsAppUsernameTests.
        using var foreign = await _client.SendAsync(MetaWebhook.Post(MetaWebhook.Text("14155550123", "wamid.foreign", "hello")));

        Assert.Equal(HttpStatusCode.OK, foreign.StatusCode);
        await Task.Delay(500);
        await using var db = _api.CreateDbContext();
        var row = await db.ChannelInbox.AsNoTracking().SingleAsync();
        Assert.Equal(("wamid.foreign", InboxStatus.Dead, "The sender is not a Pakistani mobile number."), (row.ProviderMessageId, row.Status, row.LastError));
        Assert.Equal(0, await db.ChannelOutbound.CountAsync());
        Assert.DoesNotContain(_graph.Requests, r => r.Path.EndsWith("/messages", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WebhookOnlyInstance_StoresAndAcknowledges_TheWorkerInstanceAnswersOnce()
    {
        await using var receiver = new ApiFactory { SharesDatabaseWith = _api };
        foreach (var (key, value) in _api.Settings)
        {
            receiver.Settings[key] = value;
        }

        receiver.Settings["PakLoad:Channels:AnswerInbox"] = "false";
        await receiver.InitializeAsync();
        using var client = receiver.CreateClient();

        using var response = await client.SendAsync(MetaWebhook.Post(MetaWebhook.Text("923001230009", "wamid.split", "salam")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await WaitForRepliesAsync(rows => rows.Count > 0 && rows.All(r => r.Status == OutboundStatus.Sent));
        await Task.Delay(600); // a few more polls: nothing is answered twice
        await using var db = _api.CreateDbContext();
        var row = await db.ChannelInbox.SingleAsync();
        Assert.Equal((InboxStatus.Done, 1), (row.Status, row.Attempts));
        Assert.Equal(replies.Count, await db.ChannelOutbound.CountAsync());
        Assert.All(replies, r => Assert.StartsWith($"inbox:{row.Id}:", r.DedupeKey, StringComparison.Ordinal));
        Assert.Equal(replies.Count, _graph.Requests.Count(r => r.Path.EndsWith("/messages", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SameMessageDeliveredConcurrently_IsStoredOnce_AndAnsweredOnce()
    {
        var body = MetaWebhook.Text("923001230003", "wamid.twice", "Karachi se Lahore");

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _client.SendAsync(MetaWebhook.Post(body))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var replies = await WaitForRepliesAsync(rows => rows.Count > 0 && rows.All(r => r.Status == OutboundStatus.Sent));
        await Task.Delay(500);
        await using var db = _api.CreateDbContext();
        Assert.Equal(1, await db.ChannelInbox.CountAsync());
        Assert.Equal(replies.Count, await db.ChannelOutbound.CountAsync());
        Assert.All(replies, r => Assert.StartsWith($"inbox:", r.DedupeKey, StringComparison.Ordinal));
        Assert.Single(replies.Select(r => r.DedupeKey.Split(':')[1]).Distinct());
    }

    [Fact]
    public async Task Statuses_MoveTheReplyForwardOnly()
    {
        _graph.Then(new FakeResponse(200, Meta.SendSuccess("wamid.reply-status")));
        using (await _client.SendAsync(MetaWebhook.Post(MetaWebhook.Text("923001230004", "wamid.s1", "hi"))))
        {
        }

        await WaitForRepliesAsync(rows => rows.Any(r => r.ProviderMessageId == "wamid.reply-status"));
        foreach (var status in new[] { "delivered", "sent", "read", "delivered" })
        {
            using var response = await _client.SendAsync(MetaWebhook.Post(MetaWebhook.Status("wamid.reply-status", status, "923001230004")));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await using var db = _api.CreateDbContext();
        Assert.Equal("read", (await db.ChannelOutbound.SingleAsync(o => o.ProviderMessageId == "wamid.reply-status")).DeliveryStatus);
    }

    [Fact]
    public async Task ReEngagementError_SendsTheTemplate()
    {
        _graph.Then(Meta.ReEngagement).Then(new FakeResponse(200, Meta.SendSuccess("wamid.via-template")));
        using (await _client.SendAsync(MetaWebhook.Post(MetaWebhook.Text("923001230005", "wamid.t1", "hi"))))
        {
        }

        var rows = await WaitForRepliesAsync(rows => rows.Any(r => r.ProviderMessageId == "wamid.via-template"));
        Assert.Contains(rows, r => r.LastError == "131047: sent as template");
        Assert.Contains(_graph.Requests, r => (string?)JsonNode.Parse(r.Body)!["type"] == "template");
    }
}
