using System.Globalization;
using PakLoad.Channels.Outbound;
using StackExchange.Redis;

namespace PakLoad.Api.Channels;

/// <summary>
/// Send-rate buckets in Redis, shared by every host instance, so Meta's per-number limit holds for the deployment
/// (three instances with a bucket each would send three times the limit). One Lua call per token: refill by elapsed
/// time, take one or say how long to wait, write back; Redis runs it atomically. Time comes from the caller's
/// clock (never backwards: a host whose clock is behind simply refills nothing). If Redis fails, the bucket in this
/// process is used until it answers again: sends slow to the per-process limit rather than stop.
/// </summary>
internal sealed partial class RedisTokenBuckets(IConnectionMultiplexer redis, ILogger<RedisTokenBuckets> logger) : ITokenBuckets
{
    private static readonly LuaScript Take = LuaScript.Prepare("""
        local rate = tonumber(@perSecond)
        local now = tonumber(@nowMs)
        local bucket = redis.call('HMGET', @key, 't', 'at')
        local tokens = tonumber(bucket[1])
        local at = tonumber(bucket[2])
        if tokens == nil or at == nil then tokens = rate; at = now end
        if now > at then
          tokens = math.min(rate, tokens + (now - at) * rate / 1000)
          at = now
        end
        local wait = 0
        if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) * 1000 / rate) end
        redis.call('HSET', @key, 't', tostring(tokens), 'at', tostring(at))
        redis.call('PEXPIRE', @key, 60000)
        return wait
        """);

    private readonly InProcessTokenBuckets _fallback = new();

    public static string Key(string account) => $"pakload:sendrate:{account}";

    public async ValueTask<TimeSpan> TakeAsync(string account, int perSecond, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        try
        {
            var waitMs = (long)await redis.GetDatabase().ScriptEvaluateAsync(Take, new
            {
                key = (RedisKey)Key(account),
                perSecond = perSecond.ToString(CultureInfo.InvariantCulture),
                nowMs = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            });
            return TimeSpan.FromMilliseconds(waitMs);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogFallback(logger, ex);
            return await _fallback.TakeAsync(account, perSecond, now, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Send-rate buckets: Redis failed; limiting per process until it answers")]
    private static partial void LogFallback(ILogger logger, Exception exception);
}
