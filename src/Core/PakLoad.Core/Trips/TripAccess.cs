using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Escrow;
using PakLoad.Core.Places;

namespace PakLoad.Core.Trips;

/// <summary>
/// How the trip use cases find a trip for someone and save it. A trip exists only for its shipper, carrier
/// and assigned driver: anyone else gets "not found", whether or not the id is real, so ids cannot be probed.
/// </summary>
internal static class TripAccess
{
    public static readonly Error NotFound = Error.Of("errors.not_found");

    public static readonly Error Forbidden = Error.Of("errors.forbidden");

    public static readonly Error Conflict = Error.Of("errors.conflict");

    public static IQueryable<Trip> VisibleTo(this IQueryable<Trip> trips, PartyId party) =>
        trips.Where(t => t.ShipperId == party || t.CarrierId == party || t.DriverId == party);

    /// <summary>The trip, tracked, if <paramref name="actor"/> sees it and may pull <paramref name="trigger"/>.</summary>
    public static async Task<Result<Trip>> FindForAsync(IPakLoadDb db, TripId id, PartyId actor, TripTrigger trigger, CancellationToken ct)
    {
        var trip = await db.Trips.VisibleTo(actor).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (trip is null)
        {
            return NotFound;
        }

        return trip.MayFire(actor, trigger) ? trip : Forbidden;
    }

    /// <summary>
    /// Saves a trip step that may move money (advance at loading, refund on cancel, freeze on dispute, the dispute
    /// window at delivery): the escrow's facts, its ledger postings, the step's notifications and the trip in one
    /// transaction. On PostgreSQL a ledger posting is written at once, so a refused save or a failed money step must
    /// take it back with the rest. A conflict the database raises on the way (a deadlock) is errors.conflict like a
    /// lost save.
    /// </summary>
    public static async Task<Result<TripView>> SaveWithMoneyAsync(
        IPakLoadDb db, Gazetteer gazetteer, TimeProvider clock, Trip trip, TripStatus before, PartyId actor, CancellationToken ct)
    {
        try
        {
            return await db.InTransactionAsync<TripView>(async token =>
            {
                var money = await EscrowTrip.OnTripChangedAsync(db, gazetteer, clock, trip, before, actor, token);
                if (!money.IsSuccess)
                {
                    db.DiscardChanges();
                    return money.Error;
                }

                await TripNotifications.AddAsync(db, gazetteer, clock, trip, actor, token);
                return await SaveAsync(db, token) is { } conflict ? conflict : TripView.Of(trip, actor);
            }, ct);
        }
        catch (Exception exception) when (db.IsConflict(exception))
        {
            db.DiscardChanges();
            return Conflict;
        }
    }

    /// <summary>
    /// Saves, turning a lost race (the trip's version moved, or a dedupe key already exists) into
    /// errors.conflict. The caller learns nothing else from a lost race, in particular not whether a
    /// delivery code it guessed was right.
    /// </summary>
    public static async Task<Error?> SaveAsync(IPakLoadDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException exception) when (db.IsConflict(exception))
        {
            db.DiscardChanges();
            return Conflict;
        }
    }
}
