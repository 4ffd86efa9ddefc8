using Hangfire;

using PakLoad.Api.Endpoints;
using PakLoad.Api.Health;
using PakLoad.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
var settings = builder.AddPakLoad();

if (args.Contains("migrate", StringComparer.Ordinal))
{
    // `dotnet run --project src/Api -- migrate`: apply migrations and seed reference data, then exit.
    using var migrator = builder.Build();
    await migrator.Services.PrepareDatabaseAsync(migrate: true);
    return 0;
}

var app = builder.Build();
await app.Services.PrepareDatabaseAsync(settings.MigrateAtStart);

PakLoad.Api.Jobs.MarketplaceJobs.Schedule(app.Services.GetRequiredService<IRecurringJobManager>());
PakLoad.Api.Jobs.EscrowJobs.Schedule(app.Services.GetRequiredService<IRecurringJobManager>());
PakLoad.Api.Jobs.ReconciliationJobs.Schedule(
    app.Services.GetRequiredService<IRecurringJobManager>(), app.Services.GetRequiredService<PakLoad.Api.Jobs.ReconciliationSettings>());

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UsePakLoadHttp();
app.MapPakLoadHealth();
app.MapAuth();
app.MapLoads();
app.MapBids();
app.MapTrucks();
app.MapTrips();
app.MapEscrow(sandbox: app.Services.GetRequiredService<PakLoad.Core.Escrow.EscrowOptions>().Provider == PakLoad.Core.Payments.SandboxPaymentProvider.ProviderName);
app.MapPayouts();
app.MapReconciliation();
app.MapMatching();
app.MapWhatsAppWebhook();
app.MapSmsWebhooks();
app.MapUssd();
app.MapSimulator();
app.MapDeadLetters();
if (app.Configuration.GetValue("PakLoad:Benchmarks:BareEndpoint", false))
{
    // The baseline the HTTP benchmarks measure beside the real endpoints: same host and pipeline, no work.
    app.MapPost("/bench/bare", () => TypedResults.Created("/bench/bare", new { ok = true }));
}
app.MapRazorPages();
if (!settings.UsesPostgres)
{
    // The dashboard is on only in the embedded default; in production it waits for the Admin role (issue 3).
    app.MapHangfireDashboard("/jobs");
}

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
