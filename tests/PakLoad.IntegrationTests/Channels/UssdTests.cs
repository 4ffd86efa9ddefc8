using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Channels;

/// <summary>USSD end to end on PostgreSQL + Redis: Africa's Talking and Hubtel-style hops through the real engine.</summary>
public sealed class UssdTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly ApiFactory _api = new();
    private HttpClient _client = null!;
    private bool _disposed;

    public async Task InitializeAsync()
    {
        await _api.InitializeAsync();
        _client = _api.CreateClient();
    }

    private async Task<string> AtAsync(string session, string phone, string text)
    {
        using var response = await _client.PostAsync("/webhooks/ussd/at", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["sessionId"] = session, ["serviceCode"] = "*384*123#", ["phoneNumber"] = phone, ["networkCode"] = "41001", ["text"] = text,
        }));
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task AfricasTalking_ANewUserIsOnboarded_ScreensAreConWithinTheBudget()
    {
        var first = await AtAsync("ATUid_a", "+923001250001", string.Empty);
        var second = await AtAsync("ATUid_a", "+923001250001", "2");

        Assert.StartsWith("CON ", first, StringComparison.Ordinal);
        Assert.StartsWith("CON ", second, StringComparison.Ordinal);
        Assert.All(new[] { first, second }, s => Assert.InRange(s.Length - 4, 1, 160));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task AfricasTalking_ARepeatedHopGetsTheSameScreen_AndRunsOneTurn()
    {
        await AtAsync("ATUid_b", "+923001250002", string.Empty);
        var once = await AtAsync("ATUid_b", "+923001250002", "2");
        var again = await AtAsync("ATUid_b", "+923001250002", "2");

        Assert.Equal(once, again);
        await using var db = _api.CreateDbContext();
        Assert.Equal(2, await db.Transcripts.CountAsync(t => t.ConversationKey == "ussd:+923001250002"));
    }

    [Fact]
    public async Task AfricasTalking_GarbageIsEnd_NeverA4xx()
    {
        using var response = await _client.PostAsync("/webhooks/ussd/at", new FormUrlEncodedContent(new Dictionary<string, string> { ["text"] = "1" }));

        Assert.True(response.IsSuccessStatusCode);
        Assert.StartsWith("END ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hubtel_InitiationThenResponse_AreJsonScreens()
    {
        using var start = await _client.PostAsJsonAsync("/webhooks/ussd/hubtel", new { Mobile = "+923001250003", SessionId = "h1", ServiceCode = "713", Type = "Initiation", Message = "*713#", Operator = "Jazz", Sequence = 1 });
        var screen = await start.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("Response", screen.GetProperty("Type").GetString());
        Assert.InRange(screen.GetProperty("Message").GetString()!.Length, 1, 160);
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
    }
}
