using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PakLoad.Core.Conversations;

namespace PakLoad.Core.Data.Configurations;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<ConversationRecord>
{
    public void Configure(EntityTypeBuilder<ConversationRecord> builder)
    {
        builder.ToTable("conversations");
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(ConversationRecord.MaxKeyLength);
        builder.Property(c => c.Document).IsRequired();

        // A save names the version it read; a racing turn that saved first makes this one fail.
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.UpdatedAt);
    }
}

internal sealed class TranscriptConfiguration : IEntityTypeConfiguration<TranscriptEntry>
{
    public void Configure(EntityTypeBuilder<TranscriptEntry> builder)
    {
        builder.ToTable("transcripts");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.ConversationKey).HasMaxLength(ConversationRecord.MaxKeyLength);
        builder.Property(t => t.MessageId).HasMaxLength(200);
        builder.Property(t => t.Input).HasMaxLength(TranscriptEntry.MaxTextLength);
        builder.Property(t => t.Interpretation).HasMaxLength(TranscriptEntry.MaxTextLength);
        builder.Property(t => t.StepBefore).HasMaxLength(60);
        builder.Property(t => t.StepAfter).HasMaxLength(60);
        builder.Property(t => t.Prompts).HasMaxLength(TranscriptEntry.MaxTextLength);
        builder.Property(t => t.UseCases).HasMaxLength(500);
        builder.HasIndex(t => new { t.ConversationKey, t.At });
    }
}
