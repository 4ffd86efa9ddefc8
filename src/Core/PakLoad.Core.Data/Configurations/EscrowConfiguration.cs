using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PakLoad.Core.Escrow;

namespace PakLoad.Core.Data.Configurations;

internal sealed class LedgerAccountConfiguration : IEntityTypeConfiguration<LedgerAccount>
{
    public void Configure(EntityTypeBuilder<LedgerAccount> builder)
    {
        // The database, not only the code, refuses an overdraft: the last line if a check in code is ever wrong.
        builder.ToTable("ledger_accounts", t => t.HasCheckConstraint("ck_ledger_accounts_balance_not_negative", "balance >= 0 OR may_go_negative"));
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Code).HasMaxLength(LedgerAccount.MaxCodeLength);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => a.Code).IsUnique();
        builder.HasIndex(a => a.OwnerId);
    }
}

internal sealed class LedgerTransactionConfiguration : IEntityTypeConfiguration<LedgerTransaction>
{
    public void Configure(EntityTypeBuilder<LedgerTransaction> builder)
    {
        builder.ToTable("ledger_transactions");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.IdempotencyKey).HasMaxLength(LedgerTransaction.MaxKeyLength);

        // One ledger transaction per business key: a retry or a duplicate event is "already done".
        builder.HasIndex(t => t.IdempotencyKey).IsUnique();
        builder.HasIndex(t => t.BookingId);
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.ToTable("ledger_entries");
        builder.HasKey(e => e.Id);
        builder.HasOne<LedgerTransaction>().WithMany().HasForeignKey(e => e.TransactionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LedgerAccount>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.AccountId, e.CreatedAt });
    }
}

internal sealed class BookingEscrowConfiguration : IEntityTypeConfiguration<BookingEscrow>
{
    public void Configure(EntityTypeBuilder<BookingEscrow> builder)
    {
        builder.ToTable("escrows");
        builder.HasKey(e => e.BookingId);
        builder.Ignore(e => e.Total);
        builder.Ignore(e => e.Held);
        builder.Ignore(e => e.Advance);
        builder.Ignore(e => e.Status);
        builder.Property(e => e.Version).IsConcurrencyToken();

        // The release job's query: delivered, not yet settled.
        builder.HasIndex(e => new { e.Settled, e.ReleaseDueAt });
        builder.HasIndex(e => e.CarrierId);
        builder.HasIndex(e => e.ShipperId);
    }
}
