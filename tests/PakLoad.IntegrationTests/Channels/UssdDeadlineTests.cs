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
    public async Task OverrunHop_IsEnd_AndTheAnswerGoesOutBySms()
    {
        using var client = _api.CreateClient();
        using var response = await client.PostAsync("/webhooks/ussd/at", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["sessionId"] = "ATUid_slow", ["serviceCode"] = "*384*123#", ["phoneNumber"] = "+923001260001", ["text"] = string.Empty,
        }));

        Assert.StartsWith("END ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
