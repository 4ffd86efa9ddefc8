using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Bookings;
using PakLoad.Core.Common;
using PakLoad.Core.Notifications;
using PakLoad.Core.Payments;
using PakLoad.Core.Places;

namespace PakLoad.Core.Escrow;

/// <summary>
/// The shared steps of every escrow use case. They work in the caller's unit of work and its open transaction
/// (escrow facts and outbox rows staged for the caller's one save; ledger transactions posted at once on
/// PostgreSQL, staged on SQLite), so the money, the facts and the messages commit together or not at all.
/// </summary>
internal static class EscrowSteps
{
    /// <summary>The booking's escrow, tracked; opened with <paramref name="options"/> the first time it is needed.</summary>
    public static async Task<BookingEscrow?> FindOrOpenAsync(IPakLoadDb db, BookingId bookingId, EscrowOptions options, TimeProvider clock, CancellationToken ct)
    {
        var escrow = db.Escrows.Local.FirstOrDefault(e => e.BookingId == bookingId)
                     ?? await db.Escrows.SingleOrDefaultAsync(e => e.BookingId == bookingId, ct);
        if (escrow is not null)
        {
            return escrow;
        }

        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, ct);
        if (booking is null)
        {
            return null;
        }

        escrow = BookingEscrow.Open(booking, options, clock);

        // Opened after the trip moved on (a booking from before escrow existed): catch up with the trip's facts.
        var trip = await db.Trips.AsNoTracking().SingleOrDefaultAsync(t => t.BookingId == bookingId, ct);
        if (trip is not null)
        {
            escrow.CatchUp(trip.Status, clock);
        }

        db.Escrows.Add(escrow);
        return escrow;
    }

    public static string Key(BookingId booking, string step) => $"escrow:{booking}:{step}";

    /// <summary>Stages the money a successful payment brings: into escrow, or back to the shipper if escrow was already funded.</summary>
    public static async Task<Result<PostOutcome>> FundAsync(
        IPakLoadDb db, Gazetteer gazetteer, BookingEscrow escrow, Payment payment, TimeProvider clock, CancellationToken ct)
    {
        var clearing = AccountSpec.Clearing(payment.Provider);
        Posting posting = escrow.RecordFunding(payment.Amount, clock)
            ? Posting.Transfer($"{payment.IdempotencyKey}:funded", LedgerTransactionKind.Funding, escrow.BookingId, clearing, AccountSpec.Escrow(escrow.BookingId), payment.Amount)
            : Posting.Transfer($"{payment.IdempotencyKey}:overpaid", LedgerTransactionKind.Overpayment, escrow.BookingId, clearing, AccountSpec.ShipperRefunds(escrow.ShipperId), payment.Amount);
        var staged = await Ledger.StageAsync(db, posting, clock, ct);
        if (!staged.IsSuccess)
        {
            return staged;
        }

        var key = posting.Kind == LedgerTransactionKind.Funding ? "notifications.money.funded" : "notifications.money.refund_due";
        await NotifyAsync(db, gazetteer, clock, escrow, posting.IdempotencyKey, key, payment.Amount, escrow.ShipperId, escrow.CarrierId);
        return await SettleAsync(db, gazetteer, escrow, clock, ct);
    }

    /// <summary>Stages every move the escrow's facts call for now (each a keyed ledger transaction) and tells the people paid.</summary>
    public static async Task<Result<PostOutcome>> SettleAsync(IPakLoadDb db, Gazetteer gazetteer, BookingEscrow escrow, TimeProvider clock, CancellationToken ct)
    {
        var outcome = PostOutcome.AlreadyPosted;
        foreach (var move in escrow.Settle(clock))
        {
            var key = Key(escrow.BookingId, move.Step);
            var staged = await Ledger.StageAsync(
                db, Posting.Transfer(key, move.Kind, escrow.BookingId, AccountSpec.Escrow(escrow.BookingId), move.To, move.Amount), clock, ct);
            if (!staged.IsSuccess)
            {
                return staged;
            }

            outcome = PostOutcome.Posted;
            var (template, recipient) = move.Kind switch
            {
                LedgerTransactionKind.Advance => ("notifications.money.advance", escrow.CarrierId),
                LedgerTransactionKind.Balance or LedgerTransactionKind.CancellationFee or LedgerTransactionKind.DisputeToCarrier
                    => ("notifications.money.released", escrow.CarrierId),
                LedgerTransactionKind.Refund or LedgerTransactionKind.DisputeToShipper => ("notifications.money.refund_due", escrow.ShipperId),
                _ => (null, escrow.ShipperId),
            };
            if (template is not null)
            {
                await NotifyAsync(db, gazetteer, clock, escrow, key, template, move.Amount, recipient);
            }
        }

        return outcome;
    }

    /// <summary>One outbox row per recipient, keyed by the ledger transaction, so a money movement is told once.</summary>
    public static async Task NotifyAsync(
        IPakLoadDb db, Gazetteer gazetteer, TimeProvider clock, BookingEscrow escrow, string transactionKey, string template, Money amount, params PartyId[] recipients)
    {
        // One read of the route and the people per escrow step, however many moves it makes.
        var load = await (from b in db.Bookings.AsNoTracking()
                          join l in db.Loads.AsNoTracking() on b.LoadId equals l.Id
                          where b.Id == escrow.BookingId
                          select l).SingleOrDefaultAsync();
        var parties = await db.Parties.AsNoTracking().Where(p => recipients.Contains(p.Id)).ToListAsync();
        foreach (var party in parties)
        {
            var route = load is null ? string.Empty : Routes.Describe(gazetteer, load, party.Language);
            db.Outbox.Add(OutboxMessage.To(
                party, template, $"money:{transactionKey}:{party.Id}", clock, ("route", route), ("amount", amount.Format(party.Language))));
        }
    }

    /// <summary>The booking's load route for messages that are not about one escrow (payouts have none).</summary>
    public static Task<Booking?> BookingAsync(IPakLoadDb db, BookingId id, CancellationToken ct) =>
        db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
}
