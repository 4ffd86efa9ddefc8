using Testcontainers.PostgreSql;
using Testcontainers.Redis;

namespace PakLoad.IntegrationTests.Infrastructure;

/// <summary>
/// Where the real PostgreSQL and Redis are. scripts/test starts throwaway servers and hands their addresses
/// over in PAKLOAD_TEST_POSTGRES and PAKLOAD_TEST_REDIS. Without them, a Docker engine (if one answers) runs
/// Testcontainers; otherwise every integration test fails with instructions. Never skipped.
/// </summary>
public static class TestServers
{
    public const string PostgresVariable = "PAKLOAD_TEST_POSTGRES";
    public const string RedisVariable = "PAKLOAD_TEST_REDIS";

    private static readonly Lazy<Task<(string Postgres, string Redis)>> Servers = new(ResolveAsync);

    /// <summary>A superuser connection string to the maintenance database; tests create their own databases.</summary>
    public static async Task<string> PostgresAdminAsync() => (await Servers.Value).Postgres;

    /// <summary>host:port of a Redis server.</summary>
    public static async Task<string> RedisAsync() => (await Servers.Value).Redis;

    private static async Task<(string, string)> ResolveAsync()
    {
        var postgres = Environment.GetEnvironmentVariable(PostgresVariable);
        var redis = Environment.GetEnvironmentVariable(RedisVariable);
        if (!string.IsNullOrWhiteSpace(postgres) && !string.IsNullOrWhiteSpace(redis))
        {
            return (postgres, redis);
        }

        if (!DockerAnswers())
        {
            throw new InvalidOperationException(
                $"Integration tests need a real PostgreSQL and Redis. Run `scripts/test` (it installs and starts both), " +
                $"or set {PostgresVariable} (e.g. 'Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres') and " +
                $"{RedisVariable} (e.g. '127.0.0.1:6379'), or start a Docker engine for Testcontainers.");
        }

        var pg = new PostgreSqlBuilder("postgres:16-alpine").Build();
        var rd = new RedisBuilder("redis:7-alpine").Build();
        await Task.WhenAll(pg.StartAsync(), rd.StartAsync());
        return (
            string.IsNullOrWhiteSpace(postgres) ? pg.GetConnectionString() : postgres,
            string.IsNullOrWhiteSpace(redis) ? rd.GetConnectionString() : redis);
    }

    private static bool DockerAnswers() =>
        File.Exists("/var/run/docker.sock") || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST"));
}
