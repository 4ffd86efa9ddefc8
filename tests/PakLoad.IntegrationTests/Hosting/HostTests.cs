using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Hosting;

/// <summary>The real binary, started the two ways the README documents: no configuration, and PostgreSQL + Redis.</summary>
public sealed class HostTests
{
    [Fact]
    public async Task EmbeddedDefault_NoConfiguration_IsReadyOnSqliteWithSeededReferenceData()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("pakload-host-").FullName;
        try
        {
            await using var host = await HostProcess.StartAsync(new Dictionary<string, string> { ["PakLoad__DataDirectory"] = dataDirectory });

            var (status, ready) = await GetJsonAsync(host, "/health/ready");

            Assert.True(status == HttpStatusCode.OK, host.Output);
            Assert.Equal("Healthy", ready.GetProperty("status").GetString());
            Assert.Equal("sqlite", Check(ready, "database").GetProperty("data").GetProperty("provider").GetString());
            Assert.Equal("memory", Check(ready, "cache").GetProperty("data").GetProperty("provider").GetString());
            Assert.Equal("memory", Check(ready, "jobs").GetProperty("data").GetProperty("storage").GetString());
            Assert.True(File.Exists(Path.Combine(dataDirectory, "pakload.db")));

            var landing = await host.Client.GetStringAsync(new Uri("/", UriKind.Relative));
            Assert.Contains("href=\"/health/ready\"", landing, StringComparison.Ordinal);
            Assert.Contains("href=\"/jobs\"", landing, StringComparison.Ordinal);
            var urdu = await host.Client.GetStringAsync(new Uri("/?lang=ur", UriKind.Relative));
            Assert.Contains("dir=\"rtl\"", urdu, StringComparison.Ordinal);
            Assert.Contains("پاک لوڈ", urdu, StringComparison.Ordinal);

            var places = await host.Client.GetStringAsync(new Uri("/admin/places", UriKind.Relative));
            Assert.Contains("گوجرانوالہ", places, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Configured_PostgresAndRedisAfterMigrateCommand_IsReadyOnBoth()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Postgres, migrate: false);
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
            ["ConnectionStrings__Redis"] = await TestServers.RedisAsync(),
        };

        var (exitCode, migrateOutput) = await HostProcess.RunAsync(environment, "migrate");

        Assert.True(exitCode == 0, migrateOutput);
        Assert.Contains("Database (postgres) migrated", migrateOutput, StringComparison.Ordinal);
        await using (var db = database.CreateContext())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.True(await db.Places.CountAsync() >= 44);
        }

        await using var host = await HostProcess.StartAsync(environment);
        var (status, ready) = await GetJsonAsync(host, "/health/ready");

        Assert.True(status == HttpStatusCode.OK, $"{ready}\n{host.Output}");
        Assert.Equal("postgres", Check(ready, "database").GetProperty("data").GetProperty("provider").GetString());
        Assert.Equal("redis", Check(ready, "cache").GetProperty("data").GetProperty("provider").GetString());
        Assert.Equal("Healthy", Check(ready, "cache").GetProperty("status").GetString());
        Assert.Equal("postgres", Check(ready, "jobs").GetProperty("data").GetProperty("storage").GetString());
        var landing = await host.Client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.DoesNotContain("href=\"/jobs\"", landing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_PostgresNotMigrated_IsLiveButNotReady()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Postgres, migrate: false);
        await using var host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
        });

        var (readyStatus, ready) = await GetJsonAsync(host, "/health/ready");
        var (liveStatus, _) = await GetJsonAsync(host, "/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        Assert.Equal(HttpStatusCode.OK, liveStatus);
        var databaseCheck = Check(ready, "database");
        Assert.Equal("Unhealthy", databaseCheck.GetProperty("status").GetString());
        Assert.Contains("pending migration", databaseCheck.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_RedisUnreachable_IsNotReadyAndSaysWhy()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Postgres);
        await using var host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
            ["ConnectionStrings__Redis"] = "127.0.0.1:1,connectTimeout=500,syncTimeout=500",
        });

        var (status, ready) = await GetJsonAsync(host, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", Check(ready, "cache").GetProperty("status").GetString());
        Assert.Equal("Healthy", Check(ready, "database").GetProperty("status").GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(HostProcess host, string path)
    {
        using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(body);
        return (response.StatusCode, document.RootElement.Clone());
    }

    private static JsonElement Check(JsonElement report, string name) =>
        report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
}
