using PakLoad.Core.Common;
using PakLoad.Core.Places;

namespace PakLoad.Core.Trips;

/// <summary>The trip steps that carry no data. Position, delivery and driver have their own use cases.</summary>
public enum TripMilestone
{
    ArriveAtPickup,
    Load,
    Depart,
    Arrive,
    Complete,
    Cancel,
    Dispute,
}

/// <summary>
/// Someone on the trip reports a step: the carrier or driver the road (pickup, loaded, departed, arrived),
/// the shipper the end (complete), either side of the deal a cancellation before loading or a dispute.
/// </summary>
public sealed record AdvanceTripCommand(PartyId Actor, TripId TripId, TripMilestone Milestone);

public sealed class AdvanceTripHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer)
{
    public static TripTrigger TriggerOf(TripMilestone milestone) => milestone switch
    {
        TripMilestone.ArriveAtPickup => TripTrigger.ArriveAtPickup,
        TripMilestone.Load => TripTrigger.Load,
        TripMilestone.Depart => TripTrigger.Depart,
        TripMilestone.Arrive => TripTrigger.Arrive,
        TripMilestone.Complete => TripTrigger.Complete,
        TripMilestone.Cancel => TripTrigger.Cancel,
        TripMilestone.Dispute => TripTrigger.Dispute,
    };

    public async Task<Result<TripView>> HandleAsync(AdvanceTripCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var trigger = TriggerOf(command.Milestone);
        var found = await TripAccess.FindForAsync(db, command.TripId, command.Actor, trigger, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var trip = found.Value;
        var before = trip.Status;
        var fired = trip.Fire(trigger, clock);
        if (!fired.IsSuccess)
        {
            return fired.Error;
        }

        // The money follows the trip in the same transaction: advance at loading, refund on cancel, freeze on dispute.
        return await TripAccess.SaveWithMoneyAsync(db, gazetteer, clock, trip, before, command.Actor, ct);
    }
}
