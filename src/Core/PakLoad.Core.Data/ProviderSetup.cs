using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace PakLoad.Core.Data;

/// <summary>How each provider is switched on; shared by the host, the design-time factories and the tests.</summary>
public static class ProviderSetup
{
    public static DbContextOptionsBuilder Postgres(this DbContextOptionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
        return builder;
    }

    public static DbContextOptionsBuilder Sqlite(this DbContextOptionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
        return builder;
    }

    /// <summary>
    /// The host's PostgreSQL connection string with our defaults for short transactional statements, unless the
    /// string already says otherwise: statements used repeatedly are prepared once per connection (parsing and
    /// planning were most of the database's time for a bid's lookup), and a pooled connection is not reset on return
    /// (nothing here leaves session state behind: no SET, LISTEN, temp tables or advisory locks on EF's connections).
    /// </summary>
    public static string ForOltp(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(connectionString, "auto prepare"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!Mentions(connectionString, "reset on close"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;

        static bool Mentions(string connectionString, string keyword) =>
            connectionString.Replace(" ", "", StringComparison.Ordinal).Contains(keyword.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A context outside dependency injection; <paramref name="interceptors"/> as the host adds them (the market feed).</summary>
    public static PostgresPakLoadDbContext CreatePostgres(string connectionString, params IInterceptor[] interceptors) =>
        new((DbContextOptions<PostgresPakLoadDbContext>)new DbContextOptionsBuilder<PostgresPakLoadDbContext>().Postgres(connectionString).AddInterceptors(interceptors).Options);

    public static SqlitePakLoadDbContext CreateSqlite(string connectionString, params IInterceptor[] interceptors) =>
        new((DbContextOptions<SqlitePakLoadDbContext>)new DbContextOptionsBuilder<SqlitePakLoadDbContext>().Sqlite(connectionString).AddInterceptors(interceptors).Options);
}
