using System.Globalization;
using System.Text;
using PakLoad.Api.Auth;
using PakLoad.Api.Http;
using PakLoad.Core.Common;
using PakLoad.Core.Escrow;
using PakLoad.Core.Payouts;

namespace PakLoad.Api.Endpoints;

public sealed record PayoutMethodRequest(PayoutMethodKind Kind, string? Destination, string? AccountTitle);

public sealed record PayoutRequest(decimal? Amount);

public sealed record PaidRequest(string? Reference);

internal static class PayoutEndpoints
{
    public static IEndpointRouteBuilder MapPayouts(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Payouts").RequireAuthorization().RequireRateLimiting(RateLimitSetup.Api);
        me.MapPut("/payout-method", Register).WithSummary("Where I am paid: an IBAN, or a Raast/wallet mobile number");
        me.MapGet("/statement", Statement).WithSummary("My statement (JSON, or CSV with ?format=csv)");

        var payouts = app.MapGroup("/api/v1/payouts").WithTags("Payouts").RequireAuthorization().RequireRateLimiting(RateLimitSetup.Api);
        payouts.MapGet("/", List).WithSummary("My payouts; for an admin, everyone's");
        payouts.MapPost("/", Request).WithSummary("Request a payout from my payable balance (all of it when no amount)");
        payouts.MapGet("/bank-file", BankFile).WithSummary("Admin: the bank transfer file of approved payouts (CSV)");
        payouts.MapPost("/{id:guid}/approve", (Guid id, DecidePayoutHandler h, HttpContext http, CancellationToken ct) => Decide(id, PayoutDecision.Approve, null, h, http, ct));
        payouts.MapPost("/{id:guid}/reject", (Guid id, DecidePayoutHandler h, HttpContext http, CancellationToken ct) => Decide(id, PayoutDecision.Reject, null, h, http, ct));
        payouts.MapPost("/{id:guid}/paid", (Guid id, PaidRequest body, DecidePayoutHandler h, HttpContext http, CancellationToken ct) => Decide(id, PayoutDecision.MarkPaid, body.Reference, h, http, ct));
        payouts.MapPost("/{id:guid}/failed", (Guid id, DecidePayoutHandler h, HttpContext http, CancellationToken ct) => Decide(id, PayoutDecision.MarkFailed, null, h, http, ct));

        app.MapGet("/api/v1/bookings/{id:guid}/invoice", Invoice).WithTags("Escrow").RequireAuthorization().RequireRateLimiting(RateLimitSetup.Api)
            .WithSummary("The booking's invoice: freight, fee, total, withholding fields");
        return app;
    }

    private static async Task<IResult> Register(PayoutMethodRequest request, RegisterPayoutMethodHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(await handler.HandleAsync(new RegisterPayoutMethodCommand(http.User.PartyId(), request.Kind, request.Destination, request.AccountTitle), ct), http, TypedResults.Ok);

    private static async Task<IResult> Request(PayoutRequest request, RequestPayoutHandler handler, HttpContext http, CancellationToken ct)
    {
        var amount = Rupees.FromOptional(request.Amount);
        if (amount is { IsSuccess: false } bad)
        {
            return ApiResults.Problem(bad.Error, http);
        }

        return ApiResults.From(
            await handler.HandleAsync(new RequestPayoutCommand(http.User.PartyId(), amount?.Value), ct),
            http,
            p => TypedResults.Created($"/api/v1/payouts/{p.Id}", p));
    }

    private static async Task<IResult> List(ListPayoutsHandler handler, HttpContext http, CancellationToken ct, PayoutStatus? status = null, int page = 1, int pageSize = Paging.DefaultPageSize) =>
        ApiResults.From(await handler.HandleAsync(new ListPayoutsQuery(http.User.PartyId(), status, page, pageSize), ct), http, TypedResults.Ok);

    private static async Task<IResult> BankFile(ExportPayoutFileHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(
            await handler.HandleAsync(new ExportPayoutFileQuery(http.User.PartyId()), ct),
            http,
            csv => TypedResults.File(Encoding.UTF8.GetBytes(csv), "text/csv", "pakload-payouts.csv"));

    private static async Task<IResult> Decide(Guid id, PayoutDecision decision, string? reference, DecidePayoutHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(await handler.HandleAsync(new DecidePayoutCommand(http.User.PartyId(), PayoutId.From(id), decision, reference), ct), http, TypedResults.Ok);

    private static async Task<IResult> Invoice(Guid id, GetInvoiceHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(await handler.HandleAsync(new GetInvoiceQuery(http.User.PartyId(), BookingId.From(id)), ct), http, TypedResults.Ok);

    private static async Task<IResult> Statement(
        GetCarrierStatementHandler handler, TimeProvider clock, HttpContext http, CancellationToken ct, DateTimeOffset? from = null, DateTimeOffset? to = null, string? format = null)
    {
        var end = to ?? clock.GetUtcNow();
        var result = await handler.HandleAsync(new GetCarrierStatementQuery(http.User.PartyId(), from ?? end.AddDays(-30), end), ct);
        if (!string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return ApiResults.From(result, http, TypedResults.Ok);
        }

        return ApiResults.From(result, http, s =>
        {
            var csv = new StringBuilder("at_utc,kind,booking_id,amount_pkr,balance_pkr\r\n");
            foreach (var line in s.Lines)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{line.At.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{line.Kind},{line.BookingId},")
                   .Append((line.Amount.Paisa / 100m).ToString("0.00", CultureInfo.InvariantCulture)).Append(',')
                   .Append((line.BalanceAfter.Paisa / 100m).ToString("0.00", CultureInfo.InvariantCulture)).Append("\r\n");
            }

            return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", "pakload-statement.csv");
        });
    }
}
