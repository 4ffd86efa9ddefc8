using System.Text;
using PakLoad.Api.Auth;
using PakLoad.Api.Http;
using PakLoad.Api.Payments;
using PakLoad.Core.Common;
using PakLoad.Core.Escrow;
using PakLoad.Core.Payments;

namespace PakLoad.Api.Endpoints;

public sealed record DisputeResolutionRequest(decimal? CarrierShare);

public sealed record PaymentEventResponse(string Outcome);

internal static class EscrowEndpoints
{
    /// <summary>Stripe's signed webhooks are small; anything bigger is not Stripe.</summary>
    private const int MaxWebhookBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapEscrow(this IEndpointRouteBuilder app, bool sandbox)
    {
        var bookings = app.MapGroup("/api/v1/bookings").WithTags("Escrow").RequireAuthorization().RequireRateLimiting(RateLimitSetup.Api);
        bookings.MapGet("/{id:guid}/escrow", Get).WithSummary("The booking's escrow: funded, held, paid out (shipper and carrier only)");
        bookings.MapPost("/{id:guid}/escrow/funding-link", Fund).WithSummary("Fund escrow: a payment link for price + fee (the booking's shipper)");
        bookings.MapPost("/{id:guid}/escrow/refund", Refund).WithSummary("Send what the shipper is owed back through the payment provider");
        bookings.MapPost("/{id:guid}/escrow/resolution", Resolve).WithSummary("Admin: split a disputed escrow between carrier and shipper");
        app.MapGet("/api/v1/me/balance", Balance).WithTags("Escrow").RequireAuthorization().RequireRateLimiting(RateLimitSetup.Api)
            .WithSummary("My balance: payable now and payouts on their way");

        app.MapPost("/webhooks/stripe", StripeWebhook).WithTags("Webhooks").ExcludeFromDescription();
        if (sandbox)
        {
            // The sandbox provider's "checkout": whoever holds the link says paid or failed, as a card page would.
            var pay = app.MapGroup("/sandbox").WithTags("Sandbox").RequireRateLimiting(RateLimitSetup.Api);
            pay.MapPost("/payments/{id:guid}/{outcome:regex(^(succeeded|failed)$)}", (Guid id, string outcome, RecordPaymentOutcomeHandler handler, HttpContext http, CancellationToken ct) =>
                Sandbox(id, outcome == "succeeded" ? PaymentEventKind.PaymentSucceeded : PaymentEventKind.PaymentFailed, handler, http, ct));
            pay.MapPost("/refunds/{id:guid}/{outcome:regex(^(succeeded|failed)$)}", (Guid id, string outcome, RecordPaymentOutcomeHandler handler, HttpContext http, CancellationToken ct) =>
                Sandbox(id, outcome == "succeeded" ? PaymentEventKind.RefundSucceeded : PaymentEventKind.RefundFailed, handler, http, ct));
        }

        return app;
    }

    private static async Task<IResult> Get(Guid id, GetEscrowHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(await handler.HandleAsync(new GetEscrowQuery(http.User.PartyId(), BookingId.From(id)), ct), http, TypedResults.Ok);

    private static async Task<IResult> Fund(Guid id, CreateFundingLinkHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(await handler.HandleAsync(new CreateFundingLinkCommand(http.User.PartyId(), BookingId.From(id)), ct), http, TypedResults.Ok);

    private static async Task<IResult> Refund(Guid id, RefundShipperHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(
            await handler.HandleAsync(new RefundShipperCommand(http.User.PartyId(), BookingId.From(id)), ct),
            http,
            r => TypedResults.Ok(new { r.Id, r.Amount, Status = r.Status.ToString() }));

    private static async Task<IResult> Resolve(Guid id, DisputeResolutionRequest request, ResolveDisputeHandler handler, HttpContext http, CancellationToken ct)
    {
        // Access is checked before the amount: an outsider learns nothing from a bad body either.
        Money? share = request.CarrierShare == 0 ? Money.Zero : Rupees.From(request.CarrierShare) is { IsSuccess: true } ok ? ok.Value : null;
        return ApiResults.From(await handler.HandleAsync(new ResolveDisputeCommand(http.User.PartyId(), BookingId.From(id), share), ct), http, TypedResults.Ok);
    }

    private static async Task<IResult> Balance(GetCarrierBalanceHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(await handler.HandleAsync(new GetCarrierBalanceQuery(http.User.PartyId()), ct), http, TypedResults.Ok);

    private static async Task<IResult> Sandbox(Guid id, PaymentEventKind kind, RecordPaymentOutcomeHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(
            await handler.HandleAsync(new RecordPaymentOutcomeCommand(SandboxPaymentProvider.ProviderName, SandboxPaymentProvider.EventId(id, kind), kind, null, id), ct),
            http,
            o => TypedResults.Ok(new PaymentEventResponse(o.ToString())));

    /// <summary>
    /// Verify on the raw body (re-serialised JSON breaks the signature), then apply once: the event id is stored
    /// with its effects. 400 for anything unverified (nothing stored); 200 for applied, duplicate or ignored types;
    /// 409 for a payment we do not know yet, so Stripe redelivers later.
    /// </summary>
    private static async Task<IResult> StripeWebhook(
        HttpContext http, StripeSettings settings, TimeProvider clock, RecordPaymentOutcomeHandler handler, CancellationToken ct)
    {
        if (!settings.Enabled || settings.WebhookSecrets.Count == 0)
        {
            return TypedResults.NotFound();
        }

        if (http.Request.ContentLength is > MaxWebhookBytes)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        string body;
        try
        {
            using var reader = new StreamReader(http.Request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
            body = await reader.ReadToEndAsync(ct);
        }
        catch (DecoderFallbackException)
        {
            return ApiResults.Problem(Error.Of("errors.payment.signature_invalid"), http, StatusCodes.Status400BadRequest);
        }

        var (verified, command) = StripePaymentProvider.Verify(body, http.Request.Headers["Stripe-Signature"], settings, clock);
        if (!verified)
        {
            return ApiResults.Problem(Error.Of("errors.payment.signature_invalid"), http, StatusCodes.Status400BadRequest);
        }

        if (command is null)
        {
            return TypedResults.Ok(new PaymentEventResponse("Ignored"));
        }

        var result = await handler.HandleAsync(command, ct);
        return result.IsSuccess
            ? TypedResults.Ok(new PaymentEventResponse(result.Value.ToString()))
            : ApiResults.Problem(result.Error, http, StatusCodes.Status409Conflict);
    }
}
