using PakLoad.Core.Common;
using PakLoad.Core.Places;

namespace PakLoad.Core.Trips;

/// <summary>At the drop-off the carrier or driver types the code the consignee received by SMS: the proof of delivery.</summary>
public sealed record ConfirmDeliveryCommand(PartyId Actor, TripId TripId, string? Code);

public sealed class ConfirmDeliveryHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer)
{
    public async Task<Result<TripView>> HandleAsync(ConfirmDeliveryCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var found = await TripAccess.FindForAsync(db, command.TripId, command.Actor, TripTrigger.Deliver, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var trip = found.Value;
        var attempts = trip.DeliveryCodeAttempts;
        var delivered = trip.Deliver(command.Code, clock);
        if (!delivered.IsSuccess)
        {
            // A wrong code must cost its attempt even though the answer is a failure; otherwise the five-try
            // limit could be beaten by guessing forever. The version check makes parallel guesses lose as
            // conflicts (their codes unjudged) rather than slip past the count.
            if (trip.DeliveryCodeAttempts != attempts && await TripAccess.SaveAsync(db, ct) is { } lost)
            {
                return lost;
            }

            return delivered.Error;
        }

        // Proof of delivery starts the dispute window; the release job pays the balance when it ends.
        return await TripAccess.SaveWithMoneyAsync(db, gazetteer, clock, trip, TripStatus.Arrived, command.Actor, ct);
    }
}
