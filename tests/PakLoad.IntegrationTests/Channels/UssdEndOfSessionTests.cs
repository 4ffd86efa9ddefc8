using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Channels;

/// <summary>
/// Checklist §5 item 36 on PostgreSQL + Redis: Africa's Talking's end-of-session notification is stored once per
/// session, counted on the "PakLoad.Channels" meter by status, and drops the session's state at once.
/// </summary>
public sealed class UssdEndOfSessionTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly ApiFactory _api = new();
    private HttpClient _client = null!;
    private bool _disposed;

    public async Task InitializeAsync()
    {
        await _api.InitializeAsync();
        _client = _api.CreateClient();
    }

    [Fact]
    public async Task EndReports_AreStoredOnceEach_CountedByStatus_AndTheSessionStateIsDropped()
    {
        using var collector = new MetricCollector<long>(_api.Services.GetRequiredService<IMeterFactory>(), "PakLoad.Channels", "pakload.ussd.sessions.ended");
        var dropped = $"ATUid_drop_{Guid.NewGuid():N}";
        var failed = $"ATUid_fail_{Guid.NewGuid():N}";
        var done = $"ATUid_done_{Guid.NewGuid():N}";
        var firstScreen = await DialAsync(dropped, string.Empty);
        var cache = _api.Services.GetRequiredService<IDistributedCache>();
        Assert.NotNull(await cache.GetStringAsync($"pakload:ussd:session:at:{dropped}"));

        Assert.Equal(HttpStatusCode.OK, await EndAsync(dropped, "Incomplete", null));
        Assert.Equal(HttpStatusCode.OK, await EndAsync(dropped, "Incomplete", null)); // the gateway re-sends it
        Assert.Equal(HttpStatusCode.OK, await EndAsync(failed, "Failed", "Response timeout"));
        Assert.Equal(HttpStatusCode.OK, await EndAsync(done, "Success", null));
        Assert.Equal(HttpStatusCode.OK, await EndAsync($"ATUid_odd_{Guid.NewGuid():N}", "Exploded", null));

        Assert.Null(await cache.GetStringAsync($"pakload:ussd:session:at:{dropped}"));
        await using var db = _api.CreateDbContext();
        var rows = await db.UssdSessionEnds.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["Incomplete", "Failed", "Success", "Unknown"], rows.Select(r => r.Status));
        var incomplete = rows[0];
        Assert.Equal((dropped, "+923001270001", "*384*123#", "41001", "KES 0.0100", 31_500L, 3), (incomplete.SessionId, incomplete.Phone, incomplete.ServiceCode, incomplete.NetworkCode, incomplete.Cost, incomplete.DurationMs, incomplete.Hops));
        Assert.Null(incomplete.ErrorMessage);
        Assert.Equal("Response timeout", rows[1].ErrorMessage);

        var counted = collector.GetMeasurementSnapshot();
        Assert.Equal(4, counted.Count);
        Assert.Equal(1, counted.Count(m => m.MatchesTags(new KeyValuePair<string, object?>("status", "Incomplete"), new KeyValuePair<string, object?>("gateway", "at"))));
        Assert.Equal(1, counted.Count(m => m.ContainsTags("status") && Equals(m.Tags["status"], "Failed")));
        Assert.All(counted, m => Assert.Equal(1, m.Value));

        // The dropped session's draft is the conversation's, not the session's: the next dial still answers.
        var again = await DialAsync($"ATUid_next_{Guid.NewGuid():N}", string.Empty);
        Assert.StartsWith("CON ", again, StringComparison.Ordinal);
        Assert.StartsWith("CON ", firstScreen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndReport_WithoutASessionId_Is400_AndNothingIsStored()
    {
        using var collector = new MetricCollector<long>(_api.Services.GetRequiredService<IMeterFactory>(), "PakLoad.Channels", "pakload.ussd.sessions.ended");
        using var empty = await _client.PostAsync("/webhooks/ussd/at/end", new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "Incomplete" }));
        using var notAForm = await _client.PostAsync("/webhooks/ussd/at/end", new StringContent("{\"sessionId\":\"x\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notAForm.StatusCode);
        await using var db = _api.CreateDbContext();
        Assert.Equal(0, await db.UssdSessionEnds.CountAsync());
        Assert.Empty(collector.GetMeasurementSnapshot());
    }

    private async Task<string> DialAsync(string session, string text)
    {
        using var response = await _client.PostAsync("/webhooks/ussd/at", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["sessionId"] = session, ["serviceCode"] = "*384*123#", ["phoneNumber"] = "+923001270001", ["networkCode"] = "41001", ["text"] = text,
        }));
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<HttpStatusCode> EndAsync(string session, string status, string? error)
    {
        var form = new Dictionary<string, string>
        {
            ["sessionId"] = session, ["serviceCode"] = "*384*123#", ["networkCode"] = "41001", ["phoneNumber"] = "+923001270001",
            ["status"] = status, ["cost"] = "KES 0.0100", ["durationInMillis"] = "31500", ["hopsCount"] = "3", ["input"] = "1*2*123456",
        };
        if (error is not null)
        {
            form["errorMessage"] = error;
        }

        using var response = await _client.PostAsync("/webhooks/ussd/at/end", new FormUrlEncodedContent(form));
        return response.StatusCode;
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
