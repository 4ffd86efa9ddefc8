using PakLoad.Core.Common;

namespace PakLoad.Core.Auth;

/// <summary>
/// A refresh token, stored as a hash. Each use rotates it (the old one is revoked and points to its
/// successor); presenting a revoked token again means it leaked, so its whole family is revoked.
/// </summary>
public sealed class RefreshToken
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private RefreshToken()
    {
    }

    public RefreshTokenId Id { get; private set; }

    public PartyId PartyId { get; private set; }

    /// <summary>All tokens rotated from one sign-in share a family.</summary>
    public Guid FamilyId { get; private set; }

    public string TokenHash { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public RefreshTokenId? ReplacedBy { get; private set; }

    public static RefreshToken Issue(PartyId party, Guid familyId, string tokenHash, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        return new RefreshToken
        {
            Id = RefreshTokenId.New(clock),
            PartyId = party,
            FamilyId = familyId,
            TokenHash = tokenHash ?? throw new ArgumentNullException(nameof(tokenHash)),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
    }

    public bool IsActive(TimeProvider clock) =>
        RevokedAt is null && (clock ?? throw new ArgumentNullException(nameof(clock))).GetUtcNow() < ExpiresAt;

    public void Revoke(TimeProvider clock, RefreshTokenId? replacedBy = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        RevokedAt ??= clock.GetUtcNow();
        ReplacedBy ??= replacedBy;
    }
}
