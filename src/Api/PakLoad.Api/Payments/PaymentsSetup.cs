using PakLoad.Core.Escrow;
using PakLoad.Core.Payments;
using PakLoad.Core.Reconciliation;
using Stripe;

namespace PakLoad.Api.Payments;

internal static class PaymentsSetup
{
    /// <summary>
    /// The sandbox provider always (the embedded default's, and the one tests drive); Stripe when a secret key
    /// is configured, which then becomes the provider of new funding links unless PakLoad:Escrow:Provider says otherwise.
    /// </summary>
    public static IServiceCollection AddPakLoadPayments(this IServiceCollection services, IConfiguration configuration)
    {
        var stripe = configuration.GetSection("Stripe").Get<StripeSettings>() ?? new StripeSettings();
        var escrow = configuration.GetSection("PakLoad:Escrow").Get<EscrowOptions>() ?? new EscrowOptions();
        if (configuration["PakLoad:Escrow:Provider"] is null && stripe.Enabled)
        {
            escrow = escrow with { Provider = StripePaymentProvider.ProviderName };
        }

        services.AddSingleton(stripe);
        services.AddSingleton(escrow);
        services.AddSingleton<IPaymentProvider, SandboxPaymentProvider>();
        services.AddScoped<ISettlementSource, SandboxSettlementSource>();
        if (stripe.Enabled)
        {
            services.AddHttpClient(StripePaymentProvider.ProviderName);
            services.AddSingleton(sp => new StripeClient(
                stripe.SecretKey,
                httpClient: new SystemNetHttpClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(StripePaymentProvider.ProviderName)),
                apiBase: string.IsNullOrWhiteSpace(stripe.ApiBase) ? null : stripe.ApiBase));
            services.AddSingleton<IPaymentProvider, StripePaymentProvider>();
            services.AddScoped<ISettlementSource, StripeSettlementSource>();
        }

        services.AddSingleton<PaymentProviders>();
        services.AddScoped<SettlementSources>();
        services.AddSingleton(configuration.GetSection("PakLoad:Reconciliation").Get<Jobs.ReconciliationSettings>() ?? new Jobs.ReconciliationSettings());
        return services;
    }
}
