using System.Text;

namespace PakLoad.Core.Trips;

public enum TripStatus
{
    Booked,
    DriverAssigned,
    AtPickup,
    Loaded,
    InTransit,
    Arrived,
    Delivered,
    Completed,
    Cancelled,
    Disputed,
}

public enum TripTrigger
{
    AssignDriver,
    ArriveAtPickup,
    Load,
    Depart,
    CheckIn,
    Arrive,
    Deliver,
    Complete,
    Cancel,
    Dispute,
}

/// <summary>
/// The trip lifecycle as one table: the only transitions there are. Core may not reference Stateless (the
/// architecture's rule), so the table is plain data; the diagram in Trips/README.md is generated from it
/// (<see cref="ToMermaid"/>), so the code stays the source of truth.
/// </summary>
public static class TripLifecycle
{
    public static readonly IReadOnlyList<(TripStatus From, TripTrigger Trigger, TripStatus To)> Transitions =
    [
        (TripStatus.Booked, TripTrigger.AssignDriver, TripStatus.DriverAssigned),
        (TripStatus.DriverAssigned, TripTrigger.AssignDriver, TripStatus.DriverAssigned),
        (TripStatus.DriverAssigned, TripTrigger.ArriveAtPickup, TripStatus.AtPickup),
        (TripStatus.AtPickup, TripTrigger.Load, TripStatus.Loaded),
        (TripStatus.Loaded, TripTrigger.Depart, TripStatus.InTransit),
        (TripStatus.InTransit, TripTrigger.CheckIn, TripStatus.InTransit),
        (TripStatus.InTransit, TripTrigger.Arrive, TripStatus.Arrived),
        (TripStatus.Arrived, TripTrigger.Deliver, TripStatus.Delivered),
        (TripStatus.Delivered, TripTrigger.Complete, TripStatus.Completed),
        (TripStatus.Booked, TripTrigger.Cancel, TripStatus.Cancelled),
        (TripStatus.DriverAssigned, TripTrigger.Cancel, TripStatus.Cancelled),
        (TripStatus.AtPickup, TripTrigger.Cancel, TripStatus.Cancelled),
        (TripStatus.Loaded, TripTrigger.Dispute, TripStatus.Disputed),
        (TripStatus.InTransit, TripTrigger.Dispute, TripStatus.Disputed),
        (TripStatus.Arrived, TripTrigger.Dispute, TripStatus.Disputed),
        (TripStatus.Delivered, TripTrigger.Dispute, TripStatus.Disputed),
    ];

    public static TripStatus? Next(TripStatus from, TripTrigger trigger)
    {
        foreach (var (f, t, to) in Transitions)
        {
            if (f == from && t == trigger)
            {
                return to;
            }
        }

        return null;
    }

    public static IEnumerable<TripTrigger> Permitted(TripStatus from) =>
        Transitions.Where(t => t.From == from).Select(t => t.Trigger).Distinct();

    public static bool IsFinal(TripStatus status) => !Transitions.Any(t => t.From == status);

    /// <summary>A Mermaid state diagram of <see cref="Transitions"/>, for the feature README.</summary>
    public static string ToMermaid()
    {
        var builder = new StringBuilder("stateDiagram-v2\n");
        builder.Append("    [*] --> ").Append(TripStatus.Booked).Append('\n');
        foreach (var (from, trigger, to) in Transitions)
        {
            builder.Append("    ").Append(from).Append(" --> ").Append(to).Append(" : ").Append(trigger).Append('\n');
        }

        foreach (var final in Enum.GetValues<TripStatus>().Where(IsFinal))
        {
            builder.Append("    ").Append(final).Append(" --> [*]\n");
        }

        return builder.ToString();
    }
}
