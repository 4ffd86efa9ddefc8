using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Trips;

namespace PakLoad.Core.Ratings;

/// <summary>After a completed trip, the shipper rates the carrier and the carrier the shipper, once each.</summary>
public sealed record RatePartyCommand(PartyId Actor, TripId TripId, int Stars, string? Comment);

public sealed class RatePartyHandler(IPakLoadDb db, TimeProvider clock)
{
    private static readonly Error NotAllowed = Error.Of("errors.rating.not_allowed");

    public async Task<Result<Rating>> HandleAsync(RatePartyCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var actor = command.Actor;

        // An unknown trip and someone else's trip read the same (not found), like every other id in the API.
        var trip = await db.Trips.AsNoTracking()
            .Where(t => t.Id == command.TripId && (t.ShipperId == actor || t.CarrierId == actor || t.DriverId == actor))
            .Select(t => new { t.BookingId, t.ShipperId, t.CarrierId, t.Status })
            .SingleOrDefaultAsync(ct);
        if (trip is null)
        {
            return Error.Of("errors.not_found");
        }

        // The deal's two sides rate each other; the driver sees the trip but was not a side of the deal.
        if (trip.Status != TripStatus.Completed || (actor != trip.ShipperId && actor != trip.CarrierId))
        {
            return NotAllowed;
        }

        var rated = actor == trip.ShipperId ? trip.CarrierId : trip.ShipperId;
        var rating = Rating.Give(trip.BookingId, actor, rated, command.Stars, command.Comment, clock);
        if (!rating.IsSuccess)
        {
            return rating.Error;
        }

        db.Ratings.Add(rating.Value);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException exception) when (db.IsConflict(exception))
        {
            // The unique index on (booking, rater) decides, not a check before the insert: two taps race.
            db.DiscardChanges();
            return Error.Of("errors.rating.duplicate");
        }

        return rating.Value;
    }
}
