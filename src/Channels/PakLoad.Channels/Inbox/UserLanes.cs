using System.Threading.Channels;

namespace PakLoad.Channels.Inbox;

/// <summary>
/// The in-process queue in front of the inbox table: a fixed number of lanes, each a single reader, a user
/// always in the same lane. A signal says "this user has pending rows"; the lane drains that user's rows in
/// order, so turns for one user never overlap and never reorder, while other lanes run in parallel. Signals for
/// a user already waiting in its lane collapse into one. The table is the durable copy: after a restart the
/// host signals every user with pending rows.
/// </summary>
public sealed class UserLanes : IAsyncDisposable
{
    private readonly Channel<string>[] _lanes;
    private readonly HashSet<string>[] _queued;
    private readonly Func<string, CancellationToken, Task> _drain;
    private readonly Action<string, Exception>? _failed;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _readers;

    public UserLanes(int lanes, Func<string, CancellationToken, Task> drain, Action<string, Exception>? failed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        _drain = drain;
        _failed = failed;
        _lanes = Enumerable.Range(0, lanes).Select(_ => Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true })).ToArray();
        _queued = Enumerable.Range(0, lanes).Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
        _readers = Enumerable.Range(0, lanes).Select(i => Task.Run(() => ReadAsync(i))).ToArray();
    }

    public int LaneOf(string userKey) => (int)((uint)StringComparer.Ordinal.GetHashCode(userKey) % (uint)_lanes.Length);

    public void Signal(string userKey)
    {
        ArgumentNullException.ThrowIfNull(userKey);
        var lane = LaneOf(userKey);
        lock (_queued[lane])
        {
            if (!_queued[lane].Add(userKey))
            {
                return;
            }
        }

        _lanes[lane].Writer.TryWrite(userKey);
    }

    private async Task ReadAsync(int lane)
    {
        try
        {
            await foreach (var user in _lanes[lane].Reader.ReadAllAsync(_stop.Token))
            {
                lock (_queued[lane])
                {
                    // Removed before draining: a signal that arrives during the drain queues the user again.
                    _queued[lane].Remove(user);
                }

                try
                {
                    await _drain(user, _stop.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
                {
                    _failed?.Invoke(user, ex);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        await Task.WhenAll(_readers);
        _stop.Dispose();
    }
}

/// <summary>Exponential backoff with jitter: 200 ms, 800 ms, 3.2 s, … capped.</summary>
public static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan? cap = null)
    {
        var ms = 200 * Math.Pow(4, Math.Max(0, attempt - 1));
        var max = (cap ?? TimeSpan.FromSeconds(30)).TotalMilliseconds;
        var jitter = 0.75 + (Random.Shared.NextDouble() * 0.5);
        return TimeSpan.FromMilliseconds(Math.Min(ms, max) * jitter);
    }
}
