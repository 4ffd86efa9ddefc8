using PakLoad.Core.Common;

namespace PakLoad.Core.Payments;

/// <summary>What we ask a provider to collect: the amount, who pays, and our key for the call.</summary>
public sealed record CheckoutRequest(PaymentId PaymentId, BookingId BookingId, Money Amount, string PayerPhone, string IdempotencyKey, string Description);

/// <summary>The provider's answer: its reference for the payment and where (or how) the payer completes it.</summary>
public sealed record ProviderCheckout(string ProviderRef, string? CheckoutUrl, string? ClientSecret);

public sealed record RefundRequest(PaymentRefundId RefundId, string ProviderPaymentRef, Money Amount, string IdempotencyKey);

public sealed record ProviderRefundReceipt(string ProviderRef);

/// <summary>
/// A way money comes in and goes back out. Providers only move money; the ledger decides who is owed what.
/// Every call carries our idempotency key (stored before the call), and every outcome arrives later as a
/// <see cref="PaymentEventKind"/> through <c>RecordPaymentOutcomeHandler</c> (a webhook, a callback, a poll),
/// deduplicated by the provider's event id. A Pakistani wallet (JazzCash, Easypaisa) or Raast fits the same
/// shape: a checkout is a hosted page or a request-to-pay to the payer's mobile or Raast id, the outcome an IPN.
/// </summary>
public interface IPaymentProvider
{
    string Name { get; }

    Task<Result<ProviderCheckout>> CreateCheckoutAsync(CheckoutRequest request, CancellationToken ct);

    Task<Result<ProviderRefundReceipt>> RefundAsync(RefundRequest request, CancellationToken ct);
}

/// <summary>The outcomes a provider reports.</summary>
public enum PaymentEventKind
{
    PaymentSucceeded,
    PaymentFailed,
    RefundSucceeded,
    RefundFailed,
}

/// <summary>The providers this host has, by name.</summary>
public sealed class PaymentProviders(IEnumerable<IPaymentProvider> providers)
{
    private readonly Dictionary<string, IPaymentProvider> _byName = providers.ToDictionary(p => p.Name, StringComparer.Ordinal);

    public Result<IPaymentProvider> Get(string name) =>
        _byName.TryGetValue(name, out var provider) ? Result<IPaymentProvider>.Success(provider) : Error.Of("errors.payment.provider_unknown", ("provider", name));
}

/// <summary>
/// The embedded default's provider: no money moves. A checkout is a page of our own where the payer (or a
/// test) says "paid" or "failed"; refunds are accepted at once and settled when asked. Outcomes arrive as
/// events exactly like a real provider's, so the escrow path is the same.
/// </summary>
public sealed class SandboxPaymentProvider : IPaymentProvider
{
    public const string ProviderName = "sandbox";

    public string Name => ProviderName;

    /// <summary>The id of the event the sandbox page emits: one per (payment or refund, outcome), so a second click is a duplicate.</summary>
    public static string EventId(Guid ourId, PaymentEventKind kind) => $"sandbox:{ourId}:{kind}";

    /// <summary>Our payment or refund id in a sandbox event id, or null when it is not one.</summary>
    public static Guid? OurIdOf(string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var parts = eventId.Split(':');
        return parts.Length == 3 && parts[0] == ProviderName && Guid.TryParse(parts[1], out var id) ? id : null;
    }

    public Task<Result<ProviderCheckout>> CreateCheckoutAsync(CheckoutRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(Result<ProviderCheckout>.Success(new ProviderCheckout($"sbx_pi_{request.PaymentId.Value:N}", $"/sandbox/pay/{request.PaymentId}", null)));
    }

    public Task<Result<ProviderRefundReceipt>> RefundAsync(RefundRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(Result<ProviderRefundReceipt>.Success(new ProviderRefundReceipt($"sbx_re_{request.RefundId.Value:N}")));
    }
}
