using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Data;
using PakLoad.Core.Data.ReferenceData;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Api.Hosting;

internal static partial class PersistenceSetup
{
    public static IServiceCollection AddPakLoadPersistence(this IServiceCollection services, PakLoadSettings settings)
    {
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxCommitInterceptor>();
        if (settings.UsesPostgres)
        {
            var connection = ProviderSetup.ForOltp(settings.PostgresConnection!);
            services.AddDbContextPool<PostgresPakLoadDbContext>((sp, o) => o.Postgres(connection).AddInterceptors(sp.GetRequiredService<MarketChangeInterceptor>(), sp.GetRequiredService<OutboxCommitInterceptor>()));
            services.AddScoped<PakLoadDbContext>(sp => sp.GetRequiredService<PostgresPakLoadDbContext>());
        }
        else
        {
            services.AddDbContextPool<SqlitePakLoadDbContext>((sp, o) => o.Sqlite(settings.SqliteConnection).AddInterceptors(sp.GetRequiredService<MarketChangeInterceptor>(), sp.GetRequiredService<OutboxCommitInterceptor>()));
            services.AddScoped<PakLoadDbContext>(sp => sp.GetRequiredService<SqlitePakLoadDbContext>());
        }

        return services;
    }

    /// <summary>Applies migrations (when this instance may) and brings the reference data up to date.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, bool migrate, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PakLoadDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("PakLoad.Database");
        if (migrate)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.Database.MigrateAsync(ct);
            LogMigrated(logger, db.ProviderName, pending.Count, pending);
        }

        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            LogPending(logger, db.ProviderName);
            return;
        }

        var changes = await ReferenceDataSeeder.SeedAsync(
            db, scope.ServiceProvider.GetRequiredService<Gazetteer>(), scope.ServiceProvider.GetRequiredService<VehicleCatalogue>(), ct);
        LogSeeded(logger, changes);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ({Provider}) migrated: {Count} migration(s) applied: {Names}")]
    private static partial void LogMigrated(ILogger logger, string provider, int count, IReadOnlyList<string> names);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database ({Provider}) has pending migrations: run `dotnet run --project src/Api -- migrate`")]
    private static partial void LogPending(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reference data seeded: {Changes} row(s) written")]
    private static partial void LogSeeded(ILogger logger, int changes);
}
