using PakLoad.Core.Common;

namespace PakLoad.Core.Payments;

public enum PaymentStatus
{
    Pending,
    Succeeded,
    Failed,
}

/// <summary>
/// A shipper's payment into a booking's escrow through a provider. Its id is the idempotency key of every call
/// to the provider, stored before the first call. Status only moves forward: a late "failed" after "succeeded"
/// (providers give no order) changes nothing.
/// </summary>
public sealed class Payment
{
    private Payment()
    {
    }

    public PaymentId Id { get; private set; }

    public BookingId BookingId { get; private set; }

    public PartyId PayerId { get; private set; }

    public int Attempt { get; private set; }

    public string Provider { get; private set; } = string.Empty;

    public string? ProviderRef { get; private set; }

    public string? CheckoutUrl { get; private set; }

    public Money Amount { get; private set; }

    public Money Refunded { get; private set; }

    public PaymentStatus Status { get; private set; }

    public int Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string IdempotencyKey => $"payment:{Id}";

    public static Payment Start(BookingId booking, PartyId payer, int attempt, string provider, Money amount, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        return new Payment
        {
            Id = PaymentId.New(clock),
            BookingId = booking,
            PayerId = payer,
            Attempt = attempt,
            Provider = provider,
            Amount = amount,
            Status = PaymentStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public void Attach(string providerRef, string? checkoutUrl, TimeProvider clock)
    {
        ProviderRef = providerRef;
        CheckoutUrl = checkoutUrl;
        Touch(clock);
    }

    /// <summary>True when this call is what made the payment succeed (so the money is counted once).</summary>
    public bool Succeed(TimeProvider clock) => Status != PaymentStatus.Succeeded && Touch(clock, PaymentStatus.Succeeded);

    /// <summary>True when the payment was pending and is now failed; a success is never undone.</summary>
    public bool Fail(TimeProvider clock) => Status == PaymentStatus.Pending && Touch(clock, PaymentStatus.Failed);

    /// <summary>Counts a refund in flight or made (negative when a refund failed and the money came back).</summary>
    public void AddRefunded(Money amount, TimeProvider clock)
    {
        Refunded += amount;
        Touch(clock);
    }

    private bool Touch(TimeProvider clock, PaymentStatus? status = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Status = status ?? Status;
        UpdatedAt = clock.GetUtcNow();
        Version++;
        return true;
    }
}
