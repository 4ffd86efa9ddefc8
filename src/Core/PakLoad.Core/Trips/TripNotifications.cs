using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Notifications;
using PakLoad.Core.Places;

namespace PakLoad.Core.Trips;

/// <summary>
/// Tells the other people on a trip that it reached a new status: one outbox row per recipient, added to the
/// same unit of work as the change, so either both are saved or neither. Position check-ins notify nobody
/// (their callers do not come here).
/// </summary>
internal static class TripNotifications
{
    /// <summary>The message for reaching <paramref name="status"/>; null for Booked, which no transition reaches.</summary>
    public static string? KeyFor(TripStatus status) => status switch
    {
        TripStatus.Booked => null,
        TripStatus.DriverAssigned => "notifications.trip.driver_assigned",
        TripStatus.AtPickup => "notifications.trip.at_pickup",
        TripStatus.Loaded => "notifications.trip.loaded",
        TripStatus.InTransit => "notifications.trip.in_transit",
        TripStatus.Arrived => "notifications.trip.arrived",
        TripStatus.Delivered => "notifications.trip.delivered",
        TripStatus.Completed => "notifications.trip.completed",
        TripStatus.Cancelled => "notifications.trip.cancelled",
        TripStatus.Disputed => "notifications.trip.disputed",
    };

    /// <summary>Shipper, carrier and driver, each once, without the person who made the change.</summary>
    public static IReadOnlyList<PartyId> Recipients(Trip trip, PartyId actor)
    {
        ArgumentNullException.ThrowIfNull(trip);
        PartyId[] everyone = trip.DriverId is { } driver ? [trip.ShipperId, trip.CarrierId, driver] : [trip.ShipperId, trip.CarrierId];
        return everyone.Where(p => p != actor).Distinct().ToArray();
    }

    /// <summary>
    /// Deterministic per change: the trip's version names the change, so a second driver assignment (the only
    /// status a trip can reach twice) is a new message, while a replay of the same change is refused by the
    /// unique index on the key.
    /// </summary>
    public static string DedupeKey(Trip trip, string status, PartyId recipient)
    {
        ArgumentNullException.ThrowIfNull(trip);
        return string.Create(CultureInfo.InvariantCulture, $"trip:{trip.Id}:{status}:{trip.Version}:{recipient}");
    }

    public static async Task AddAsync(IPakLoadDb db, Gazetteer gazetteer, TimeProvider clock, Trip trip, PartyId actor, CancellationToken ct)
    {
        if (KeyFor(trip.Status) is not { } key)
        {
            return;
        }

        var recipients = Recipients(trip, actor);
        if (recipients.Count == 0)
        {
            return;
        }

        var load = await db.Loads.AsNoTracking().SingleAsync(l => l.Id == trip.LoadId, ct);
        var parties = await db.Parties.AsNoTracking().Where(p => recipients.Contains(p.Id)).ToListAsync(ct);
        var status = key[(key.LastIndexOf('.') + 1)..];
        foreach (var party in parties)
        {
            db.Outbox.Add(OutboxMessage.To(
                party, key, DedupeKey(trip, status, party.Id), clock, ("route", Routes.Describe(gazetteer, load, party.Language))));
        }
    }
}
