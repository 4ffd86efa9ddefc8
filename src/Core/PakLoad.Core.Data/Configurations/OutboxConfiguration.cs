using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PakLoad.Core.Notifications;

namespace PakLoad.Core.Data.Configurations;

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox");
        builder.HasKey(o => o.Id);
        builder.Ignore(o => o.Arguments);
        builder.Property(o => o.TemplateKey).HasMaxLength(120);
        builder.Property(o => o.DedupeKey).HasMaxLength(200);
        builder.Property(o => o.ArgumentsJson).HasMaxLength(4000);

        // The same event never notifies the same person twice.
        builder.HasIndex(o => o.DedupeKey).IsUnique();
        builder.HasIndex(o => new { o.Status, o.CreatedAt });
        builder.HasIndex(o => o.RecipientId);
    }
}
