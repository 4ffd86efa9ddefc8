using System.Globalization;
using PakLoad.Core.Common;
using PakLoad.Core.Payments;
using Stripe;

namespace PakLoad.Api.Payments;

/// <summary>Stripe settings: the secret API key, the webhook signing secrets (more than one while rotating) and, for tests, another API base.</summary>
public sealed record StripeSettings
{
    public string? SecretKey { get; init; }

    /// <summary>whsec_… values; during a rotation both the new and the old secret are listed.</summary>
    public IReadOnlyList<string> WebhookSecrets { get; init; } = [];

    /// <summary>Where the API is; empty means api.stripe.com. Tests point it at a loopback fake.</summary>
    public string? ApiBase { get; init; }

    /// <summary>How far a signature's timestamp may be from now (Stripe.net's default is 300 s).</summary>
    public int ToleranceSeconds { get; init; } = 300;

    public bool Enabled => !string.IsNullOrWhiteSpace(SecretKey);
}

/// <summary>
/// Stripe through Stripe.net: a PaymentIntent with automatic capture per payment (the escrow is held in our
/// ledger, never in a card hold, which would lapse in about 7 days), and refunds against it. Every call carries
/// our idempotency key, stored before the call, so a retry after a timeout never charges twice.
/// </summary>
public sealed class StripePaymentProvider(StripeClient client) : IPaymentProvider
{
    public const string ProviderName = "stripe";

    public string Name => ProviderName;

    public async Task<Result<ProviderCheckout>> CreateCheckoutAsync(CheckoutRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new PaymentIntentCreateOptions
        {
            Amount = request.Amount.Paisa,
            Currency = "pkr",
            CaptureMethod = "automatic",
            AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true },
            Description = request.Description,
            Metadata = new Dictionary<string, string>
            {
                ["payment_id"] = request.PaymentId.ToString(),
                ["booking_id"] = request.BookingId.ToString(),
            },
            TransferGroup = request.BookingId.ToString(),
        };
        try
        {
            var intent = await new PaymentIntentService(client).CreateAsync(options, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, ct);
            return new ProviderCheckout(intent.Id, null, intent.ClientSecret);
        }
        catch (StripeException)
        {
            return Error.Of("errors.payment.provider_failed");
        }
    }

    public async Task<Result<ProviderRefundReceipt>> RefundAsync(RefundRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new RefundCreateOptions
        {
            PaymentIntent = request.ProviderPaymentRef,
            Amount = request.Amount.Paisa,
            Metadata = new Dictionary<string, string> { ["refund_id"] = request.RefundId.ToString() },
        };
        try
        {
            var refund = await new RefundService(client).CreateAsync(options, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, ct);
            return new ProviderRefundReceipt(refund.Id);
        }
        catch (StripeException)
        {
            return Error.Of("errors.payment.provider_failed");
        }
    }

    /// <summary>
    /// Verifies a webhook with <see cref="EventUtility.ConstructEvent(string, string, string, long, long, bool)"/>
    /// against each configured secret (rotation), on our clock, and maps it to the outcome it reports. Null when
    /// no secret verifies it (tampered, stale, unsigned); an event of a type we do not use maps to no command.
    /// </summary>
    public static (bool Verified, RecordPaymentOutcomeCommand? Command) Verify(string body, string? signature, StripeSettings settings, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(clock);
        if (string.IsNullOrEmpty(signature))
        {
            return (false, null);
        }

        foreach (var secret in settings.WebhookSecrets)
        {
            Event stripeEvent;
            try
            {
                stripeEvent = EventUtility.ConstructEvent(body, signature, secret, settings.ToleranceSeconds, clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: true);
            }
            catch (Exception ex) when (ex is StripeException or FormatException or OverflowException or ArgumentException or Newtonsoft.Json.JsonException)
            {
                continue;
            }

            return (true, Map(stripeEvent));
        }

        return (false, null);
    }

    private static RecordPaymentOutcomeCommand? Map(Event stripeEvent) => stripeEvent.Data.Object switch
    {
        PaymentIntent intent when stripeEvent.Type == EventTypes.PaymentIntentSucceeded =>
            new(ProviderName, stripeEvent.Id, PaymentEventKind.PaymentSucceeded, intent.Id, OurId(intent.Metadata, "payment_id")),
        PaymentIntent intent when stripeEvent.Type is EventTypes.PaymentIntentPaymentFailed or EventTypes.PaymentIntentCanceled =>
            new(ProviderName, stripeEvent.Id, PaymentEventKind.PaymentFailed, intent.Id, OurId(intent.Metadata, "payment_id")),
        Refund refund when refund.Status == "succeeded" =>
            new(ProviderName, stripeEvent.Id, PaymentEventKind.RefundSucceeded, refund.Id, OurId(refund.Metadata, "refund_id")),
        Refund refund when refund.Status is "failed" or "canceled" =>
            new(ProviderName, stripeEvent.Id, PaymentEventKind.RefundFailed, refund.Id, OurId(refund.Metadata, "refund_id")),
        _ => null,
    };

    private static Guid? OurId(Dictionary<string, string>? metadata, string key) =>
        metadata is not null && metadata.TryGetValue(key, out var value) && Guid.TryParse(value, CultureInfo.InvariantCulture, out var id) ? id : null;
}
