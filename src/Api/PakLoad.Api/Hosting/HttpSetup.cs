using Microsoft.AspNetCore.Http.Features;
using PakLoad.Api.Http;
using PakLoad.Api.Hubs;
using Scalar.AspNetCore;

namespace PakLoad.Api.Hosting;

/// <summary>The HTTP surface: limits, OpenAPI, the browsable reference, SignalR.</summary>
internal static class HttpSetup
{
    /// <summary>No API request needs more than this; the WhatsApp webhook sets its own (Meta batches up to 3 MB).</summary>
    public const long MaxRequestBytes = 64 * 1024;

    public static WebApplicationBuilder AddPakLoadHttp(this WebApplicationBuilder builder, PakLoadSettings settings)
    {
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBytes);
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = MaxRequestBytes);
        // A malformed body is the caller's mistake in every environment: 400 with a problem body, never a 500 page.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        builder.Services.ConfigureHttpJsonOptions(o => JsonSetup.Configure(o.SerializerOptions));
        builder.Services.AddOpenApi();
        builder.Services.AddPakLoadRateLimits(builder.Configuration);
        var signalR = builder.Services.AddSignalR().AddJsonProtocol(o => JsonSetup.Configure(o.PayloadSerializerOptions));
        if (settings.UsesRedis)
        {
            signalR.AddStackExchangeRedis(settings.RedisConnection!, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("pakload"));
        }

        builder.Services.AddSingleton<MarketEvents>();
        builder.Services.AddScoped<Endpoints.BookingEvents>();
        return builder;
    }

    public static WebApplication UsePakLoadHttp(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use(RefuseOversizedBodies);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseWhen(
            http => HttpMethods.IsPost(http.Request.Method)
                    && http.Request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase)
                    && http.Request.Headers.ContainsKey(IdempotencyMiddleware.Header),
            branch => branch.UseMiddleware<IdempotencyMiddleware>());
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("PakLoad API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapHub<MarketHub>(MarketHub.Path);
        return app;
    }

    /// <summary>
    /// A declared length over the limit is refused before anything reads the body (Kestrel's own limit covers
    /// chunked bodies; this covers every server, the in-process test host included).
    /// </summary>
    private static Task RefuseOversizedBodies(HttpContext http, RequestDelegate next) =>
        http.Request.ContentLength > MaxRequestBytes && !http.Request.Path.StartsWithSegments("/webhooks/whatsapp", StringComparison.OrdinalIgnoreCase)
        && !Endpoints.ReconciliationEndpoints.IsSettlementFile(http.Request.Path)
            ? ApiResults.Problem(Core.Common.Error.Of("errors.request.too_large"), http, StatusCodes.Status413PayloadTooLarge).ExecuteAsync(http)
            : next(http);
}
