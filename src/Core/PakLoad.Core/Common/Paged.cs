using Microsoft.EntityFrameworkCore;

namespace PakLoad.Core.Common;

/// <summary>One page of a list: <see cref="Page"/> counts from 1; <see cref="Total"/> is the count over all pages.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>How every list in the marketplace pages: 1-based pages, 20 rows by default, never more than 100.</summary>
public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Out-of-range values are clamped rather than refused: the page that comes back says what was used.</summary>
    public static (int Page, int PageSize) Normalize(int page, int pageSize) =>
        (Math.Max(1, page), pageSize < 1 ? DefaultPageSize : Math.Min(pageSize, MaxPageSize));

    /// <summary>Counts, then reads one page of an already ordered query and maps each row.</summary>
    public static async Task<Paged<TOut>> ToPagedAsync<TIn, TOut>(
        this IQueryable<TIn> ordered, int page, int pageSize, Func<TIn, TOut> map, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(map);
        var (number, size) = Normalize(page, pageSize);
        var total = await ordered.CountAsync(ct);
        var rows = await ordered.Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<TOut>(rows.Select(map).ToList(), number, size, total);
    }
}
