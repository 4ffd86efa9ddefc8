using System.Text;
using System.Text.Json.Nodes;
using PakLoad.Channels.Tests.Fakes;
using PakLoad.Channels.WhatsApp;

namespace PakLoad.Channels.Tests.WhatsApp;

/// <summary>Checklist §5 item 18: outbound voice notes are OGG/Opus ≤ 512 KB, uploaded as audio/ogg, sent as audio.id with voice: true.</summary>
public sealed class VoiceNoteTests : IAsyncDisposable
{
    private readonly FakeHttpServer _meta = new();
    private readonly HttpClient _http = new();

    /// <summary>A minimal Ogg page whose first packet is an Opus identification header, padded to <paramref name="size"/>.</summary>
    private static byte[] OggOpus(int size)
    {
        var page = new List<byte>();
        page.AddRange("OggS"u8.ToArray());
        page.AddRange(new byte[22]);
        page.Add(1);
        page.Add(19);
        page.AddRange("OpusHead"u8.ToArray());
        page.AddRange(new byte[] { 1, 1, 56, 1, 128, 187, 0, 0, 0, 0, 0 });
        page.AddRange(new byte[Math.Max(0, size - page.Count)]);
        return [.. page];
    }

    [Fact]
    public void VoiceNote_SerialisesAsAudioIdWithVoiceTrue()
    {
        var json = new WhatsAppVoiceNote("1166846181421424").ToGraph("+923001234567");

        Assert.Equal("audio", (string?)json["type"]);
        Assert.Equal("1166846181421424", (string?)json["audio"]!["id"]);
        Assert.True((bool)json["audio"]!["voice"]!);
    }

    [Fact]
    public void Validate_AcceptsOggOpusUpTo512KB_RefusesLargerOrOtherFormats()
    {
        Assert.True(WhatsAppVoiceNote.Validate(OggOpus(4_000)));
        Assert.True(WhatsAppVoiceNote.Validate(OggOpus(512 * 1024)));
        Assert.False(WhatsAppVoiceNote.Validate(OggOpus((512 * 1024) + 1)));
        Assert.False(WhatsAppVoiceNote.Validate(Encoding.ASCII.GetBytes("ID3\u0003 an mp3 file, not a voice note at all")));
        var vorbis = OggOpus(4_000);
        "\u0001vorbis\0"u8.CopyTo(vorbis.AsSpan(28));
        Assert.False(WhatsAppVoiceNote.Validate(vorbis));
    }

    [Fact]
    public async Task Upload_SendsAudioOgg_AndRefusesAnInvalidFileBeforeAnyHttpCall()
    {
        _meta.Then(new FakeResponse(200, """{"id":"1166846181421424"}"""));
        var client = new GraphClient(_http, new WhatsAppOptions { GraphBaseUrl = _meta.BaseUrl, AccessToken = "test-token" });

        var (refusedId, refused) = await client.UploadVoiceNoteAsync("1", OggOpus(600 * 1024), CancellationToken.None);
        Assert.Empty(_meta.Requests);
        var (id, error) = await client.UploadVoiceNoteAsync("1", OggOpus(4_000), CancellationToken.None);

        Assert.Null(refusedId);
        Assert.Equal(131053, refused!.Code);
        Assert.Null(error);
        Assert.Equal("1166846181421424", id);
        var request = Assert.Single(_meta.Requests);
        Assert.Equal("/v25.0/1/media", request.Path);
        Assert.Contains("audio/ogg", request.Body, StringComparison.Ordinal);
        Assert.Equal("1166846181421424", (string?)JsonNode.Parse(new WhatsAppVoiceNote(id!).ToGraph("x").ToJsonString())!["audio"]!["id"]);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _meta.DisposeAsync();
    }
}
