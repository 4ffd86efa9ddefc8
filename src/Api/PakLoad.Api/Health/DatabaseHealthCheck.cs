using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PakLoad.Core.Data;

namespace PakLoad.Api.Health;

/// <summary>Ready when the database answers and its schema is the one this build expects.</summary>
internal sealed class DatabaseHealthCheck(PakLoadDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["provider"] = db.ProviderName };
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy($"{db.ProviderName}: cannot connect", data: data);
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToArray();
            data["pendingMigrations"] = pending;
            return pending.Length == 0
                ? HealthCheckResult.Healthy($"{db.ProviderName}: connected, schema up to date", data)
                : HealthCheckResult.Unhealthy($"{db.ProviderName}: {pending.Length} pending migration(s); run the migrate command", data: data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{db.ProviderName}: {ex.GetType().Name}", ex, data);
        }
    }
}
