using Microsoft.EntityFrameworkCore;
using PakLoad.Api.Auth;
using PakLoad.Api.Http;
using PakLoad.Core.Auth;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;

namespace PakLoad.Api.Endpoints;

public sealed record SendCodeRequest(string? Phone);

public sealed record SendCodeResponse(bool Sent, int ExpiresIn);

public sealed record VerifyCodeRequest(string? Phone, string? Code, string? Name, string? Role, string? Language);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record PartyResponse(Guid Id, string Phone, string Name, IReadOnlyList<string> Roles, string Language, string PreferredChannel)
{
    public static PartyResponse From(Party party) => new(
        party.Id.Value, party.Phone.E164, party.Name, party.Roles.Select(r => r.ToString()).ToList(), party.Language.ToCode(), party.PreferredChannel.ToString());
}

public sealed record SessionResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, PartyResponse Party);

/// <summary>Phone + one-time code sign-in, token refresh with rotation, sign-out, and who am I.</summary>
internal static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth").RequireRateLimiting(RateLimitSetup.SignIn);
        auth.MapPost("/code", SendCode).WithSummary("Send a one-time sign-in code by SMS (same answer for every valid number)");
        auth.MapPost("/verify", Verify).WithSummary("Verify the code; registers the number with name and role if new");
        auth.MapPost("/refresh", Refresh).WithSummary("Rotate the refresh token; a reused token revokes its family");
        auth.MapPost("/signout", SignOut).WithSummary("Revoke the session's refresh tokens");
        app.MapGet("/api/v1/me", Me).WithTags("Auth").RequireAuthorization().RequireRateLimiting(RateLimitSetup.Api);
        return app;
    }

    private static async Task<IResult> SendCode(SendCodeRequest request, RequestSignInCodeHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(await handler.HandleAsync(new RequestSignInCodeCommand(request.Phone), ct), http,
            sent => TypedResults.Accepted((string?)null, new SendCodeResponse(true, sent.ExpiresInSeconds)));

    private static async Task<IResult> Verify(VerifyCodeRequest request, VerifySignInCodeHandler handler, TokenIssuer tokens, HttpContext http, CancellationToken ct) =>
        ApiResults.From(
            await handler.HandleAsync(new VerifySignInCodeCommand(request.Phone, request.Code, request.Name, request.Role, request.Language), ct),
            http,
            signedIn => TypedResults.Ok(Session(signedIn, tokens)));

    private static async Task<IResult> Refresh(RefreshRequest request, RefreshSessionHandler handler, TokenIssuer tokens, HttpContext http, CancellationToken ct) =>
        ApiResults.From(await handler.HandleAsync(new RefreshSessionCommand(request.RefreshToken), ct), http, signedIn => TypedResults.Ok(Session(signedIn, tokens)));

    private static async Task<IResult> SignOut(RefreshRequest request, SignOutHandler handler, CancellationToken ct)
    {
        await handler.HandleAsync(new SignOutCommand(request.RefreshToken), ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Me(HttpContext http, IPakLoadDb db, CancellationToken ct)
    {
        var id = http.User.PartyId();
        var party = await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        return party is null ? ApiResults.Problem(Error.Of("errors.not_found"), http) : TypedResults.Ok(PartyResponse.From(party));
    }

    private static SessionResponse Session(SignedIn signedIn, TokenIssuer tokens)
    {
        var (access, expiresIn) = tokens.Issue(signedIn.Party);
        return new SessionResponse(access, "Bearer", expiresIn, signedIn.RefreshToken, PartyResponse.From(signedIn.Party));
    }
}
