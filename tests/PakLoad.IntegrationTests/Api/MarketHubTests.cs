using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Api;

/// <summary>The SignalR hub (with the Redis backplane on) delivers market events to the right people.</summary>
public sealed class MarketHubTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Hub_LoadPostedBidPlacedAndBooked_ReachesWatchersAndBothSides()
    {
        var shipper = await api.SignInAsync(Scenario.NextPhone(), "Shipper");
        var carrier = await api.SignInAsync(Scenario.NextPhone(), "Carrier");
        var shipperEvents = new ConcurrentQueue<(string Name, JsonElement Payload)>();
        var carrierEvents = new ConcurrentQueue<(string Name, JsonElement Payload)>();
        await using var shipperHub = await ConnectAsync(shipper, shipperEvents);
        await using var carrierHub = await ConnectAsync(carrier, carrierEvents);
        Assert.True(await carrierHub.InvokeAsync<bool>("WatchCity", "کراچی"));
        Assert.False(await carrierHub.InvokeAsync<bool>("WatchCity", "Atlantis"));

        var load = await shipper.Client.PostJsonAsync("/api/v1/loads", Scenario.LoadBody());
        var bid = await carrier.Client.PostJsonAsync($"/api/v1/loads/{load.Id()}/bids", new { amount = 310_000 });
        await shipper.Client.PostJsonAsync($"/api/v1/bids/{bid.Id()}/accept", new { });

        await WaitForAsync(() => carrierEvents.Any(e => e.Name == "bookingConfirmed") && shipperEvents.Any(e => e.Name == "bookingConfirmed"));
        Assert.Contains(carrierEvents, e => e.Name == "loadPosted" && e.Payload.GetProperty("id").GetGuid() == load.Id());
        Assert.Contains(shipperEvents, e => e.Name == "bidReceived" && e.Payload.GetProperty("id").GetGuid() == bid.Id());
        Assert.DoesNotContain(carrierEvents, e => e.Name == "bidReceived");
    }

    [Fact]
    public async Task Hub_WithoutToken_IsRefused()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(api.Server.BaseAddress, "/hubs/market"), o =>
            {
                o.HttpMessageHandlerFactory = _ => api.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());

        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    private async Task<HubConnection> ConnectAsync(SignedInClient party, ConcurrentQueue<(string, JsonElement)> events)
    {
        var token = party.Client.DefaultRequestHeaders.Authorization!.Parameter;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(api.Server.BaseAddress, "/hubs/market"), o =>
            {
                o.HttpMessageHandlerFactory = _ => api.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.AccessTokenProvider = () => Task.FromResult(token);
            })
            .Build();
        foreach (var name in new[] { "loadPosted", "bidReceived", "bookingConfirmed", "statusChanged", "locationUpdated" })
        {
            connection.On<JsonElement>(name, payload => events.Enqueue((name, payload)));
        }

        await connection.StartAsync();
        return connection;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), "the expected hub events did not arrive within 10 s");
    }
}
