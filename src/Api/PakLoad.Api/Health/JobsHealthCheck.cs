using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PakLoad.Api.Hosting;

namespace PakLoad.Api.Health;

/// <summary>Ready when Hangfire's storage answers and at least one server of this storage is alive.</summary>
internal sealed class JobsHealthCheck(JobStorage storage, PakLoadSettings settings) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["storage"] = settings.UsesPostgres ? "postgres" : "memory" };
        try
        {
            var servers = storage.GetMonitoringApi().Servers();
            data["servers"] = servers.Count;
            return Task.FromResult(servers.Count > 0
                ? HealthCheckResult.Healthy($"hangfire: {servers.Count} server(s)", data)
                : HealthCheckResult.Degraded("hangfire: storage answers, no server has started yet", data: data));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("hangfire: storage unreachable", ex, data));
        }
    }
}
