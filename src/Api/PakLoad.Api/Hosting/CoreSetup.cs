using PakLoad.Core.Common;

namespace PakLoad.Api.Hosting;

internal static class CoreSetup
{
    /// <summary>Registers every Core use-case handler (a sealed class named *Handler) as scoped, by one scan.</summary>
    public static IServiceCollection AddPakLoadCore(this IServiceCollection services)
    {
        var handlers = typeof(Result<>).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsSealed: true, IsPublic: true } && t.Name.EndsWith("Handler", StringComparison.Ordinal));
        foreach (var handler in handlers)
        {
            services.AddScoped(handler);
        }

        services.AddScoped<IPakLoadDb>(sp => sp.GetRequiredService<Core.Data.PakLoadDbContext>());
        return services;
    }
}
