using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PakLoad.Api.Channels;
using PakLoad.Channels.Outbound;
using PakLoad.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace PakLoad.IntegrationTests.Channels;

/// <summary>
/// Meta's send limit (80 per second per business number by default) holds for the deployment, not per process: two
/// host instances (two Redis connections) take from one bucket per number in real Redis. Time is passed in, so the
/// test counts tokens at fixed instants instead of timing anything.
/// </summary>
public sealed class SendRateTests
{
    [Fact]
    public async Task TwoInstances_ShareOneBucketPerNumber_ABurstOfTheLimit_ThenTheRefill()
    {
        var redis = await TestServers.RedisAsync();
        await using var first = await ConnectionMultiplexer.ConnectAsync(redis);
        await using var second = await ConnectionMultiplexer.ConnectAsync(redis);
        var instances = new[] { first, second }.Select(r => new RedisTokenBuckets(r, NullLogger<RedisTokenBuckets>.Instance)).ToArray();
        var number = $"1065403{Random.Shared.Next(10_000_000):D8}";
        var now = DateTimeOffset.UtcNow;

        // 100 concurrent takes at one instant, spread over both instances: exactly the limit goes through.
        var takes = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => instances[i % 2].TakeAsync(number, 80, now, CancellationToken.None).AsTask()));
        Assert.Equal(80, takes.Count(w => w == TimeSpan.Zero));
        Assert.All(takes.Where(w => w > TimeSpan.Zero), w => Assert.InRange(w.TotalMilliseconds, 1, 13)); // one token is 12.5 ms away

        // Half a second later: 40 more, whichever instance asks; another business number has its own 80.
        var later = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => instances[i % 2].TakeAsync(number, 80, now.AddMilliseconds(500), CancellationToken.None).AsTask()));
        Assert.Equal(40, later.Count(w => w == TimeSpan.Zero));
        var other = await Task.WhenAll(Enumerable.Range(0, 80).Select(i => instances[i % 2].TakeAsync(number + "9", 80, now, CancellationToken.None).AsTask()));
        Assert.All(other, w => Assert.Equal(TimeSpan.Zero, w));

        // A host whose clock is behind refills nothing (and takes nothing that is not there).
        Assert.NotEqual(TimeSpan.Zero, await instances[0].TakeAsync(number, 80, now, CancellationToken.None));
        Assert.True(await first.GetDatabase().KeyExistsAsync(RedisTokenBuckets.Key(number)));
    }

    [Fact]
    public async Task TheHost_WithRedis_LimitsWhatsAppSendsThroughTheSharedBuckets()
    {
        await using var api = new ApiFactory();
        await api.InitializeAsync();

        Assert.IsType<RedisTokenBuckets>(api.Services.GetRequiredService<ITokenBuckets>());
    }
}
