using System.Threading.Channels;
using PakLoad.Core.Common;

namespace PakLoad.Core.Matching;

/// <summary>Work the matching worker does after a commit: tell the best carriers about a load, or a carrier about loads.</summary>
public abstract record FanOutRequest
{
    public sealed record ForLoad(LoadId LoadId) : FanOutRequest;

    public sealed record ForTruck(CapacityPostId PostId) : FanOutRequest;
}

/// <summary>
/// Where committed changes arrive in process (from the save interceptor in PakLoad.Core.Data): they go straight
/// into the <see cref="MarketIndex"/>, and new or changed loads and new empty trucks are queued for fan-out.
/// Changes made by other instances reach this one through the catch-up read instead (and are not fanned out
/// here: the instance that committed them does it).
/// </summary>
public sealed class MarketFeed(MarketIndex index)
{
    private readonly Channel<FanOutRequest> _fanOut = System.Threading.Channels.Channel.CreateBounded<FanOutRequest>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public MarketIndex Index => index;

    /// <summary>Fan-out work, read by one worker per instance. Dropped work is harmless: fan-out is a courtesy, never a duty.</summary>
    public ChannelReader<FanOutRequest> FanOutRequests => _fanOut.Reader;

    public void Committed(MarketChanges changes, IEnumerable<FanOutRequest> fanOut)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(fanOut);
        if (!changes.IsEmpty)
        {
            index.Apply(changes);
        }

        foreach (var request in fanOut)
        {
            _fanOut.Writer.TryWrite(request);
        }
    }
}
