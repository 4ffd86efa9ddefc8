using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Escrow;
using PakLoad.Core.Parties;

namespace PakLoad.Core.Payments;

/// <summary>
/// Sends what a shipper is owed for a booking back through the provider that took their payment. The money
/// leaves the shipper's refunds account at once (into refunds-pending, so it cannot be sent twice); the
/// provider's refund event then settles it, or returns it on failure.
/// </summary>
public sealed record RefundShipperCommand(PartyId ActorId, BookingId BookingId);

public sealed class RefundShipperHandler(IPakLoadDb db, TimeProvider clock, PaymentProviders providers)
{
    public async Task<Result<PaymentRefund>> HandleAsync(RefundShipperCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var actor = await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.ActorId, ct);
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == command.BookingId, ct);
        if (actor is null || booking is null || (booking.ShipperId != actor.Id && !actor.Has(PartyRole.Admin)))
        {
            return Error.Of("errors.not_found");
        }

        var staged = await Conflicts.RetryAsync(db, async token =>
        {
            var payment = await db.Payments
                .Where(p => p.BookingId == booking.Id && p.Status == PaymentStatus.Succeeded)
                .OrderBy(p => p.Attempt)
                .FirstOrDefaultAsync(token);
            var owed = await Ledger.BalanceAsync(db, AccountSpec.ShipperRefunds(booking.ShipperId), token);
            if (payment is null || owed <= Money.Zero)
            {
                return Error.Of("errors.refund.nothing_due");
            }

            var left = payment.Amount - payment.Refunded;
            var amount = owed < left ? owed : left;
            if (amount <= Money.Zero)
            {
                return Error.Of("errors.refund.nothing_due");
            }

            var refund = PaymentRefund.Start(payment, amount, clock);
            payment.AddRefunded(amount, clock);
            db.PaymentRefunds.Add(refund);
            var posted = await Ledger.StageAsync(db, Posting.Transfer(
                $"{refund.IdempotencyKey}:requested", LedgerTransactionKind.RefundRequested, null,
                AccountSpec.ShipperRefunds(booking.ShipperId), AccountSpec.ShipperRefundsPending(booking.ShipperId), amount), clock, token);
            return posted.IsSuccess ? refund.Id : Result<PaymentRefundId>.Failure(posted.Error);
        }, ct);
        if (!staged.IsSuccess)
        {
            return staged.Error;
        }

        var row = await db.PaymentRefunds.SingleAsync(r => r.Id == staged.Value, ct);
        var paymentRef = await db.Payments.Where(p => p.Id == row.PaymentId).Select(p => p.ProviderRef).SingleAsync(ct);
        var provider = providers.Get(row.Provider);
        if (!provider.IsSuccess)
        {
            return provider.Error;
        }

        // Outside the database transaction: the refund row (our key) is stored first, so a retry reuses the key.
        var receipt = await provider.Value.RefundAsync(new RefundRequest(row.Id, paymentRef ?? string.Empty, row.Amount, row.IdempotencyKey), ct);
        if (!receipt.IsSuccess)
        {
            return receipt.Error;
        }

        row.Attach(receipt.Value.ProviderRef, clock);
        await db.SaveChangesAsync(ct);
        return row;
    }
}
