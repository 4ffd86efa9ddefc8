using Microsoft.Extensions.Caching.Distributed;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Common;

namespace PakLoad.Api.Hosting;

/// <summary>
/// The conversation engine, one per request scope (it shares the scope's DbContext with the use cases, so a
/// turn and the session it saves commit together). Sessions are durable in the database; with Redis
/// configured, Redis holds the fast copy in front of it.
/// </summary>
internal static class ConversationSetup
{
    public static IServiceCollection AddPakLoadConversations(this IServiceCollection services, PakLoadSettings settings)
    {
        services.AddSingleton(new ConversationOptions());
        services.AddSingleton(Interpreters.Default);
        services.AddSingleton(TurnLocks.Shared);
        services.AddScoped(sp => new MarketServices(
            sp.GetService<PakLoad.Core.Matching.MarketIndex>(),
            sp.GetService<PakLoad.Core.Matching.MatchingOptions>(),
            sp.GetService<PakLoad.Core.Payments.PaymentProviders>(),
            sp.GetService<PakLoad.Core.Escrow.EscrowOptions>(),
            sp.GetService<PakLoad.Core.Matching.LanePrices>()));
        services.AddScoped<Market>();
        services.AddScoped<ISessionStore>(sp =>
        {
            var durable = new DatabaseSessionStore(sp.GetRequiredService<IPakLoadDb>());
            return settings.UsesRedis
                ? new CachedSessionStore(durable, sp.GetRequiredService<IDistributedCache>(), TimeSpan.FromHours(24))
                : durable;
        });
        services.AddScoped<ConversationEngine>();
        return services;
    }
}
