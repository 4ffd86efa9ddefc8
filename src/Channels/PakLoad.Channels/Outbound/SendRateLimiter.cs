namespace PakLoad.Channels.Outbound;

/// <summary>
/// A token bucket shared by every send on one provider account: at most <c>perSecond</c> sends in any second
/// (Meta's default is 80 messages per second per business number), bursts up to the same amount.
/// </summary>
public sealed class SendRateLimiter(int perSecond, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private double _tokens = perSecond;
    private long _last = clock.GetTimestamp();

    public int PerSecond => perSecond;

    public async ValueTask WaitAsync(CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = clock.GetTimestamp();
                _tokens = Math.Min(perSecond, _tokens + (clock.GetElapsedTime(_last, now).TotalSeconds * perSecond));
                _last = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return;
                }

                wait = TimeSpan.FromSeconds((1 - _tokens) / perSecond);
            }

            await Task.Delay(wait, clock, ct);
        }
    }
}
