using PakLoad.Core.Data;
using PakLoad.Core.Matching;

namespace PakLoad.Api.Matching;

internal static class MatchingSetup
{
    /// <summary>One market index per instance, fed by the save interceptor and kept in step by <see cref="MatchingWorker"/>.</summary>
    public static IServiceCollection AddPakLoadMatching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("PakLoad:Matching").Get<MatchingOptions>() ?? new MatchingOptions());
        services.AddSingleton<MarketIndex>();
        services.AddSingleton<LanePrices>();
        services.AddSingleton<MarketFeed>();
        services.AddSingleton<MarketChangeInterceptor>();
        services.AddHostedService<MatchingWorker>();
        return services;
    }
}
