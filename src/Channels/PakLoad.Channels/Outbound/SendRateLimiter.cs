namespace PakLoad.Channels.Outbound;

/// <summary>
/// Where send-rate token buckets live: in this process (<see cref="InProcessTokenBuckets"/>), or in a store every
/// host instance shares (the host's Redis one), so that the limit holds for the deployment, not per process.
/// </summary>
public interface ITokenBuckets
{
    /// <summary>
    /// Takes one token from <paramref name="account"/>'s bucket (refilled at <paramref name="perSecond"/>, holding at
    /// most that many) at <paramref name="now"/>: zero when taken, else how long until one is due.
    /// </summary>
    ValueTask<TimeSpan> TakeAsync(string account, int perSecond, DateTimeOffset now, CancellationToken ct);
}

/// <summary>
/// A token bucket per provider account (Meta: per business phone number, 80 messages per second by default): at
/// most <see cref="PerSecond"/> sends in any second from one account, bursts up to the same amount.
/// </summary>
public sealed class SendRateLimiter(int perSecond, TimeProvider clock, ITokenBuckets? buckets = null)
{
    private readonly ITokenBuckets _buckets = buckets ?? new InProcessTokenBuckets();

    public int PerSecond => perSecond;

    public async ValueTask WaitAsync(string account, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        while (true)
        {
            var wait = await _buckets.TakeAsync(account, perSecond, clock.GetUtcNow(), ct);
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, clock, ct);
        }
    }
}

/// <summary>Buckets in this process's memory: the limit per process (the embedded default, or when the shared store fails).</summary>
public sealed class InProcessTokenBuckets : ITokenBuckets
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (double Tokens, DateTimeOffset At)> _buckets = new(StringComparer.Ordinal);

    public ValueTask<TimeSpan> TakeAsync(string account, int perSecond, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        lock (_gate)
        {
            var (tokens, at) = _buckets.TryGetValue(account, out var bucket) ? bucket : (perSecond, now);
            if (now > at)
            {
                tokens = Math.Min(perSecond, tokens + ((now - at).TotalSeconds * perSecond));
                at = now;
            }

            var wait = TimeSpan.Zero;
            if (tokens >= 1)
            {
                tokens -= 1;
            }
            else
            {
                wait = TimeSpan.FromSeconds((1 - tokens) / perSecond);
            }

            _buckets[account] = (tokens, at);
            return ValueTask.FromResult(wait);
        }
    }
}
