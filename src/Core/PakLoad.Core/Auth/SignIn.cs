using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;

namespace PakLoad.Core.Auth;

/// <summary>
/// Proves a phone with its code and opens a session: the party (registered now if the number is new, with
/// the name and role given) and a refresh token of a new family. Wrong, expired and unknown all read the same.
/// </summary>
public sealed record VerifySignInCodeCommand(string? Phone, string? Code, string? Name, string? Role, string? Language);

public sealed record SignedIn(Party Party, string RefreshToken);

public sealed class VerifySignInCodeHandler(IPakLoadDb db, TimeProvider clock, CodeHasher hasher)
{
    private static readonly PartyRole[] SelfServiceRoles = [PartyRole.Shipper, PartyRole.Carrier, PartyRole.Driver, PartyRole.Broker];

    public async Task<Result<SignedIn>> HandleAsync(VerifySignInCodeCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var phone = PhoneNumber.Parse(command.Phone);
        if (!phone.IsSuccess)
        {
            return phone.Error;
        }

        var challenge = await db.OtpChallenges
            .Where(o => o.Phone == phone.Value && o.ConsumedAt == null)
            .OrderByDescending(o => o.CreatedAt)
            .FirstOrDefaultAsync(ct);
        var code = TextFold.CleanIdentifier(command.Code ?? string.Empty);
        if (challenge is null || !challenge.IsUsable(clock))
        {
            return Error.Of("errors.auth.code_invalid");
        }

        if (!hasher.Matches(phone.Value, code, CodeHasher.SignIn, challenge.CodeHash))
        {
            challenge.RecordFailedAttempt();
            await db.SaveChangesAsync(ct);
            return Error.Of("errors.auth.code_invalid");
        }

        var party = await db.Parties.SingleOrDefaultAsync(p => p.Phone == phone.Value, ct);
        if (party is null)
        {
            var registered = Register(phone.Value, command);
            if (!registered.IsSuccess)
            {
                return registered.Error; // the code stays usable: the caller fixes the name or role and retries
            }

            party = registered.Value;
            db.Parties.Add(party);
        }

        challenge.Consume(clock);

        // One code signed in: every other live code for this phone dies with it.
        var now = clock.GetUtcNow();
        await db.OtpChallenges
            .Where(o => o.Phone == phone.Value && o.ConsumedAt == null && o.Id != challenge.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ConsumedAt, now), ct);
        var token = Secrets.NewToken();
        db.RefreshTokens.Add(RefreshToken.Issue(party.Id, Guid.CreateVersion7(clock.GetUtcNow()), Secrets.Hash("refresh", token), clock));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (db.IsConflict(ex))
        {
            db.DiscardChanges(); // the same code verified twice at once, or the same number registered twice
            return Error.Of("errors.auth.code_invalid");
        }

        return new SignedIn(party, token);
    }

    private Result<Party> Register(PhoneNumber phone, VerifySignInCodeCommand command)
    {
        if (!Enum.TryParse<PartyRole>(command.Role, ignoreCase: true, out var role) || !SelfServiceRoles.Contains(role))
        {
            return Error.Of("errors.auth.role_invalid");
        }

        var language = string.IsNullOrWhiteSpace(command.Language) ? Common.Language.UrLatn : LanguageCodes.Parse(command.Language);
        return language.IsSuccess ? Party.Register(phone, command.Name, role, language.Value, Channel.Web, clock) : language.Error;
    }
}

/// <summary>
/// Swaps a refresh token for a new one of the same family. A token presented after it was rotated means it
/// was copied: the whole family is revoked and the caller must sign in again.
/// </summary>
public sealed record RefreshSessionCommand(string? RefreshToken);

public sealed class RefreshSessionHandler(IPakLoadDb db, TimeProvider clock)
{
    public async Task<Result<SignedIn>> HandleAsync(RefreshSessionCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.RefreshToken) || command.RefreshToken.Length > 100)
        {
            return Error.Of("errors.auth.token_invalid");
        }

        var hash = Secrets.Hash("refresh", command.RefreshToken);
        var current = await db.RefreshTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (current is null || clock.GetUtcNow() >= current.ExpiresAt)
        {
            return Error.Of("errors.auth.token_invalid");
        }

        var now = clock.GetUtcNow();
        if (current.RevokedAt is not null)
        {
            await RevokeFamilyAsync(current.FamilyId, now, ct);
            return Error.Of("errors.auth.token_invalid");
        }

        // Conditional update: of two concurrent refreshes with one token, exactly one rotates it.
        var rotated = await db.RefreshTokens
            .Where(t => t.Id == current.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        if (rotated == 0)
        {
            await RevokeFamilyAsync(current.FamilyId, now, ct);
            return Error.Of("errors.auth.token_invalid");
        }

        var party = await db.Parties.SingleAsync(p => p.Id == current.PartyId, ct);
        var token = Secrets.NewToken();
        var next = RefreshToken.Issue(party.Id, current.FamilyId, Secrets.Hash("refresh", token), clock);
        db.RefreshTokens.Add(next);
        current.Revoke(clock, next.Id);
        await db.SaveChangesAsync(ct);
        return new SignedIn(party, token);
    }

    private Task<int> RevokeFamilyAsync(Guid family, DateTimeOffset now, CancellationToken ct) =>
        db.RefreshTokens
            .Where(t => t.FamilyId == family && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
}

/// <summary>Signs out: revokes the presented refresh token's family. Unknown tokens are ignored (idempotent).</summary>
public sealed record SignOutCommand(string? RefreshToken);

public sealed class SignOutHandler(IPakLoadDb db, TimeProvider clock)
{
    public async Task<Result<bool>> HandleAsync(SignOutCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.RefreshToken) || command.RefreshToken.Length > 100)
        {
            return true;
        }

        var hash = Secrets.Hash("refresh", command.RefreshToken);
        var family = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).SingleOrDefaultAsync(ct);
        if (family is { } id)
        {
            var now = clock.GetUtcNow();
            await db.RefreshTokens.Where(t => t.FamilyId == id && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        }

        return true;
    }
}
