using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PakLoad.Core.Data;
using PakLoad.Core.Parties;

namespace PakLoad.IntegrationTests.Infrastructure;

/// <summary>
/// The real host in process on a fresh, migrated PostgreSQL database and the test Redis, for API tests.
/// One per test class (IClassFixture); every class gets its own database.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Another host whose database this one uses: a second instance of the same deployment.</summary>
    public ApiFactory? SharesDatabaseWith { get; init; }

    /// <summary>
    /// The host's clock when a test moves time (e.g. a <see cref="ShiftedClock"/>); the system clock otherwise. Only
    /// the factory that sets it is affected: every other test class has its own host.
    /// </summary>
    public TimeProvider? Clock { get; init; }

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
        // A second host instance on the same database (several instances behind a load balancer) shares it.
        _database = SharesDatabaseWith?.Database ?? await TestDatabase.CreateAsync(Provider.Postgres);
        _redis = await TestServers.RedisAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null && SharesDatabaseWith is null)
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

        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(clock);
            });
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
        var e164 = PhoneNumber.Parse(phone).ValueOrThrow();
        return await SentCodeAsync(o => o.RecipientPhone == e164 && o.TemplateKey == "notifications.auth.code");
    }

    /// <summary>
    /// The one-time code of the newest matching notification: from the outbox row while it is pending, else from the
    /// words that went to the channel (the outbox blanks a code once it is delivered).
    /// </summary>
    public async Task<string> SentCodeAsync(System.Linq.Expressions.Expression<Func<Core.Notifications.OutboxMessage, bool>> which)
    {
        await using var db = _database.CreateContext();
        var message = await db.Outbox.AsNoTracking().Where(which).OrderByDescending(o => o.CreatedAt).FirstAsync();
        var code = message.Arguments[Core.Notifications.OutboxMessage.SecretArgument];
        if (!code.StartsWith('*'))
        {
            return code;
        }

        var sent = await db.ChannelOutbound.AsNoTracking().SingleAsync(o => o.DedupeKey == "outbox:" + message.DedupeKey);
        return System.Text.RegularExpressions.Regex.Match(sent.Payload, @"code:? (\d+)").Groups[1].Value;
    }

    public PakLoadDbContext CreateDbContext() => _database.CreateContext();

    /// <summary>Asks the database every 100 ms, for up to 30 s, until <paramref name="probe"/> finds what a background worker should write.</summary>
    public async Task<T> WaitForAsync<T>(Func<PakLoadDbContext, Task<T?>> probe)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        for (var i = 0; i < 300; i++)
        {
            await using var db = CreateDbContext();
            if (await probe(db) is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The background workers did not get there in 30 s.");
    }
}

/// <summary>An HttpClient carrying a party's access token.</summary>
public sealed record SignedInClient(HttpClient Client, Guid PartyId, string RefreshToken);
