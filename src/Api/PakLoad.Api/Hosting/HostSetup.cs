using System.Text.Encodings.Web;
using System.Text.Unicode;
using Hangfire;
using Hangfire.PostgreSql;
using PakLoad.Api.Auth;
using PakLoad.Api.Channels;
using PakLoad.Api.Health;
using PakLoad.Api.Payments;
using PakLoad.Api.Matching;
using PakLoad.Core.Bids;
using PakLoad.Core.Localization;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;
using Microsoft.Extensions.WebEncoders;
using StackExchange.Redis;

namespace PakLoad.Api.Hosting;

/// <summary>The composition root: which adapter backs each port, decided once from <see cref="PakLoadSettings"/>.</summary>
internal static class HostSetup
{
    public static PakLoadSettings AddPakLoad(this WebApplicationBuilder builder)
    {
        var settings = PakLoadSettings.From(builder.Configuration, builder.Environment);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(LocaleCatalog.Default);
        services.AddSingleton(Gazetteer.Default);
        services.AddSingleton(VehicleCatalogue.Default);

        services.AddPakLoadMatching(builder.Configuration);
        services.AddPakLoadPersistence(settings);
        services.AddPakLoadCore();
        services.AddPakLoadConversations(settings);
        services.AddSingleton(builder.Configuration.GetSection("PakLoad:Marketplace").Get<MarketplaceOptions>() ?? new MarketplaceOptions());
        services.AddPakLoadPayments(builder.Configuration);
        services.AddPakLoadAuth(builder.Configuration, settings);
        // Notifications go through the channels (NotificationDispatcher, in AddPakLoadChannels): to the providers, or
        // to the recording senders the simulator reads when none is configured. PakLoad:Outbox:Record=true instead
        // only logs them and marks them sent (a host without any channel).
        var recordOnly = builder.Configuration.GetValue("PakLoad:Outbox:Record", false);
        if (recordOnly)
        {
            services.AddHostedService<Notifications.OutboxRecorder>();
        }
        builder.AddPakLoadHttp(settings);
        builder.AddPakLoadChannels(settings, dispatchNotifications: !recordOnly);
        services.AddPakLoadCache(settings);
        services.AddPakLoadJobs(settings);
        services.AddPakLoadHealthChecks();
        services.AddRazorPages();

        // Razor would otherwise write every Urdu letter as an &#x...; entity: 3-5x the bytes on 3G phones.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddProblemDetails();
        return settings;
    }

    private static void AddPakLoadCache(this IServiceCollection services, PakLoadSettings settings)
    {
        if (settings.UsesRedis)
        {
            // AbortOnConnectFail=false: start without Redis and let /health/ready say so, rather than crash-loop.
            var options = ConfigurationOptions.Parse(settings.RedisConnection!);
            options.AbortOnConnectFail = false;
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
            services.AddStackExchangeRedisCache(o =>
            {
                o.ConfigurationOptions = options;
                o.InstanceName = "pakload:";
            });
        }
        else
        {
            services.AddDistributedMemoryCache();
        }
    }

    private static void AddPakLoadJobs(this IServiceCollection services, PakLoadSettings settings)
    {
        services.AddHangfire(config =>
        {
            config.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (settings.UsesPostgres)
            {
                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(settings.PostgresConnection!));
            }
            else
            {
                // The embedded default keeps nothing durable in Hangfire: jobs re-derive their work from the database.
                config.UseInMemoryStorage();
            }
        });
        services.AddHangfireServer(o => o.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        services.AddScoped<Jobs.MarketplaceJobs>();
        services.AddScoped<Jobs.EscrowJobs>();
        services.AddScoped<Jobs.ReconciliationJobs>();
    }
}
