using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

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

    /// <summary>A context outside dependency injection; <paramref name="interceptors"/> as the host adds them (the market feed).</summary>
    public static PostgresPakLoadDbContext CreatePostgres(string connectionString, params IInterceptor[] interceptors) =>
        new((DbContextOptions<PostgresPakLoadDbContext>)new DbContextOptionsBuilder<PostgresPakLoadDbContext>().Postgres(connectionString).AddInterceptors(interceptors).Options);

    public static SqlitePakLoadDbContext CreateSqlite(string connectionString, params IInterceptor[] interceptors) =>
        new((DbContextOptions<SqlitePakLoadDbContext>)new DbContextOptionsBuilder<SqlitePakLoadDbContext>().Sqlite(connectionString).AddInterceptors(interceptors).Options);
}
