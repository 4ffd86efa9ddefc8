using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Escrow;
using PakLoad.Core.Places;

namespace PakLoad.Core.Payments;

public enum PaymentEventOutcome
{
    Applied,
    Duplicate,
    NoChange,
}

/// <summary>
/// An outcome a provider reported (webhook, IPN, sandbox button), already verified by the adapter. Names our
/// payment or refund by id when the provider echoes our metadata, else by the provider's reference.
/// </summary>
public sealed record RecordPaymentOutcomeCommand(string Provider, string EventId, PaymentEventKind Kind, string? ProviderRef, Guid? OurId = null);

/// <summary>
/// Applies a provider event exactly once and in any order: the event id is stored in the same transaction as its
/// effects (a redelivery finds it and changes nothing), and states only move forward (a late "failed" after
/// "succeeded" is a no-op). A successful payment funds the booking's escrow and settles whatever the trip's
/// facts already call for (a payment that arrives after loading pays the advance at once).
/// </summary>
public sealed class RecordPaymentOutcomeHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer)
{
    public const int MaxEventIdLength = 255;

    public Task<Result<PaymentEventOutcome>> HandleAsync(RecordPaymentOutcomeCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.EventId) || command.EventId.Length > MaxEventIdLength)
        {
            return Task.FromResult(Result<PaymentEventOutcome>.Failure(Error.Of("errors.payment.unknown")));
        }

        return Conflicts.RetryAsync(db, token => ApplyAsync(command, token), ct);
    }

    private async Task<Result<PaymentEventOutcome>> ApplyAsync(RecordPaymentOutcomeCommand command, CancellationToken ct)
    {
        if (await db.PaymentEvents.AnyAsync(e => e.Provider == command.Provider && e.EventId == command.EventId, ct))
        {
            return PaymentEventOutcome.Duplicate;
        }

        db.PaymentEvents.Add(ProcessedPaymentEvent.Of(command.Provider, command.EventId, command.Kind.ToString(), clock));
        return command.Kind switch
        {
            PaymentEventKind.PaymentSucceeded or PaymentEventKind.PaymentFailed => await PaymentAsync(command, ct),
            PaymentEventKind.RefundSucceeded or PaymentEventKind.RefundFailed => await RefundAsync(command, ct),
        };
    }

    private async Task<Result<PaymentEventOutcome>> PaymentAsync(RecordPaymentOutcomeCommand command, CancellationToken ct)
    {
        var id = command.OurId is { } guid ? PaymentId.From(guid) : default;
        var payment = await db.Payments.SingleOrDefaultAsync(
            p => p.Provider == command.Provider && (p.Id == id || (command.ProviderRef != null && p.ProviderRef == command.ProviderRef)), ct);
        if (payment is null)
        {
            // Not stored: the provider will redeliver, by which time our own row may exist.
            return Error.Of("errors.payment.unknown");
        }

        if (command.Kind == PaymentEventKind.PaymentFailed)
        {
            return payment.Fail(clock) ? PaymentEventOutcome.Applied : PaymentEventOutcome.NoChange;
        }

        if (!payment.Succeed(clock))
        {
            return PaymentEventOutcome.NoChange;
        }

        var escrow = await EscrowSteps.FindOrOpenAsync(db, payment.BookingId, EscrowOptions.Default, clock, ct);
        if (escrow is null)
        {
            return Error.Of("errors.payment.unknown");
        }

        var funded = await EscrowSteps.FundAsync(db, gazetteer, escrow, payment, clock, ct);
        return funded.IsSuccess ? PaymentEventOutcome.Applied : funded.Error;
    }

    private async Task<Result<PaymentEventOutcome>> RefundAsync(RecordPaymentOutcomeCommand command, CancellationToken ct)
    {
        var id = command.OurId is { } guid ? PaymentRefundId.From(guid) : default;
        var refund = await db.PaymentRefunds.SingleOrDefaultAsync(
            r => r.Provider == command.Provider && (r.Id == id || (command.ProviderRef != null && r.ProviderRef == command.ProviderRef)), ct);
        if (refund is null)
        {
            return Error.Of("errors.payment.unknown");
        }

        var succeeded = command.Kind == PaymentEventKind.RefundSucceeded;
        if (!refund.Finish(succeeded, clock))
        {
            return PaymentEventOutcome.NoChange;
        }

        var pending = AccountSpec.ShipperRefundsPending(refund.ShipperId);
        var posting = succeeded
            ? Posting.Transfer($"{refund.IdempotencyKey}:paid", LedgerTransactionKind.RefundPaid, null, pending, AccountSpec.Clearing(refund.Provider), refund.Amount)
            : Posting.Transfer($"{refund.IdempotencyKey}:failed", LedgerTransactionKind.RefundFailed, null, pending, AccountSpec.ShipperRefunds(refund.ShipperId), refund.Amount);
        var staged = await Ledger.StageAsync(db, posting, clock, ct);
        if (!staged.IsSuccess)
        {
            return staged.Error;
        }

        if (!succeeded)
        {
            var payment = await db.Payments.SingleAsync(p => p.Id == refund.PaymentId, ct);
            payment.AddRefunded(new Money(-refund.Amount.Paisa), clock);
        }
        else
        {
            var shipper = await db.Parties.AsNoTracking().SingleAsync(p => p.Id == refund.ShipperId, ct);
            db.Outbox.Add(Notifications.OutboxMessage.To(
                shipper, "notifications.money.refunded", $"money:{posting.IdempotencyKey}:{shipper.Id}", clock, ("amount", refund.Amount.Format(shipper.Language))));
        }

        return PaymentEventOutcome.Applied;
    }
}
