using Microsoft.EntityFrameworkCore;
using Npgsql;
using PakLoad.Core.Data;

namespace PakLoad.IntegrationTests.Infrastructure;

public enum Provider
{
    Postgres,
    Sqlite,
}

/// <summary>
/// A fresh, empty database of either provider, with the real migrations applied (never EnsureCreated).
/// PostgreSQL: a new database on the test server, dropped at dispose. SQLite: a file in a temp folder.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _adminConnection;
    private readonly string? _sqliteFile;

    private TestDatabase(Provider provider, string connectionString, string? adminConnection, string? sqliteFile, string name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _adminConnection = adminConnection;
        _sqliteFile = sqliteFile;
        Name = name;
    }

    public Provider Provider { get; }

    public string ConnectionString { get; }

    public string Name { get; }

    /// <summary>An empty database; <paramref name="migrate"/> applies every migration.</summary>
    public static async Task<TestDatabase> CreateAsync(Provider provider, bool migrate = true)
    {
        var name = $"pakload_test_{Guid.NewGuid():N}";
        TestDatabase database;
        if (provider == Provider.Postgres)
        {
            var admin = await TestServers.PostgresAdminAsync();
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }

            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
            database = new TestDatabase(provider, builder.ConnectionString, admin, null, name);
        }
        else
        {
            var folder = Path.Combine(Path.GetTempPath(), "pakload-tests");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, name + ".db");
            database = new TestDatabase(provider, $"Data Source={file};Pooling=False", null, file, name);
        }

        if (migrate)
        {
            await using var db = database.CreateContext();
            await db.Database.MigrateAsync();
        }

        return database;
    }

    public PakLoadDbContext CreateContext(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) => Provider switch
    {
        Provider.Postgres => ProviderSetup.CreatePostgres(ConnectionString, interceptors),
        Provider.Sqlite => ProviderSetup.CreateSqlite(ConnectionString, interceptors),
    };

    public async ValueTask DisposeAsync()
    {
        if (_adminConnection is not null)
        {
            using (var pooled = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }

            await using var connection = new NpgsqlConnection(_adminConnection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        if (_sqliteFile is not null)
        {
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
