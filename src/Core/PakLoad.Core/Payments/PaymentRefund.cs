using PakLoad.Core.Common;

namespace PakLoad.Core.Payments;

public enum RefundStatus
{
    Pending,
    Succeeded,
    Failed,
}

/// <summary>Money going back to a shipper's card or wallet through the provider of the payment it came from.</summary>
public sealed class PaymentRefund
{
    private PaymentRefund()
    {
    }

    public PaymentRefundId Id { get; private set; }

    public PaymentId PaymentId { get; private set; }

    public PartyId ShipperId { get; private set; }

    public string Provider { get; private set; } = string.Empty;

    public string? ProviderRef { get; private set; }

    public Money Amount { get; private set; }

    public RefundStatus Status { get; private set; }

    public int Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string IdempotencyKey => $"refund:{Id}";

    public static PaymentRefund Start(Payment payment, Money amount, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        return new PaymentRefund
        {
            Id = PaymentRefundId.New(clock),
            PaymentId = payment.Id,
            ShipperId = payment.PayerId,
            Provider = payment.Provider,
            Amount = amount,
            Status = RefundStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public void Attach(string providerRef, TimeProvider clock)
    {
        ProviderRef = providerRef;
        Touch(clock, Status);
    }

    /// <summary>Pending only ends once; whichever of succeeded or failed arrives first wins.</summary>
    public bool Finish(bool succeeded, TimeProvider clock) =>
        Status == RefundStatus.Pending && Touch(clock, succeeded ? RefundStatus.Succeeded : RefundStatus.Failed);

    private bool Touch(TimeProvider clock, RefundStatus status)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Status = status;
        UpdatedAt = clock.GetUtcNow();
        Version++;
        return true;
    }
}

/// <summary>A provider event already handled, keyed by (provider, event id): a redelivery is recognised and ignored.</summary>
public sealed class ProcessedPaymentEvent
{
    private ProcessedPaymentEvent()
    {
    }

    public string Provider { get; private set; } = string.Empty;

    public string EventId { get; private set; } = string.Empty;

    public string Kind { get; private set; } = string.Empty;

    public DateTimeOffset ReceivedAt { get; private set; }

    public static ProcessedPaymentEvent Of(string provider, string eventId, string kind, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new ProcessedPaymentEvent { Provider = provider, EventId = eventId, Kind = kind, ReceivedAt = clock.GetUtcNow() };
    }
}
