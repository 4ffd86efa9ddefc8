using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PakLoad.Core.Reconciliation;

namespace PakLoad.Core.Data.Configurations;

internal sealed class ReconciliationCaseConfiguration : IEntityTypeConfiguration<ReconciliationCase>
{
    public void Configure(EntityTypeBuilder<ReconciliationCase> builder)
    {
        builder.ToTable("reconciliation_cases");
        builder.HasKey(c => c.Id);

        // One case per (provider, day, kind, reference): re-running a day is refused by the key, not by a check.
        builder.Property(c => c.Key).HasMaxLength(400);
        builder.HasIndex(c => c.Key).IsUnique();
        builder.Property(c => c.Provider).HasMaxLength(ReconcileSettlementHandler.MaxProviderLength);
        builder.Property(c => c.Reference).HasMaxLength(SettlementFile.MaxReferenceLength);
        builder.Property(c => c.Note).HasMaxLength(ReconciliationCase.MaxNoteLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => new { c.Status, c.Day });
        builder.HasIndex(c => new { c.Provider, c.Reference });
    }
}

internal sealed class ReconciliationRunConfiguration : IEntityTypeConfiguration<ReconciliationRun>
{
    public void Configure(EntityTypeBuilder<ReconciliationRun> builder)
    {
        builder.ToTable("reconciliation_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Provider).HasMaxLength(ReconcileSettlementHandler.MaxProviderLength);
        builder.Property(r => r.Source).HasMaxLength(16);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.Provider, r.Day }).IsUnique();
    }
}
