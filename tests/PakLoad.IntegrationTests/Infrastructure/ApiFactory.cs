using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Data;
using PakLoad.Core.Parties;

namespace PakLoad.IntegrationTests.Infrastructure;

/// <summary>
/// The real host in process on a fresh, migrated PostgreSQL database and the test Redis, for API tests.
/// One per test class (IClassFixture); every class gets its own database.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("pakload-api-").FullName;
    private TestDatabase _database = null!;
    private string _redis = null!;

    public TestDatabase Database => _database;

    /// <summary>Extra settings a test class needs (e.g. tighter rate limits), applied on top of the defaults.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal)
    {
        ["PakLoad:RateLimit:PerSecond"] = "1000",
        ["PakLoad:RateLimit:Burst"] = "1000",
        ["PakLoad:RateLimit:SignInPerMinute"] = "1000",
    };

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider.Postgres);
        _redis = await TestServers.RedisAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Postgres", _database.ConnectionString);
        builder.UseSetting("ConnectionStrings:Redis", _redis);
        builder.UseSetting("PakLoad:MigrateAtStart", "true");
        builder.UseSetting("PakLoad:DataDirectory", _dataDirectory);
        builder.UseSetting("Auth:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Signs a number in through the real endpoints, reading the code from the outbox as an SMS would carry it.</summary>
    public async Task<SignedInClient> SignInAsync(string phone, string role = "Shipper", string name = "Test Party")
    {
        var client = CreateClient();
        using (var sent = await client.PostAsJsonAsync("/api/v1/auth/code", new { phone }))
        {
            sent.EnsureSuccessStatusCode();
        }

        var code = await LatestCodeAsync(phone);
        using var verified = await client.PostAsJsonAsync("/api/v1/auth/verify", new { phone, code, name, role });
        verified.EnsureSuccessStatusCode();
        var session = await verified.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("accessToken").GetString());
        return new SignedInClient(client, Guid.Parse(session.GetProperty("party").GetProperty("id").GetString()!), session.GetProperty("refreshToken").GetString()!);
    }

    public async Task<string> LatestCodeAsync(string phone)
    {
        await using var db = _database.CreateContext();
        var e164 = PhoneNumber.Parse(phone).ValueOrThrow();
        var message = await db.Outbox.AsNoTracking()
            .Where(o => o.RecipientPhone == e164 && o.TemplateKey == "notifications.auth.code")
            .OrderByDescending(o => o.CreatedAt)
            .FirstAsync();
        return message.Arguments["code"];
    }

    public PakLoadDbContext CreateDbContext() => _database.CreateContext();
}

/// <summary>An HttpClient carrying a party's access token.</summary>
public sealed record SignedInClient(HttpClient Client, Guid PartyId, string RefreshToken);
