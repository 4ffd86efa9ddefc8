using PakLoad.Core.Common;
using PakLoad.Core.Parties;

namespace PakLoad.Core.Auth;

/// <summary>A one-time sign-in code sent to a phone: stored hashed, short-lived, single use, limited tries.</summary>
public sealed class OtpChallenge
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    public const int MaxAttempts = 5;

    private OtpChallenge()
    {
    }

    public OtpChallengeId Id { get; private set; }

    public PhoneNumber Phone { get; private set; } = null!;

    public string CodeHash { get; private set; } = string.Empty;

    public int Attempts { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? ConsumedAt { get; private set; }

    public static OtpChallenge Issue(PhoneNumber phone, string codeHash, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        return new OtpChallenge
        {
            Id = OtpChallengeId.New(clock),
            Phone = phone ?? throw new ArgumentNullException(nameof(phone)),
            CodeHash = codeHash ?? throw new ArgumentNullException(nameof(codeHash)),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
    }

    public bool IsUsable(TimeProvider clock) =>
        ConsumedAt is null && Attempts < MaxAttempts && (clock ?? throw new ArgumentNullException(nameof(clock))).GetUtcNow() < ExpiresAt;

    public void RecordFailedAttempt() => Attempts++;

    public void Consume(TimeProvider clock) => ConsumedAt = (clock ?? throw new ArgumentNullException(nameof(clock))).GetUtcNow();
}
