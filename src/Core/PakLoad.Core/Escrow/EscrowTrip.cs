using PakLoad.Core.Common;
using PakLoad.Core.Places;
using PakLoad.Core.Trips;

namespace PakLoad.Core.Escrow;

/// <summary>
/// What a trip step means for the money: loading pays the advance, proof of delivery starts the dispute
/// window, the shipper's completion releases at once, a cancellation refunds by the policy, a dispute freezes.
/// Called by the trip use cases inside their transaction, before their one save, so the trip and its money move
/// together (on PostgreSQL the postings are written at once and the transaction's rollback takes them back).
/// </summary>
public static class EscrowTrip
{
    public static async Task<Result<PostOutcome>> OnTripChangedAsync(
        IPakLoadDb db, Gazetteer gazetteer, TimeProvider clock, Trip trip, TripStatus before, PartyId actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(trip);
        if (trip.Status is TripStatus.DriverAssigned or TripStatus.AtPickup or TripStatus.InTransit or TripStatus.Arrived or TripStatus.Booked)
        {
            return PostOutcome.AlreadyPosted;
        }

        var escrow = await EscrowSteps.FindOrOpenAsync(db, trip.BookingId, EscrowOptions.Default, clock, ct);
        if (escrow is null)
        {
            return PostOutcome.AlreadyPosted;
        }

        switch (trip.Status)
        {
            case TripStatus.Loaded:
                escrow.RecordLoaded(clock);
                break;
            case TripStatus.Delivered:
                escrow.RecordDelivered(clock);
                break;
            case TripStatus.Completed:
                escrow.RecordCompleted(clock);
                break;
            case TripStatus.Cancelled:
                escrow.RecordCancelled(actor == trip.CarrierId ? Canceller.Carrier : Canceller.Shipper, before == TripStatus.AtPickup, clock);
                break;
            case TripStatus.Disputed:
                escrow.RecordDisputed(clock);
                break;
            default:
                return PostOutcome.AlreadyPosted;
        }

        return await EscrowSteps.SettleAsync(db, gazetteer, escrow, clock, ct);
    }
}
