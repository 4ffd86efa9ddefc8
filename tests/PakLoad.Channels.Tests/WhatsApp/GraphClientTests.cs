using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PakLoad.Channels.Outbound;
using PakLoad.Channels.Tests.Fakes;
using PakLoad.Channels.WhatsApp;
using PakLoad.Core.Common;

namespace PakLoad.Channels.Tests.WhatsApp;

public sealed class GraphClientTests : IAsyncDisposable
{
    private readonly FakeHttpServer _meta = new();
    private readonly HttpClient _http = new();
    private readonly WhatsAppOptions _options;
    private readonly WhatsAppSender _sender;

    public GraphClientTests()
    {
        _options = new WhatsAppOptions { GraphBaseUrl = _meta.BaseUrl, AccessToken = "test-token", RequestTimeout = TimeSpan.FromSeconds(2), MaxSendAttempts = 3 };
        _sender = new WhatsAppSender(new GraphClient(_http, _options), _options, new SendRateLimiter(1000, TimeProvider.System));
    }

    private static string Text(string body) => new WhatsAppText(body).ToGraph("x").ToJsonString();

    [Fact]
    public async Task Send_Success_PostsToVersionedPathWithBearer_AndReturnsTheWamid()
    {
        _meta.Then(new FakeResponse(200, Meta.SendSuccess("wamid.HBgLOTIz")));

        var outcome = await _sender.SendAsync("106540352242922", "+923001234567", Text("Salam"), Language.UrLatn, 1, CancellationToken.None);

        Assert.Equal("wamid.HBgLOTIz", outcome.ProviderMessageId);
        var request = Assert.Single(_meta.Requests);
        Assert.Equal(("POST", "/v25.0/106540352242922/messages", "Bearer test-token"), (request.Method, request.Path, request.Authorization));
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("+923001234567", (string?)body["to"]);
        Assert.Equal("Salam", (string?)body["text"]!["body"]);
    }

