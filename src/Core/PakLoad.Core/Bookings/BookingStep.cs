using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Bids;
using PakLoad.Core.Common;
using PakLoad.Core.Escrow;
using PakLoad.Core.Loads;
using PakLoad.Core.Notifications;
using PakLoad.Core.Places;
using PakLoad.Core.Trips;

namespace PakLoad.Core.Bookings;

/// <summary>What booking a load gives back: the deal, its trip, and the price agreed.</summary>
public sealed record BookingConfirmation(BookingId BookingId, TripId TripId, Money AgreedPrice);

/// <summary>
/// The one path from an accepted bid to a booked load, shared by <see cref="AcceptBidHandler"/> and
/// <see cref="BookNowHandler"/>. It must run inside <see cref="IPakLoadDb.InTransactionAsync{T}"/>. Exactly one
/// contender wins because the database decides: the load's version check and the unique bookings.load_id refuse
/// every other, and a refused contender leaves no row behind (no booking, trip, bid change or message).
/// </summary>
internal static class BookingStep
{
    public static async Task<Result<BookingConfirmation>> CompleteAsync(
        IPakLoadDb db, Gazetteer gazetteer, TimeProvider clock, Load load, Bid accepted, EscrowOptions escrowOptions, CancellationToken ct)
    {
        var booked = load.MarkBooked(clock);
        if (!booked.IsSuccess)
        {
            return booked.Error;
        }

        var booking = Booking.From(accepted, clock);
        var (trip, deliveryCode) = Trip.Start(booking, clock);
        db.Bookings.Add(booking);
        db.Trips.Add(trip);

        // The escrow opens with the booking, freezing today's fee and advance policy for this deal.
        db.Escrows.Add(BookingEscrow.Open(booking, escrowOptions, clock));

        await LiveBids.CloseAsync(db, gazetteer, clock, [load], accepted.Id, "notifications.bid.rejected", b => $"bid-rejected:{b.Id}", ct);

        var parties = await db.Parties.Where(p => p.Id == accepted.CarrierId || p.Id == load.ShipperId).ToDictionaryAsync(p => p.Id, ct);
        db.Outbox.Add(LoadNotice.To(
            parties[accepted.CarrierId], load, "notifications.bid.accepted", $"bid-accepted:{accepted.Id}", gazetteer, clock, booking.AgreedPrice));
        db.Outbox.Add(LoadNotice.To(
            parties[load.ShipperId], load, "notifications.booking.confirmed", $"booking-confirmed:{load.Id}", gazetteer, clock, booking.AgreedPrice));

        // The consignee is not a party: an SMS in Roman Urdu. The plain code exists only here and in this message.
        db.Outbox.Add(OutboxMessage.ToPhone(
            load.ConsigneePhone,
            "notifications.delivery.code",
            $"delivery-code:{load.Id}",
            clock,
            ("origin", Routes.Name(gazetteer, load.OriginCity, Language.UrLatn)),
            ("code", deliveryCode)));

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (db.IsConflict(ex))
        {
            db.DiscardChanges();
            return Error.Of("errors.booking.conflict");
        }

        return new BookingConfirmation(booking.Id, trip.Id, booking.AgreedPrice);
    }
}
