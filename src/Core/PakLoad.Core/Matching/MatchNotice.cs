using PakLoad.Core.Common;

namespace PakLoad.Core.Matching;

public enum MatchNoticeStatus
{
    /// <summary>Found in quiet hours: waits for morning (and is dropped if the load is gone by then).</summary>
    Held,

    /// <summary>An outbox message was written in the same transaction.</summary>
    Sent,

    /// <summary>Held, but the load was booked, cancelled or lapsed before quiet hours ended.</summary>
    Dropped,
}

/// <summary>
/// "This carrier has been told about this load": one row per (load, carrier), unique in the database, so posting,
/// editing, re-indexing or two instances racing never tell anyone about the same load twice.
/// </summary>
public sealed class MatchNotice
{
    private MatchNotice()
    {
    }

    public MatchNoticeId Id { get; private set; }

    public LoadId LoadId { get; private set; }

    public PartyId CarrierId { get; private set; }

    /// <summary>The empty-truck post that matched, when one did.</summary>
    public CapacityPostId? PostId { get; private set; }

    public double Score { get; private set; }

    public MatchNoticeStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public static MatchNotice Create(LoadId load, PartyId carrier, CapacityPostId? post, double score, bool hold, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        return new MatchNotice
        {
            Id = MatchNoticeId.New(clock),
            LoadId = load,
            CarrierId = carrier,
            PostId = post,
            Score = score,
            Status = hold ? MatchNoticeStatus.Held : MatchNoticeStatus.Sent,
            CreatedAt = now,
            SentAt = hold ? null : now,
        };
    }

    public void MarkSent(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Status = MatchNoticeStatus.Sent;
        SentAt = clock.GetUtcNow();
    }

    public void Drop() => Status = MatchNoticeStatus.Dropped;
}
