using Microsoft.EntityFrameworkCore;

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

    public static PostgresPakLoadDbContext CreatePostgres(string connectionString) =>
        new((DbContextOptions<PostgresPakLoadDbContext>)new DbContextOptionsBuilder<PostgresPakLoadDbContext>().Postgres(connectionString).Options);

    public static SqlitePakLoadDbContext CreateSqlite(string connectionString) =>
        new((DbContextOptions<SqlitePakLoadDbContext>)new DbContextOptionsBuilder<SqlitePakLoadDbContext>().Sqlite(connectionString).Options);
}
