using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PakLoad.Core.Common;
using PakLoad.Core.DeadLetters;
using PakLoad.Core.Localization;

namespace PakLoad.Admin.Areas.Admin.Pages.DeadLetters;

/// <summary>
/// The channel dead letters: inbound messages whose turn kept failing and sends the provider kept refusing, newest
/// first, with retry and discard. Admins only (the role in the token, and Core checks the party again); phones are
/// masked and one-time codes never shown. Actions are anti-forgery POSTs that redirect back (refresh-safe).
/// </summary>
[Authorize(Roles = "Admin")]
public sealed class IndexModel(
    ListDeadLettersHandler list, RetryDeadLetterHandler retry, DiscardDeadLetterHandler discard, LocaleCatalog locales) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Direction { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Channel { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>What the last action did: a locale key under admin.dead_letters.notice, or an error's key.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Notice { get; set; }

    public Paged<DeadLetterView>? Letters { get; private set; }

    public string? ErrorText { get; private set; }

    public Language Language { get; private set; } = Language.En;

    public string T(string key, params (string Name, string Value)[] args) => locales.Format(key, Language, args);

    public int PageCount => Letters is { } l ? Math.Max(1, (l.Total + l.PageSize - 1) / l.PageSize) : 1;

    /// <summary>Karachi time: what the admins and the users who wrote live by.</summary>
    public static string When(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, PakistanTime.Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Language = LanguageOf(HttpContext);
        var result = await list.HandleAsync(new ListDeadLettersQuery(Admin(), Direction, Channel, PageNumber, Paging.DefaultPageSize), ct);
        if (!result.IsSuccess)
        {
            if (result.Error.Key == "errors.forbidden")
            {
                return Forbid();
            }

            ErrorText = locales.Format(result.Error, Language);
            return Page();
        }

        Letters = result.Value;
        return Page();
    }

    /// <summary><paramref name="box"/> is the row's direction ("inbound", "outbound"); the filter fields ride along for the way back.</summary>
    public async Task<IActionResult> OnPostRetryAsync(string? box, long id, CancellationToken ct) =>
        After(await retry.HandleAsync(new RetryDeadLetterCommand(Admin(), box, id), ct), "admin.dead_letters.notice.retried");

    public async Task<IActionResult> OnPostDiscardAsync(string? box, long id, CancellationToken ct) =>
        After(await discard.HandleAsync(new DiscardDeadLetterCommand(Admin(), box, id), ct), "admin.dead_letters.notice.discarded");

    /// <summary>The notice to show when the list comes back, or null for an unknown one (the query string is the caller's).</summary>
    public string? NoticeText() => Notice switch
    {
        "admin.dead_letters.notice.retried" or "admin.dead_letters.notice.discarded" or "admin.dead_letters.notice.unchanged"
            or "errors.dead_letter.not_dead" or "errors.dead_letter.direction_invalid" or "errors.not_found" => T(Notice),
        _ => null,
    };

    private IActionResult After(Result<DeadLetterActionResult> result, string done)
    {
        if (result is { IsSuccess: false, Error.Key: "errors.forbidden" })
        {
            return Forbid();
        }

        var notice = !result.IsSuccess ? result.Error.Key : result.Value.Changed ? done : "admin.dead_letters.notice.unchanged";
        return RedirectToPage(new { Direction, Channel, p = PageNumber, notice });
    }

    private PartyId Admin() =>
        PartyId.From(Guid.Parse(User.FindFirstValue("sub") ?? throw new InvalidOperationException("Not signed in.")));

    /// <summary>The admin's language from the token, else Accept-Language, else English.</summary>
    private static Language LanguageOf(HttpContext http)
    {
        if (http.User.FindFirstValue("lang") is { } claimed && LanguageCodes.Parse(claimed) is { IsSuccess: true } fromClaim)
        {
            return fromClaim.Value;
        }

        foreach (var header in http.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(h => h.Quality ?? 1))
        {
            if (LanguageCodes.Parse(header.Value.Value ?? string.Empty) is { IsSuccess: true } parsed)
            {
                return parsed.Value;
            }
        }

        return Language.En;
    }
}
