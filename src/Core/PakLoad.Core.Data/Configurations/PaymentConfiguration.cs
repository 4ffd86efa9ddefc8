using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PakLoad.Core.Payments;
using PakLoad.Core.Payouts;

namespace PakLoad.Core.Data.Configurations;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments");
        builder.HasKey(p => p.Id);
        builder.Ignore(p => p.IdempotencyKey);
        builder.Property(p => p.Provider).HasMaxLength(32);
        builder.Property(p => p.ProviderRef).HasMaxLength(255);
        builder.Property(p => p.CheckoutUrl).HasMaxLength(500);
        builder.Property(p => p.Version).IsConcurrencyToken();

        // One payment per attempt: two shippers' clicks on "pay" do not open two payments.
        builder.HasIndex(p => new { p.BookingId, p.Attempt }).IsUnique();
        builder.HasIndex(p => new { p.Provider, p.ProviderRef }).IsUnique();
    }
}

internal sealed class PaymentRefundConfiguration : IEntityTypeConfiguration<PaymentRefund>
{
    public void Configure(EntityTypeBuilder<PaymentRefund> builder)
    {
        builder.ToTable("payment_refunds");
        builder.HasKey(r => r.Id);
        builder.Ignore(r => r.IdempotencyKey);
        builder.Property(r => r.Provider).HasMaxLength(32);
        builder.Property(r => r.ProviderRef).HasMaxLength(255);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => r.PaymentId);
        builder.HasIndex(r => new { r.Provider, r.ProviderRef }).IsUnique();
    }
}

internal sealed class ProcessedPaymentEventConfiguration : IEntityTypeConfiguration<ProcessedPaymentEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedPaymentEvent> builder)
    {
        builder.ToTable("payment_events");

        // Stored under the provider's event id before any effect: a redelivery is refused by the key.
        builder.HasKey(e => new { e.Provider, e.EventId });
        builder.Property(e => e.Provider).HasMaxLength(32);
        builder.Property(e => e.EventId).HasMaxLength(255);
        builder.Property(e => e.Kind).HasMaxLength(64);
    }
}

internal sealed class PayoutMethodConfiguration : IEntityTypeConfiguration<PayoutMethod>
{
    public void Configure(EntityTypeBuilder<PayoutMethod> builder)
    {
        builder.ToTable("payout_methods");
        builder.HasKey(m => m.CarrierId);
        builder.Property(m => m.Destination).HasMaxLength(34);
        builder.Property(m => m.AccountTitle).HasMaxLength(PayoutMethod.MaxTitleLength);
    }
}

internal sealed class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> builder)
    {
        builder.ToTable("payouts");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Destination).HasMaxLength(34);
        builder.Property(p => p.AccountTitle).HasMaxLength(PayoutMethod.MaxTitleLength);
        builder.Property(p => p.BankReference).HasMaxLength(Payout.MaxReferenceLength);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => new { p.Status, p.RequestedAt });
        builder.HasIndex(p => p.CarrierId);
    }
}
