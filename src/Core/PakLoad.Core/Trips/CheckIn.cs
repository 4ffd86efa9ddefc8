using PakLoad.Core.Common;
using PakLoad.Core.Places;

namespace PakLoad.Core.Trips;

/// <summary>The carrier or driver shares where the truck is, while it is on the road. Nobody is messaged.</summary>
public sealed record CheckInCommand(PartyId Actor, TripId TripId, double Latitude, double Longitude);

public sealed class CheckInHandler(IPakLoadDb db, TimeProvider clock)
{
    public async Task<Result<TripView>> HandleAsync(CheckInCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var found = await TripAccess.FindForAsync(db, command.TripId, command.Actor, TripTrigger.CheckIn, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var trip = found.Value;
        var checkedIn = trip.CheckIn(new GeoPoint(command.Latitude, command.Longitude), clock);
        if (!checkedIn.IsSuccess)
        {
            return checkedIn.Error;
        }

        return await TripAccess.SaveAsync(db, ct) is { } conflict ? conflict : TripView.Of(trip, command.Actor);
    }
}
