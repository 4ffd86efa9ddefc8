using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Parties;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Api;

/// <summary>Sign-in by phone and one-time code, tokens, refresh rotation, and the HTTP guards, on real PostgreSQL.</summary>
public sealed class AuthApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task SignIn_NewNumber_RegistersThePartyWithNameAndRole()
    {
        var carrier = await api.SignInAsync("0301 1000001", role: "Carrier", name: "Ghulam Rasool");

        var me = await carrier.Client.GetFromJsonAsync<JsonElement>("/api/v1/me");

        Assert.Equal("+923011000001", me.GetProperty("phone").GetString());
        Assert.Equal("Ghulam Rasool", me.GetProperty("name").GetString());
        Assert.Equal(["Carrier"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
    }

    [Fact]
    public async Task SendCode_KnownAndUnknownNumbers_AnswerIdentically()
    {
        await api.SignInAsync("0301 1000002");
        var client = api.CreateClient();

        using var known = await client.PostAsJsonAsync("/api/v1/auth/code", new { phone = "0301 1000002" });
        using var unknown = await client.PostAsJsonAsync("/api/v1/auth/code", new { phone = "0301 1000003" });

        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Verify_WrongCodeFiveTimes_LocksTheChallengeAndNothingIsCreated()
    {
        var client = api.CreateClient();
        (await client.PostAsJsonAsync("/api/v1/auth/code", new { phone = "0301 1000004" })).EnsureSuccessStatusCode();
        var code = await api.LatestCodeAsync("0301 1000004");
        var wrong = code == "000000" ? "111111" : "000000";

        for (var i = 0; i < 5; i++)
        {
            using var refused = await client.PostAsJsonAsync("/api/v1/auth/verify", new { phone = "0301 1000004", code = wrong, name = "X", role = "Shipper" });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Equal("errors.auth.code_invalid", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        using var late = await client.PostAsJsonAsync("/api/v1/auth/verify", new { phone = "0301 1000004", code, name = "X", role = "Shipper" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        await using var db = api.CreateDbContext();
        Assert.False(await db.Parties.AnyAsync(p => p.Phone == PhoneNumber.Parse("03011000004").ValueOrThrow()));
    }

    [Fact]
    public async Task Verify_NewNumberAskingForAdmin_IsRefusedInTheCallersLanguage()
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("ur"));
        (await client.PostAsJsonAsync("/api/v1/auth/code", new { phone = "0301 1000005" })).EnsureSuccessStatusCode();
        var code = await api.LatestCodeAsync("0301 1000005");

        using var refused = await client.PostAsJsonAsync("/api/v1/auth/verify", new { phone = "0301 1000005", code, name = "Boss", role = "Admin" });
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("errors.auth.role_invalid", problem.GetProperty("code").GetString());
        Assert.Contains("شپر", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendCode_FourthCodeForOnePhone_IsRefusedWithRetryAfter()
    {
        var client = api.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            (await client.PostAsJsonAsync("/api/v1/auth/code", new { phone = "0301 1000006" })).EnsureSuccessStatusCode();
        }

        using var fourth = await client.PostAsJsonAsync("/api/v1/auth/code", new { phone = "0301 1000006" });

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.True(int.Parse(fourth.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        await using var db = api.CreateDbContext();
        Assert.Equal(3, await db.OtpChallenges.CountAsync(o => o.Phone == PhoneNumber.Parse("03011000006").ValueOrThrow()));
    }

    [Fact]
    public async Task Refresh_TokenUsedTwice_RevokesTheWholeFamily()
    {
        var party = await api.SignInAsync("0301 1000007");
        var client = api.CreateClient();

        using var first = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = party.RefreshToken });
        var rotated = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString();
        using var reuse = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = party.RefreshToken });
        using var afterReuse = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = rotated });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(party.RefreshToken, rotated);
        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterReuse.StatusCode);
    }

    [Fact]
    public async Task Refresh_SameTokenTenTimesAtOnce_RotatesExactlyOnce()
    {
        var party = await api.SignInAsync("0301 1000008");

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            using var response = await api.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = party.RefreshToken });
            return response.StatusCode;
        }));

        // The conditional update lets exactly one rotate; every other presentation counts as reuse.
        Assert.Equal(1, answers.Count(a => a == HttpStatusCode.OK));
        Assert.Equal(9, answers.Count(a => a == HttpStatusCode.Unauthorized));
        await using var db = api.CreateDbContext();
        var partyId = Core.Common.PartyId.From(party.PartyId);
        Assert.Equal(1, await db.RefreshTokens.CountAsync(t => t.PartyId == partyId && t.ReplacedBy != null));
    }

    [Fact]
    public async Task Me_WithoutToken_Is401()
    {
        using var response = await api.CreateClient().GetAsync(new Uri("/api/v1/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SendCode_WithIdempotencyKey_RepliesOnceAndReplaysTheAnswer()
    {
        var client = api.CreateClient();
        using var first = Post(client, "/api/v1/auth/code", """{"phone":"0301 1000009"}""", "otp-key-1");
        using var firstResponse = await client.SendAsync(first);
        using var again = Post(client, "/api/v1/auth/code", """{"phone":"0301 1000009"}""", "otp-key-1");
        using var againResponse = await client.SendAsync(again);
        using var other = Post(client, "/api/v1/auth/code", """{"phone":"0301 1000010"}""", "otp-key-1");
        using var otherResponse = await client.SendAsync(other);

        Assert.Equal(HttpStatusCode.Accepted, firstResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, againResponse.StatusCode);
        Assert.Equal("true", againResponse.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await firstResponse.Content.ReadAsStringAsync(), await againResponse.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherResponse.StatusCode);
        await using var db = api.CreateDbContext();
        Assert.Equal(1, await db.OtpChallenges.CountAsync(o => o.Phone == PhoneNumber.Parse("03011000009").ValueOrThrow()));
        Assert.Equal(0, await db.OtpChallenges.CountAsync(o => o.Phone == PhoneNumber.Parse("03011000010").ValueOrThrow()));
    }

    [Fact]
    public async Task Post_OversizedBody_Is413AndStoresNothing()
    {
        var client = api.CreateClient();
        var huge = "{\"phone\":\"0301 1000011\",\"pad\":\"" + new string('x', 100_000) + "\"}";

        using var response = await client.PostAsync(new Uri("/api/v1/auth/code", UriKind.Relative), new StringContent(huge, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await using var db = api.CreateDbContext();
        Assert.Equal(0, await db.OtpChallenges.CountAsync(o => o.Phone == PhoneNumber.Parse("03011000011").ValueOrThrow()));
    }

    [Theory]
    [InlineData("{\"phone\":")]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    public async Task Post_MalformedBody_Is400(string body)
    {
        using var response = await api.CreateClient().PostAsync(new Uri("/api/v1/auth/code", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheApiAndTheReferencePageServesIt()
    {
        var client = api.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        using var reference = await client.GetAsync(new Uri("/api/reference", UriKind.Relative));

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/auth/code", out _));
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("PakLoad API", await reference.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Post(HttpClient client, string path, string json, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(client.BaseAddress!, path)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}
