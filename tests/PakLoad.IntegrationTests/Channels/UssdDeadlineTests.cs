using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Data;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Channels;

/// <summary>A hop that cannot finish within the deadline ends the session, and its answer follows by SMS.</summary>
public sealed class UssdDeadlineTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly ApiFactory _api = new();
    private bool _disposed;

    public async Task InitializeAsync()
    {
        _api.Settings["PakLoad:Ussd:TurnBudget"] = "00:00:00";
        await _api.InitializeAsync();
    }

    [Fact]
    public async Task OverrunHop_IsEnd_AndTheAnswerGoesOutBySms_ARetriedHopGetsTheSameEndOnce()
    {
        using var client = _api.CreateClient();
        async Task<string> DialAsync()
        {
            using var response = await client.PostAsync("/webhooks/ussd/at", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["sessionId"] = "ATUid_slow", ["serviceCode"] = "*384*123#", ["phoneNumber"] = "+923001260001", ["text"] = string.Empty,
            }));
            return await response.Content.ReadAsStringAsync();
        }

        var screen = await DialAsync();
        var retried = await DialAsync();

        Assert.StartsWith("END ", screen, StringComparison.Ordinal);
        Assert.Equal(screen, retried);
        OutboundRecord? sms = null;
        for (var i = 0; i < 100 && sms is null; i++)
        {
            await Task.Delay(100);
            await using var db = _api.CreateDbContext();
            sms = await db.ChannelOutbound.AsNoTracking().FirstOrDefaultAsync(o => o.Channel == "sms" && o.Recipient == "+923001260001" && o.Status == OutboundStatus.Sent);
        }

        Assert.NotNull(sms);
        Assert.StartsWith("ussd-followup:", sms.DedupeKey, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(sms.Payload));

        // The gateway's retry of the ended session's hop was answered from the session's entry: no second turn, no second SMS.
        await using var check = _api.CreateDbContext();
        Assert.Equal(1, await check.Transcripts.CountAsync(t => t.ConversationKey == "ussd:+923001260001"));
        Assert.Equal(1, await check.ChannelOutbound.CountAsync(o => o.Recipient == "+923001260001" && o.DedupeKey.StartsWith("ussd-followup:")));
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _api.DisposeAsync();
    }
}