    [Fact]
    public async Task Send_429WithRetryAfter_RetriesLaterByTheHeader()
    {
        _meta.Then(Meta.Throughput(7));

        var outcome = await _sender.SendAsync("1", "+923001234567", Text("x"), Language.En, 1, CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.Equal(TimeSpan.FromSeconds(7), outcome.RetryIn);
    }

    [Fact]
    public async Task Send_ReEngagement131047_SendsTheTemplateInstead_NotTheSameMessageAgain()
    {
        _meta.Then(Meta.ReEngagement).Then(new FakeResponse(200, Meta.SendSuccess("wamid.template")));

        var outcome = await _sender.SendAsync("1", "+923001234567", Text("Aap ki bid\nmanzoor"), Language.Ur, 1, CancellationToken.None);

        Assert.Equal(("wamid.template", true), (outcome.ProviderMessageId, outcome.ViaTemplate));
        var template = JsonNode.Parse(_meta.Requests.Last().Body)!;
        Assert.Equal("template", (string?)template["type"]);
        Assert.Equal("ur", (string?)template["template"]!["language"]!["code"]);
        Assert.Equal("Aap ki bid manzoor", (string?)template["template"]!["components"]![0]!["parameters"]![0]!["text"]);
        Assert.Equal(2, _meta.Requests.Count);
    }

    [Fact]
    public async Task Send_PairRate131056_WaitsThePairSpacing()
    {
        _meta.Then(Meta.PairRate);

        var outcome = await _sender.SendAsync("1", "+923001234567", Text("x"), Language.En, 1, CancellationToken.None);

        Assert.Equal(_options.PairSpacing, outcome.RetryIn);
    }

    [Fact]
    public async Task Send_ServiceUnavailable_BacksOff_ThenFailsAfterTheLastAttempt()
    {
        _meta.Then(Meta.Unavailable).Then(Meta.Unavailable);

        var first = await _sender.SendAsync("1", "+923001234567", Text("x"), Language.En, 1, CancellationToken.None);
        var last = await _sender.SendAsync("1", "+923001234567", Text("x"), Language.En, _options.MaxSendAttempts, CancellationToken.None);

        Assert.NotNull(first.RetryIn);
        Assert.Null(last.RetryIn);
        Assert.StartsWith("131016", last.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_Undeliverable131026_FailsWithoutRetry()
    {
        _meta.Then(Meta.Undeliverable);

        var outcome = await _sender.SendAsync("1", "+923001234567", Text("x"), Language.En, 1, CancellationToken.None);

        Assert.Equal((false, null, false), (outcome.Sent, outcome.RetryIn, outcome.Alert));
        Assert.Single(_meta.Requests);
    }

    [Fact]
    public async Task Send_ExpiredToken190_Alerts()
    {
        _meta.Then(Meta.TokenExpired);

        var outcome = await _sender.SendAsync("1", "+923001234567", Text("x"), Language.En, 1, CancellationToken.None);

        Assert.True(outcome.Alert);
    }

    [Fact]
    public async Task Send_HangingServer_TimesOutAndRetriesLater()
    {
        _meta.Then(new FakeResponse(200, Meta.SendSuccess("late"), Delay: TimeSpan.FromSeconds(4)));

        var outcome = await _sender.SendAsync("1", "+923001234567", Text("x"), Language.En, 1, CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.NotNull(outcome.RetryIn);
        Assert.StartsWith("-1", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkRead_PostsReadStatusWithTypingIndicator()
    {
        _meta.Then(new FakeResponse(200, """{"success":true}"""));

        var error = await new GraphClient(_http, _options).MarkReadAsync("1", "wamid.in", typing: true, CancellationToken.None);

        Assert.Null(error);
        var body = JsonNode.Parse(Assert.Single(_meta.Requests).Body)!;
        Assert.Equal(("read", "wamid.in", "text"), ((string?)body["status"], (string?)body["message_id"], (string?)body["typing_indicator"]!["type"]));
    }

    [Fact]
    public async Task Media_UrlThenDownloadWithBearer_ChecksTheHash()
    {
        var voice = Encoding.ASCII.GetBytes("OggS fake opus voice note");
        var sha = Convert.ToHexStringLower(SHA256.HashData(voice));
        var url = new Uri(_meta.BaseUrl, "cdn/voice.ogg");
        _meta.Then(new FakeResponse(200, $$"""{"messaging_product":"whatsapp","url":"{{url}}","mime_type":"audio/ogg","sha256":"{{sha}}","file_size":{{voice.Length}},"id":"1003383421387256"}"""))
            .Then(new FakeResponse(200, string.Empty, ContentType: "audio/ogg", Bytes: voice))
            .Then(new FakeResponse(200, string.Empty, ContentType: "audio/ogg", Bytes: [1, 2, 3]));
        var client = new GraphClient(_http, _options);

        var (media, error) = await client.GetMediaAsync("1003383421387256", CancellationToken.None);
        var (content, _) = await client.DownloadMediaAsync(media!, 16 << 20, CancellationToken.None);
        var (tampered, refused) = await client.DownloadMediaAsync(media!, 16 << 20, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(voice, content);
        Assert.Null(tampered);
        Assert.Equal(131052, refused!.Code);
        Assert.All(_meta.Requests, r => Assert.Equal("Bearer test-token", r.Authorization));
        Assert.Equal("/v25.0/1003383421387256", _meta.Requests.First().Path);
    }

    [Fact]
    public async Task Upload_IsMultipartWithMessagingProduct()
    {
        _meta.Then(new FakeResponse(200, """{"id":"1166846181421424"}"""));

        var (id, _) = await new GraphClient(_http, _options).UploadMediaAsync("1", [1, 2, 3], "audio/ogg", "reply.ogg", CancellationToken.None);

        Assert.Equal("1166846181421424", id);
        var request = Assert.Single(_meta.Requests);
        Assert.StartsWith("multipart/form-data", request.ContentType, StringComparison.Ordinal);
        Assert.Contains("name=messaging_product", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimiter_AllowsTheBurst_ThenWaitsForTheClock_PerBusinessNumber()
    {
        var clock = new FakeTimeProvider();
        var limiter = new SendRateLimiter(2, clock);

        await limiter.WaitAsync("106540352242922", CancellationToken.None);
        await limiter.WaitAsync("106540352242922", CancellationToken.None);
        var third = limiter.WaitAsync("106540352242922", CancellationToken.None).AsTask();
        var otherNumber = limiter.WaitAsync("106540352242999", CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(third.IsCompleted);
        Assert.True(otherNumber.IsCompletedSuccessfully); // Meta's limit is per business number
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await third.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task InProcessBuckets_GiveTheBurst_ThenOneTokenPerTick_AndSayHowLongToWait()
    {
        var buckets = new InProcessTokenBuckets();
        var now = DateTimeOffset.UnixEpoch.AddDays(20_000);

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 6; i++)
        {
            waits.Add(await buckets.TakeAsync("n", 5, now, CancellationToken.None));
        }

        Assert.Equal(5, waits.Count(w => w == TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromMilliseconds(200), waits[5]);
        Assert.Equal(TimeSpan.Zero, await buckets.TakeAsync("n", 5, now.AddMilliseconds(200), CancellationToken.None));
        Assert.NotEqual(TimeSpan.Zero, await buckets.TakeAsync("n", 5, now.AddMilliseconds(200), CancellationToken.None));
    }

    [Theory]
    [InlineData("delivered,sent,read,delivered", "read")]
    [InlineData("sent,failed,delivered", "failed")]
    [InlineData("read,failed", "read")]
    [InlineData("delivered,played,read", "played")]
    [InlineData("queued,sent,undelivered,sent", "undelivered")]
    public void DeliveryStatus_MovesForwardOnly(string sequence, string final)
    {
        string? current = null;
        foreach (var next in sequence.Split(','))
        {
            current = DeliveryStatuses.Advance(current, next) ?? current;
        }

        Assert.Equal(final, current);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _meta.DisposeAsync();
    }
}
