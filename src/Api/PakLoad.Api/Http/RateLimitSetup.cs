using System.Globalization;
using System.Threading.RateLimiting;
using PakLoad.Api.Auth;
using PakLoad.Core.Common;

namespace PakLoad.Api.Http;

/// <summary>
/// Request budgets: every API caller (the party when signed in, else the IP) gets a token bucket; the sign-in
/// endpoints get a tighter per-IP window on top of the per-phone limits kept in the database. Refusals are
/// 429 with Retry-After. Counters are per instance (in process); per-phone OTP limits are global (database).
/// </summary>
internal static class RateLimitSetup
{
    public const string Api = "api";
    public const string SignIn = "sign-in";

    public static IServiceCollection AddPakLoadRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perSecond = configuration.GetValue("PakLoad:RateLimit:PerSecond", 20);
        var burst = configuration.GetValue("PakLoad:RateLimit:Burst", 100);
        var signInPerMinute = configuration.GetValue("PakLoad:RateLimit:SignInPerMinute", 20);
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(Api, http => RateLimitPartition.GetTokenBucketLimiter(
                CallerKey(http),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            o.AddPolicy(SignIn, http => RateLimitPartition.GetFixedWindowLimiter(
                "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : 1;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var problem = ApiResults.Problem(
                    Error.Of("errors.request.rate_limited", ("seconds", seconds.ToString(CultureInfo.InvariantCulture))),
                    context.HttpContext,
                    StatusCodes.Status429TooManyRequests);
                await problem.ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    private static string CallerKey(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true
            ? "party:" + http.User.PartyId()
            : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
