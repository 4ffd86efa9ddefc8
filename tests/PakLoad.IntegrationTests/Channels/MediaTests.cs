using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PakLoad.Channels.Tests.Fakes;
using PakLoad.Core.Data;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Channels;

/// <summary>
/// Voice notes and photos are fetched and stored at once (checklist §5 item 17): the media id is resolved to its URL,
/// the URL downloaded with the Bearer token, size and SHA-256 checked, the bytes kept in <c>channel_media</c> with the
/// wamid and phone; the user is asked to type or tap. Bodies as Meta's docs show them.
/// </summary>
public sealed class MediaTests : IAsyncLifetime, IAsyncDisposable
{
    // Fresh per run: the engine remembers handled message ids (and sessions) in the shared Redis.
    private static readonly string Phone1 = $"+9230012{Random.Shared.Next(100_000):D5}";
    private static readonly string Phone2 = $"+9230013{Random.Shared.Next(100_000):D5}";
    private static readonly string Voice = $"wamid.voice.{Guid.NewGuid():N}";
    private static readonly string Photo = $"wamid.photo.{Guid.NewGuid():N}";
    private readonly ApiFactory _api = new();
    private readonly FakeHttpServer _graph = new();
    private HttpClient _client = null!;
    private bool _disposed;

    public async Task InitializeAsync()
    {
        _api.Settings["PakLoad:WhatsApp:AppSecret"] = MetaWebhook.AppSecret;
        _api.Settings["PakLoad:WhatsApp:VerifyToken"] = MetaWebhook.VerifyToken;
        _api.Settings["PakLoad:WhatsApp:AccessToken"] = "graph-test-token";
        _api.Settings["PakLoad:WhatsApp:GraphBaseUrl"] = _graph.BaseUrl.ToString();
        _api.Settings["PakLoad:WhatsApp:MaxMediaBytes"] = "100000";
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

    private static string Inbound(string from, string wamid, string type, string media) => $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
          "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{MetaWebhook.PhoneNumberId}}}"},
          "contacts":[{"profile":{"name":"Driver"},"wa_id":"{{{from}}}"}],
          "messages":[{"from":"{{{from}}}","id":"{{{wamid}}}","timestamp":"1749416383","type":"{{{type}}}","{{{type}}}":{{{media}}}}]}}]}]}
        """;

    private static string MediaUrl(Uri url, string mime, string sha, long size, string id) =>
        $$"""{"messaging_product":"whatsapp","url":"{{url}}","mime_type":"{{mime}}","sha256":"{{sha}}","file_size":{{size}},"id":"{{id}}"}""";

    private async Task<MediaRecord> WaitForMediaAsync(string wamid)
    {
        for (var i = 0; i < 200; i++)
        {
            await using var db = _api.CreateDbContext();
            if (await db.ChannelMedia.AsNoTracking().SingleOrDefaultAsync(m => m.MessageId == wamid) is { } row)
            {
                return row;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The media was never stored.");
    }

    private async Task<string> WaitForReplyAsync(string phone)
    {
        for (var i = 0; i < 200; i++)
        {
            await using var db = _api.CreateDbContext();
            var payloads = await db.ChannelOutbound.AsNoTracking().Where(o => o.Recipient == phone).Select(o => o.Payload).ToListAsync();
            if (payloads.Count > 0)
            {
                return string.Join('\n', payloads);
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No reply.");
    }

    [Fact]
    public async Task VoiceNote_IsDownloadedWithTheBearerAndStored_AndTheUserIsAskedToTypeOrTap()
    {
        var voice = Encoding.ASCII.GetBytes("OggS\0\u0002 fake opus voice note from a driver");
        var sha = Convert.ToHexStringLower(SHA256.HashData(voice));
        var cdn = new Uri(_graph.BaseUrl, "whatsapp_business/attachments/?mid=1003383421387256&ext=1749416383&hash=ATuN");
        _graph.On("/v25.0/1003383421387256", new FakeResponse(200, MediaUrl(cdn, "audio/ogg", sha, voice.Length, "1003383421387256")));
        _graph.On("/whatsapp_business/attachments/", new FakeResponse(200, string.Empty, ContentType: "audio/ogg", Bytes: voice));

        using var response = await _client.SendAsync(MetaWebhook.Post(Inbound(Phone1[1..], Voice, "audio",
            $$"""{"mime_type":"audio/ogg; codecs=opus","sha256":"{{sha}}","id":"1003383421387256","voice":true}""")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var media = await WaitForMediaAsync(Voice);
        Assert.Equal(("whatsapp", Phone1, "1003383421387256", "voice", "audio/ogg"), (media.Provider, media.Phone, media.MediaId, media.Kind, media.MimeType));
        Assert.Equal((sha, (long?)voice.Length, (string?)null), (media.Sha256, media.SizeBytes, media.Error));
        Assert.Equal(voice, media.Content);
        Assert.NotNull(media.StoredAt);
        var fetches = _graph.Requests.Where(r => r.Method == "GET").ToList();
        Assert.Equal(2, fetches.Count);
        Assert.All(fetches, r => Assert.Equal("Bearer graph-test-token", r.Authorization));
        var reply = await WaitForReplyAsync(Phone1);
        Assert.Contains(new[] { "Please type or tap a button.", "Likhein ya button dabayein.", "لکھیں یا بٹن دبائیں۔" }, reply.Contains);
    }

    [Fact]
    public async Task PhotoOverTheSizeLimit_IsNotDownloaded_TheRowKeepsTheError()
    {
        var cdn = new Uri(_graph.BaseUrl, "whatsapp_business/attachments/?mid=2003383421387256");
        _graph.On("/v25.0/2003383421387256", new FakeResponse(200, MediaUrl(cdn, "image/jpeg", new string('a', 64), 4_000_000, "2003383421387256")));

        using var response = await _client.SendAsync(MetaWebhook.Post(Inbound(Phone2[1..], Photo, "image",
            """{"caption":"bilty","mime_type":"image/jpeg","sha256":"aaaa","id":"2003383421387256"}""")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var media = await WaitForMediaAsync(Photo);
        Assert.Equal(("image", (byte[]?)null, (string?)null), (media.Kind, media.Content, media.Sha256));
        Assert.Contains("limit", media.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_graph.Requests, r => r.Path.StartsWith("/whatsapp_business/", StringComparison.Ordinal));
        var reply = await WaitForReplyAsync(Phone2);
        Assert.Contains(new[] { "Please type or tap a button.", "Likhein ya button dabayein.", "لکھیں یا بٹن دبائیں۔" }, reply.Contains);
    }
}
