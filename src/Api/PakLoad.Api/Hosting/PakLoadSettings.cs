using Microsoft.Data.Sqlite;

namespace PakLoad.Api.Hosting;

/// <summary>
/// Which adapters this instance runs on, read once from configuration. Empty means the embedded default:
/// SQLite in the data folder, in-process cache and sessions, Hangfire in memory.
/// </summary>
internal sealed record PakLoadSettings(string? PostgresConnection, string? RedisConnection, string SqliteConnection, bool MigrateAtStart, string DataDirectory)
{
    public bool UsesPostgres => PostgresConnection is not null;

    public bool UsesRedis => RedisConnection is not null;

    public static PakLoadSettings From(IConfiguration configuration, IHostEnvironment environment)
    {
        var postgres = NullIfBlank(configuration.GetConnectionString("Postgres"));
        var redis = NullIfBlank(configuration.GetConnectionString("Redis"));
        var dataDirectory = Path.GetFullPath(configuration["PakLoad:DataDirectory"] ?? "data", environment.ContentRootPath);
        Directory.CreateDirectory(dataDirectory);
        var sqlite = NullIfBlank(configuration.GetConnectionString("Sqlite"))
                     ?? new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "pakload.db"), Pooling = true }.ToString();

        // SQLite is migrated at start (one process owns the file); PostgreSQL by the explicit migrate command.
        var migrateAtStart = configuration.GetValue<bool?>("PakLoad:MigrateAtStart") ?? postgres is null;
        return new PakLoadSettings(postgres, redis, sqlite, migrateAtStart, dataDirectory);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
