using PakLoad.Api.Auth;
using PakLoad.Api.Http;
using PakLoad.Core.Common;
using PakLoad.Core.DeadLetters;

namespace PakLoad.Api.Endpoints;

/// <summary>Admin tooling: the channel dead letters the back office shows at /admin/dead-letters, as JSON.</summary>
internal static class DeadLetterEndpoints
{
    public static IEndpointRouteBuilder MapDeadLetters(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/dead-letters").WithTags("Admin").RequireAuthorization().RequireRateLimiting(RateLimitSetup.Api);
        group.MapGet("/", List).WithSummary("Admin: inbound messages and outbound sends the channel workers gave up on, newest first");
        group.MapPost("/{direction}/{id:long}/retry", Retry).WithSummary("Admin: put a dead letter back as pending (attempts reset); already pending changes nothing");
        group.MapPost("/{direction}/{id:long}/discard", Discard).WithSummary("Admin: set a dead letter aside (kept, marked with who and when)");
        return app;
    }

    private static async Task<IResult> List(
        ListDeadLettersHandler handler, HttpContext http, CancellationToken ct, string? direction = null, string? channel = null, int page = 1, int pageSize = Paging.DefaultPageSize) =>
        ApiResults.From(await handler.HandleAsync(new ListDeadLettersQuery(http.User.PartyId(), direction, channel, page, pageSize), ct), http, TypedResults.Ok);

    private static async Task<IResult> Retry(string direction, long id, RetryDeadLetterHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(await handler.HandleAsync(new RetryDeadLetterCommand(http.User.PartyId(), direction, id), ct), http, TypedResults.Ok);

    private static async Task<IResult> Discard(string direction, long id, DiscardDeadLetterHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(await handler.HandleAsync(new DiscardDeadLetterCommand(http.User.PartyId(), direction, id), ct), http, TypedResults.Ok);
}
