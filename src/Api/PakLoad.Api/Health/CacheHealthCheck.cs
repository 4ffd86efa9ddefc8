using Microsoft.Extensions.Diagnostics.HealthChecks;
using PakLoad.Api.Hosting;
using StackExchange.Redis;

namespace PakLoad.Api.Health;

/// <summary>Redis when configured (a PING round trip), otherwise the in-process cache, which is always there.</summary>
internal sealed class CacheHealthCheck(PakLoadSettings settings, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!settings.UsesRedis)
        {
            return HealthCheckResult.Healthy("in-process", new Dictionary<string, object> { ["provider"] = "memory" });
        }

        var data = new Dictionary<string, object> { ["provider"] = "redis" };
        try
        {
            var redis = services.GetRequiredService<IConnectionMultiplexer>();
            var latency = await redis.GetDatabase().PingAsync();
            data["pingMs"] = Math.Round(latency.TotalMilliseconds, 2);
            return HealthCheckResult.Healthy("redis: PING answered", data);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("redis: no answer", ex, data);
        }
    }
}
