using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Escrow;

namespace PakLoad.Core.Payments;

/// <summary>Where the shipper pays a booking's price plus fee into escrow: the provider's page (or client secret).</summary>
public sealed record FundingLink(PaymentId PaymentId, BookingId BookingId, string Provider, Money Amount, string? CheckoutUrl, string? ClientSecret);

/// <summary>
/// "Fund escrow": the booking's shipper gets a payment link for price + fee. Asking again returns the same
/// pending payment (the provider is called with the same idempotency key), so two taps never open two charges.
/// A failed attempt opens the next attempt.
/// </summary>
public sealed record CreateFundingLinkCommand(PartyId ActorId, BookingId BookingId);

public sealed class CreateFundingLinkHandler(IPakLoadDb db, TimeProvider clock, PaymentProviders providers, EscrowOptions? options = null)
{
    private readonly EscrowOptions _options = options ?? EscrowOptions.Default;

    public async Task<Result<FundingLink>> HandleAsync(CreateFundingLinkCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var booking = await db.Bookings.AsNoTracking()
            .SingleOrDefaultAsync(b => b.Id == command.BookingId && (b.ShipperId == command.ActorId || b.CarrierId == command.ActorId), ct);
        if (booking is null)
        {
            return Error.Of("errors.not_found");
        }

        if (booking.ShipperId != command.ActorId)
        {
            return Error.Of("errors.forbidden");
        }

        var opened = await Conflicts.RetryAsync(db, token => OpenPaymentAsync(booking.Id, booking.ShipperId, token), ct);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        var payment = await db.Payments.SingleAsync(p => p.Id == opened.Value, ct);
        if (payment.ProviderRef is null)
        {
            var provider = providers.Get(payment.Provider);
            if (!provider.IsSuccess)
            {
                return provider.Error;
            }

            var payer = await db.Parties.AsNoTracking().SingleAsync(p => p.Id == payment.PayerId, ct);
            var checkout = await provider.Value.CreateCheckoutAsync(
                new CheckoutRequest(payment.Id, payment.BookingId, payment.Amount, payer.Phone.E164, payment.IdempotencyKey, $"PakLoad booking {payment.BookingId}"), ct);
            if (!checkout.IsSuccess)
            {
                return checkout.Error;
            }

            payment.Attach(checkout.Value.ProviderRef, checkout.Value.CheckoutUrl, clock);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (db.IsConflict(ex))
            {
                // A parallel request attached the same answer (same key, same provider object): read it back.
                db.DiscardChanges();
                payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == opened.Value, ct);
            }

            return new FundingLink(payment.Id, payment.BookingId, payment.Provider, payment.Amount, payment.CheckoutUrl, checkout.Value.ClientSecret);
        }

        return new FundingLink(payment.Id, payment.BookingId, payment.Provider, payment.Amount, payment.CheckoutUrl, null);
    }

    /// <summary>The pending payment of the booking, or a new attempt; the unique (booking, attempt) settles a race.</summary>
    private async Task<Result<PaymentId>> OpenPaymentAsync(BookingId bookingId, PartyId shipperId, CancellationToken ct)
    {
        var escrow = await EscrowSteps.FindOrOpenAsync(db, bookingId, _options, clock, ct);
        if (escrow is null)
        {
            return Error.Of("errors.not_found");
        }

        if (escrow.Funded != Money.Zero)
        {
            return Error.Of("errors.escrow.already_funded");
        }

        if (escrow.Settled || escrow.CancelledBy is not null || escrow.Completed)
        {
            return Error.Of("errors.escrow.closed");
        }

        var payments = await db.Payments.Where(p => p.BookingId == bookingId).OrderByDescending(p => p.Attempt).ToListAsync(ct);
        if (payments.FirstOrDefault(p => p.Status == PaymentStatus.Pending) is { } pending)
        {
            return pending.Id;
        }

        if (payments.Any(p => p.Status == PaymentStatus.Succeeded))
        {
            return Error.Of("errors.escrow.already_funded");
        }

        var payment = Payment.Start(bookingId, shipperId, payments.Count + 1, _options.Provider, escrow.Total, clock);
        db.Payments.Add(payment);
        return payment.Id;
    }
}
