using System.Security.Cryptography;
using Microsoft.AspNetCore.HttpOverrides;
using PakLoad.Api.Hosting;
using PakLoad.Channels.Outbound;
using PakLoad.Channels.Rendering;
using PakLoad.Channels.Sms;
using PakLoad.Channels.Ussd;
using PakLoad.Channels.WhatsApp;
using PakLoad.Core.Localization;
using PakLoad.Core.Places;
using Twilio.Clients;

namespace PakLoad.Api.Channels;

/// <summary>PakLoad:Channels: the inbox and outbound workers.</summary>
internal sealed class ChannelWorkerOptions
{
    /// <summary>Parallel lanes (each user always in one lane, one turn at a time).</summary>
    public int Lanes { get; set; } = 16;

    public int MaxInboxAttempts { get; set; } = 5;

    /// <summary>
    /// False for a webhook-only instance: it stores and acknowledges, and instances with the worker on answer the
    /// rows (they find them by <see cref="InboxPoll"/>).
    /// </summary>
    public bool AnswerInbox { get; set; } = true;

    /// <summary>How often the inbox worker looks for pending rows it was not signalled about (stored by another instance).</summary>
    public TimeSpan InboxPoll { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The default sending number when an outbound row names none (notifications).</summary>
    public string WhatsAppPhoneNumberId { get; set; } = string.Empty;

    /// <summary>How often the outbound worker looks for due rows (retries, lapsed leases, rows written by another instance).</summary>
    public TimeSpan OutboundPoll { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed outbound row belongs to one host instance; longer than a send can take.</summary>
    public TimeSpan OutboundLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>After a crash mid-send, how long a WhatsApp row waits for Meta's status echo before it is sent again.</summary>
    public TimeSpan ReconcileGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts before an outbound row that keeps failing with retryable errors becomes a dead letter.</summary>
    public int MaxOutboundAttempts { get; set; } = 8;
}

/// <summary>Webhooks, renderers, the inbox and outbound workers, and the provider clients.</summary>
internal static class ChannelSetup
{
    public static WebApplicationBuilder AddPakLoadChannels(this WebApplicationBuilder builder, PakLoadSettings settings, bool dispatchNotifications = true)
    {
        var services = builder.Services;
        var whatsApp = builder.Configuration.GetSection("PakLoad:WhatsApp").Get<WhatsAppOptions>() ?? new WhatsAppOptions();
        if (!settings.UsesPostgres && string.IsNullOrEmpty(whatsApp.AppSecret))
        {
            // The embedded default has no Meta app: a per-process secret lets the simulator sign like Meta does.
            whatsApp.AppSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            whatsApp.VerifyToken = string.IsNullOrEmpty(whatsApp.VerifyToken) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : whatsApp.VerifyToken;
        }

        var workers = builder.Configuration.GetSection("PakLoad:Channels").Get<ChannelWorkerOptions>() ?? new ChannelWorkerOptions();
        services.AddSingleton(whatsApp);
        services.AddSingleton(workers);
        services.AddSingleton(sp => new PromptTexts(sp.GetRequiredService<LocaleCatalog>(), sp.GetRequiredService<Gazetteer>()));
        services.AddSingleton(sp => new WhatsAppRenderer(sp.GetRequiredService<PromptTexts>()));
        services.AddSingleton(sp => new SmsRenderer(sp.GetRequiredService<PromptTexts>()));
        services.AddSingleton(sp => new UssdRenderer(sp.GetRequiredService<PromptTexts>()));
        // With Redis the buckets are the deployment's (every instance takes from them); otherwise this process's.
        services.AddSingleton<ITokenBuckets>(sp => whatsApp.SharedSendRate && sp.GetService<StackExchange.Redis.IConnectionMultiplexer>() is { } redis
            ? new RedisTokenBuckets(redis, sp.GetRequiredService<ILogger<RedisTokenBuckets>>())
            : new InProcessTokenBuckets());
        services.AddSingleton(sp => new SendRateLimiter(whatsApp.SendsPerSecond, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ITokenBuckets>()));
        services.AddHttpClient<GraphClient>(http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddTransient<WhatsAppSender>();
        services.AddHttpClient("simulator");
        if (string.IsNullOrEmpty(whatsApp.AccessToken))
        {
            services.AddSingleton<IChannelSender>(new RecordingSender(ChannelNames.WhatsApp));
        }
        else
        {
            services.AddTransient<IChannelSender>(sp => new WhatsAppChannelSender(sp.GetRequiredService<WhatsAppSender>(), workers.WhatsAppPhoneNumberId));
        }

        var twilio = builder.Configuration.GetSection("PakLoad:Twilio").Get<TwilioOptions>() ?? new TwilioOptions();
        if (!settings.UsesPostgres && string.IsNullOrEmpty(twilio.AuthToken))
        {
            // Embedded default: the simulator signs SMS webhooks like Twilio with a per-process token.
            twilio.AuthToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            twilio.InboundEnabled = builder.Configuration.GetValue("PakLoad:Twilio:InboundEnabled", true);
        }

        services.AddSingleton(twilio);
        if (string.IsNullOrEmpty(twilio.AccountSid))
        {
            services.AddSingleton<IChannelSender>(new RecordingSender(ChannelNames.Sms));
        }
        else
        {
            var apiBase = builder.Configuration.GetValue<Uri?>("PakLoad:Twilio:ApiBaseUrl");
            services.AddSingleton<ITwilioRestClient>(_ => new TwilioRestClient(
                twilio.AccountSid, twilio.AuthToken, httpClient: new Twilio.Http.SystemNetHttpClient(apiBase is null ? new HttpClient() : new HttpClient(new RebaseHandler(apiBase)))));
            services.AddSingleton<ISmsGateway, TwilioSmsGateway>();
            services.AddSingleton<IChannelSender, SmsChannelSender>();
        }

        // Twilio signs the public URL: behind a TLS-terminating proxy the scheme and host come from the
        // forwarded headers, trusted only from the configured proxies (loopback by default).
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in builder.Configuration.GetSection("PakLoad:Proxy:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        services.AddSingleton(builder.Configuration.GetSection("PakLoad:Ussd").Get<UssdOptions>() ?? new UssdOptions());
        services.AddSingleton<UssdService>();
        services.AddMetrics();
        services.AddSingleton<ChannelMetrics>();
        services.AddSingleton<OutboundWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboundWorker>());
        services.AddSingleton<MediaStore>();
        services.AddSingleton<WhatsAppLinker>();
        services.AddSingleton<InboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxWorker>());
        services.AddScoped<Core.DeadLetters.IDeadLetterBox, DeadLetterBox>();
        services.AddSingleton(builder.Configuration.GetSection("PakLoad:Outbox").Get<Notifications.NotificationOptions>() ?? new Notifications.NotificationOptions());
        services.AddSingleton<Notifications.NotificationRenderer>();
        if (dispatchNotifications)
        {
            services.AddSingleton<Notifications.NotificationDispatcher>();
            services.AddHostedService(sp => sp.GetRequiredService<Notifications.NotificationDispatcher>());
        }
        return builder;
    }
}
