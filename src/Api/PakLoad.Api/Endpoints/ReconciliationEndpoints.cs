using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using PakLoad.Api.Auth;
using PakLoad.Api.Http;
using PakLoad.Api.Jobs;
using PakLoad.Core.Common;
using PakLoad.Core.Reconciliation;

namespace PakLoad.Api.Endpoints;

public sealed record ResolveCaseRequest(string? Note);

public sealed record ReconcileRequest(string? Provider, string? Day);

/// <summary>
/// Admin only (anyone else gets 404, as for other admin objects): the open reconciliation cases, closing one with a
/// note, running a provider's day now, and reconciling an uploaded settlement file (a wallet's or bank's CSV).
/// </summary>
internal static class ReconciliationEndpoints
{
    /// <summary>A day of a Pakistani wallet's settlements is a few MB at most; bigger is not a settlement file.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    public static bool IsSettlementFile(PathString path) =>
        path.StartsWithSegments("/api/v1/admin/reconciliation/runs", StringComparison.OrdinalIgnoreCase)
        && path.Value!.EndsWith("/file", StringComparison.OrdinalIgnoreCase);

    public static IEndpointRouteBuilder MapReconciliation(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/reconciliation").WithTags("Reconciliation").RequireAuthorization().RequireRateLimiting(RateLimitSetup.Api);
        group.MapGet("/cases", List).WithSummary("Admin: reconciliation cases (open by default)");
        group.MapPost("/cases/{id:guid}/resolve", Resolve).WithSummary("Admin: close a case with a note");
        group.MapPost("/runs", Run).WithSummary("Admin: reconcile a provider's day now (its report fetched from the provider)");
        group.MapPost("/runs/{provider}/{day}/file", Upload).WithSummary("Admin: reconcile a provider's day against an uploaded settlement CSV")
            .Accepts<string>("text/csv");
        return app;
    }

    private static async Task<IResult> List(
        ListReconciliationCasesHandler handler, HttpContext http, CancellationToken ct, CaseStatus? status = null, string? provider = null,
        int page = 1, int pageSize = Paging.DefaultPageSize) =>
        // Open cases unless asked otherwise. (A non-null enum default here breaks the OpenAPI document: it is stored as an int.)
        ApiResults.From(await handler.HandleAsync(new ListReconciliationCasesQuery(http.User.PartyId(), status ?? CaseStatus.Open, provider, page, pageSize), ct), http, TypedResults.Ok);

    private static async Task<IResult> Resolve(Guid id, ResolveCaseRequest request, ResolveReconciliationCaseHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(
            await handler.HandleAsync(new ResolveReconciliationCaseCommand(http.User.PartyId(), ReconciliationCaseId.From(id), request.Note), ct), http, TypedResults.Ok);

    private static async Task<IResult> Run(
        ReconcileRequest request, ReconcileSettlementHandler handler, IPakLoadDb db, ILogger<ReconcileSettlementHandler> logger, HttpContext http, CancellationToken ct)
    {
        if (!await ReconciliationAccess.IsAdminAsync(db, http.User.PartyId(), ct))
        {
            return ApiResults.Problem(Error.Of("errors.not_found"), http);
        }

        if (!TryDay(request.Day, out var day))
        {
            return ApiResults.Problem(Error.Of("errors.reconciliation.day_invalid"), http);
        }

        return Answer(await handler.HandleAsync(new ReconcileSettlementCommand(request.Provider ?? string.Empty, day), ct), logger, http);
    }

    private static async Task<IResult> Upload(
        string provider, string day, ReconcileSettlementHandler handler, IPakLoadDb db, ILogger<ReconcileSettlementHandler> logger, HttpContext http, CancellationToken ct)
    {
        if (!await ReconciliationAccess.IsAdminAsync(db, http.User.PartyId(), ct))
        {
            return ApiResults.Problem(Error.Of("errors.not_found"), http);
        }

        if (!TryDay(day, out var settled))
        {
            return ApiResults.Problem(Error.Of("errors.reconciliation.day_invalid"), http);
        }

        if (http.Request.ContentLength is > MaxFileBytes)
        {
            return ApiResults.Problem(Error.Of("errors.request.too_large"), http);
        }

        // The host-wide 64 KB limit is lifted for this route only (admin-only, and still bounded here).
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxFileBytes;
        }

        var text = new StringBuilder();
        try
        {
            using var reader = new StreamReader(http.Request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
            var chunk = new char[16 * 1024];
            int read;
            while ((read = await reader.ReadAsync(chunk.AsMemory(), ct)) > 0)
            {
                if (text.Length + read > MaxFileBytes)
                {
                    return ApiResults.Problem(Error.Of("errors.request.too_large"), http);
                }

                text.Append(chunk, 0, read);
            }
        }
        catch (DecoderFallbackException)
        {
            return ApiResults.Problem(Error.Of("errors.reconciliation.file_invalid", ("line", "0"), ("column", "encoding")), http);
        }

        var report = SettlementFile.Parse(provider, settled, text.ToString());
        if (!report.IsSuccess)
        {
            return ApiResults.Problem(report.Error!, http);
        }

        return Answer(await handler.HandleAsync(new ReconcileSettlementCommand(provider, settled, report.Value), ct), logger, http);
    }

    private static IResult Answer(Result<ReconciliationOutcome> result, ILogger logger, HttpContext http)
    {
        if (result.IsSuccess)
        {
            ReconciliationAlerts.Report(logger, result.Value!);
        }

        return ApiResults.From(result, http, TypedResults.Ok);
    }

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
