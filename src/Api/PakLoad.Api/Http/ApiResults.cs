using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PakLoad.Api.Auth;
using PakLoad.Core.Common;
using PakLoad.Core.Localization;

namespace PakLoad.Api.Http;

/// <summary>
/// The one bridge from Core's <see cref="Result{T}"/> to HTTP: success through the caller's mapping, errors
/// as RFC 9457 ProblemDetails whose detail is written in the caller's language, with the locale key as
/// <c>code</c> so clients can branch on it.
/// </summary>
internal static class ApiResults
{
    public static IResult From<T>(Result<T> result, HttpContext http, Func<T, IResult> onSuccess)
    {
        ArgumentNullException.ThrowIfNull(onSuccess);
        return result.IsSuccess ? onSuccess(result.Value) : Problem(result.Error, http);
    }

    public static ProblemHttpResult Problem(Error error, HttpContext http, int? status = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(http);
        var language = LanguageOf(http);
        var locales = http.RequestServices.GetRequiredService<LocaleCatalog>();
        var code = status ?? StatusFor(error.Key);
        if (code == StatusCodes.Status429TooManyRequests && error.Args.TryGetValue("seconds", out var seconds))
        {
            http.Response.Headers.RetryAfter = seconds;
        }

        return TypedResults.Problem(
            detail: locales.Format(error, language),
            statusCode: code,
            title: error.Key,
            type: $"https://pakload.pk/problems/{error.Key}",
            extensions: new Dictionary<string, object?>
            {
                ["code"] = error.Key,
                ["args"] = error.Args,
            });
    }

    /// <summary>Not found hides what the caller may not see; conflicts are races lost; the rest is bad input.</summary>
    public static int StatusFor(string key) => key switch
    {
        "errors.not_found" => StatusCodes.Status404NotFound,
        "errors.forbidden" => StatusCodes.Status403Forbidden,
        "errors.auth.token_invalid" => StatusCodes.Status401Unauthorized,
        "errors.request.rate_limited" => StatusCodes.Status429TooManyRequests,
        "errors.request.too_large" => StatusCodes.Status413PayloadTooLarge,
        "errors.conflict" or "errors.booking.conflict" or "errors.bid.duplicate" or "errors.rating.duplicate"
            or "errors.request.idempotency_in_progress" or "errors.escrow.already_funded" or "errors.escrow.closed"
            or "errors.escrow.already_resolved" or "errors.escrow.not_disputed" or "errors.payout.transition_invalid"
            or "errors.reconciliation.case_closed" or "errors.dead_letter.not_dead" => StatusCodes.Status409Conflict,
        "errors.payment.provider_failed" or "errors.reconciliation.report_unavailable" => StatusCodes.Status502BadGateway,
        _ when key.EndsWith(".not_open", StringComparison.Ordinal) || key.EndsWith(".not_live", StringComparison.Ordinal)
               || key == "errors.trip.transition_invalid" => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>The signed-in party's language, else Accept-Language (ur, ur-Latn, en), else English.</summary>
    public static Language LanguageOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.User.FindFirstValue(TokenIssuer.LanguageClaim) is { } claimed && LanguageCodes.Parse(claimed) is { IsSuccess: true } fromClaim)
        {
            return fromClaim.Value;
        }

        foreach (var header in http.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(h => h.Quality ?? 1))
        {
            if (LanguageCodes.Parse(header.Value.Value) is { IsSuccess: true } parsed)
            {
                return parsed.Value;
            }
        }

        return Language.En;
    }
}

/// <summary>One page of a list: the items, where we are, and how many there are in all.</summary>
internal sealed record PageResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
