using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Auth;
using PakLoad.Core.Parties;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Api;

/// <summary>The per-phone sign-in quotas and code handling, with a clock the test moves, on real PostgreSQL.</summary>
public sealed class SignInQuotaTests
{
    private static readonly CodeHasher Hasher = new(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public async Task RequestCode_EleventhInADay_IsRefusedEvenWhenSpreadOut()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Postgres);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero));
        var answers = new List<string?>();
        for (var i = 0; i < 11; i++)
        {
            await using var db = database.CreateContext();
            var result = await new RequestSignInCodeHandler(db, clock, Hasher).HandleAsync(new RequestSignInCodeCommand("0300 5550001"), default);
            answers.Add(result.IsSuccess ? "sent" : result.Error.Key);
            clock.Advance(TimeSpan.FromMinutes(16)); // always outside the 15-minute window
        }

        Assert.Equal(Enumerable.Repeat("sent", 10).Append("errors.request.rate_limited"), answers);
    }

    [Fact]
    public async Task VerifyCode_WithTheNewestCode_KillsTheOlderLiveCodes()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Postgres);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero));
        for (var i = 0; i < 2; i++)
        {
            await using var db = database.CreateContext();
            (await new RequestSignInCodeHandler(db, clock, Hasher).HandleAsync(new RequestSignInCodeCommand("0300 5550002"), default)).ValueOrThrow();
            clock.Advance(TimeSpan.FromSeconds(30));
        }

        string newest;
        await using (var db = database.CreateContext())
        {
            var codes = await db.Outbox.AsNoTracking().Where(o => o.TemplateKey == "notifications.auth.code").OrderBy(o => o.CreatedAt).ToListAsync();
            newest = codes[^1].Arguments["code"];
            var stored = await db.OtpChallenges.AsNoTracking().OrderBy(o => o.CreatedAt).Select(o => o.CodeHash).ToListAsync();
            Assert.Equal(Hasher.Hash(PhoneNumber.Parse("03005550002").ValueOrThrow(), newest, CodeHasher.SignIn), stored[^1]);
        }

        await using (var db = database.CreateContext())
        {
            var signedIn = await new VerifySignInCodeHandler(db, clock, Hasher).HandleAsync(new VerifySignInCodeCommand("0300 5550002", newest, "Asad", "Carrier", "ur"), default);
            Assert.True(signedIn.IsSuccess, signedIn.ToString());
        }

        await using var check = database.CreateContext();
        Assert.Equal(0, await check.OtpChallenges.CountAsync(o => o.ConsumedAt == null));
    }
}
