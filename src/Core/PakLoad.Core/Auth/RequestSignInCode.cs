using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Notifications;
using PakLoad.Core.Parties;

namespace PakLoad.Core.Auth;

public sealed record RequestSignInCodeCommand(string? Phone);

public sealed record SignInCodeSent(int ExpiresInSeconds);

/// <summary>
/// Sends a one-time sign-in code to a phone through the outbox. The answer is the same whether or not the
/// number belongs to a party, so nobody can probe who uses PakLoad. At most <see cref="MaxCodesPerWindow"/>
/// codes per phone per <see cref="Window"/>, counted in the database so every instance agrees.
/// </summary>
public sealed class RequestSignInCodeHandler(IPakLoadDb db, TimeProvider clock, CodeHasher hasher)
{
    public const int MaxCodesPerWindow = 3;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public const int MaxCodesPerDay = 10;

    public async Task<Result<SignInCodeSent>> HandleAsync(RequestSignInCodeCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var phone = PhoneNumber.Parse(command.Phone);
        if (!phone.IsSuccess)
        {
            return phone.Error;
        }

        // Quotas against SMS pumping: 3 per 15 minutes and 10 per day per phone, counted where every instance sees them.
        var now = clock.GetUtcNow();
        var dayAgo = now - TimeSpan.FromDays(1);
        var sent = await db.OtpChallenges
            .Where(o => o.Phone == phone.Value && o.CreatedAt > dayAgo)
            .OrderBy(o => o.CreatedAt)
            .Select(o => o.CreatedAt)
            .ToListAsync(ct);
        var recent = sent.Where(at => at > now - Window).ToList();
        if (recent.Count >= MaxCodesPerWindow || sent.Count >= MaxCodesPerDay)
        {
            var until = sent.Count >= MaxCodesPerDay ? sent[^MaxCodesPerDay] + TimeSpan.FromDays(1) : recent[0] + Window;
            var wait = Math.Max(1, (int)Math.Ceiling((until - now).TotalSeconds));
            return Error.Of("errors.request.rate_limited", ("seconds", wait.ToString(CultureInfo.InvariantCulture)));
        }

        var code = Secrets.NewCode();
        var challenge = OtpChallenge.Issue(phone.Value, hasher.Hash(phone.Value, code, CodeHasher.SignIn), clock);
        db.OtpChallenges.Add(challenge);

        var party = await db.Parties.SingleOrDefaultAsync(p => p.Phone == phone.Value, ct);
        var dedupe = $"otp:{challenge.Id}";
        db.Outbox.Add(party is null
            ? OutboxMessage.ToPhone(phone.Value, "notifications.auth.code", dedupe, clock, ("code", code))
            : OutboxMessage.To(party, "notifications.auth.code", dedupe, clock, ("code", code)));
        await db.SaveChangesAsync(ct);
        return new SignInCodeSent((int)OtpChallenge.Lifetime.TotalSeconds);
    }
}
