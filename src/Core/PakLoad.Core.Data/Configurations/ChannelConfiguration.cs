using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PakLoad.Core.Data.Configurations;

internal sealed class InboxConfiguration : IEntityTypeConfiguration<InboxRecord>
{
    public void Configure(EntityTypeBuilder<InboxRecord> builder)
    {
        builder.ToTable("channel_inbox");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedOnAdd();
        builder.Property(i => i.Provider).HasMaxLength(20);
        builder.Property(i => i.ProviderMessageId).HasMaxLength(200);
        builder.Property(i => i.UserKey).HasMaxLength(160);
        builder.Property(i => i.ExternalUserId).HasMaxLength(140);
        builder.Property(i => i.Payload).HasMaxLength(16000);
        builder.Property(i => i.LastError).HasMaxLength(1000);

        // A redelivered provider message is refused by the database, not by a check-then-insert.
        builder.HasIndex(i => new { i.Provider, i.ProviderMessageId }).IsUnique();
        builder.HasIndex(i => new { i.Status, i.UserKey, i.Id });
        builder.HasIndex(i => i.ExternalUserId);
    }
}

internal sealed class OutboundConfiguration : IEntityTypeConfiguration<OutboundRecord>
{
    public void Configure(EntityTypeBuilder<OutboundRecord> builder)
    {
        builder.ToTable("channel_outbound");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedOnAdd();
        builder.Property(o => o.Channel).HasMaxLength(20);
        builder.Property(o => o.Recipient).HasMaxLength(160);
        builder.Property(o => o.SenderId).HasMaxLength(64);
        builder.Property(o => o.Kind).HasMaxLength(32);
        builder.Property(o => o.Payload).HasMaxLength(16000);
        // "outbox:" + an outbox dedupe key (at most 200).
        builder.Property(o => o.DedupeKey).HasMaxLength(240);
        builder.Property(o => o.Language).HasMaxLength(10);
        builder.Property(o => o.ProviderMessageId).HasMaxLength(200);
        builder.Property(o => o.DeliveryStatus).HasMaxLength(20);
        builder.Property(o => o.LastError).HasMaxLength(1000);

        builder.HasIndex(o => o.DedupeKey).IsUnique();
        builder.HasIndex(o => new { o.Status, o.Recipient, o.Id });
        builder.HasIndex(o => o.ProviderMessageId);
    }
}

internal sealed class ChannelContactConfiguration : IEntityTypeConfiguration<ChannelContactRecord>
{
    public void Configure(EntityTypeBuilder<ChannelContactRecord> builder)
    {
        builder.ToTable("channel_contacts");
        builder.HasKey(c => c.Phone);
        builder.Property(c => c.Phone).HasMaxLength(32);
        builder.Property(c => c.WhatsAppUserId).HasMaxLength(140);
        builder.HasIndex(c => c.WhatsAppUserId);
    }
}

internal sealed class WhatsAppLinkCodeConfiguration : IEntityTypeConfiguration<WhatsAppLinkCodeRecord>
{
    public void Configure(EntityTypeBuilder<WhatsAppLinkCodeRecord> builder)
    {
        builder.ToTable("whatsapp_link_codes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedOnAdd();
        builder.Property(c => c.WhatsAppUserId).HasMaxLength(140);
        builder.Property(c => c.Phone).HasMaxLength(32);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.HasIndex(c => new { c.WhatsAppUserId, c.CreatedAt });
        builder.HasIndex(c => new { c.Phone, c.CreatedAt });
    }
}

internal sealed class UssdSessionEndConfiguration : IEntityTypeConfiguration<UssdSessionEndRecord>
{
    public void Configure(EntityTypeBuilder<UssdSessionEndRecord> builder)
    {
        builder.ToTable("ussd_session_ends");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.Gateway).HasMaxLength(20);
        builder.Property(e => e.SessionId).HasMaxLength(200);
        builder.Property(e => e.Phone).HasMaxLength(32);
        builder.Property(e => e.ServiceCode).HasMaxLength(40);
        builder.Property(e => e.NetworkCode).HasMaxLength(20);
        builder.Property(e => e.Status).HasMaxLength(20);
        builder.Property(e => e.ErrorMessage).HasMaxLength(1000);
        builder.Property(e => e.Cost).HasMaxLength(40);

        // A gateway that re-sends its report is refused by the database.
        builder.HasIndex(e => new { e.Gateway, e.SessionId }).IsUnique();
        builder.HasIndex(e => new { e.Status, e.ReceivedAt });
    }
}

internal sealed class MediaConfiguration : IEntityTypeConfiguration<MediaRecord>
{
    public void Configure(EntityTypeBuilder<MediaRecord> builder)
    {
        builder.ToTable("channel_media");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedOnAdd();
        builder.Property(m => m.Provider).HasMaxLength(20);
        builder.Property(m => m.MessageId).HasMaxLength(200);
        builder.Property(m => m.Phone).HasMaxLength(32);
        builder.Property(m => m.MediaId).HasMaxLength(200);
        builder.Property(m => m.Kind).HasMaxLength(20);
        builder.Property(m => m.MimeType).HasMaxLength(120);
        builder.Property(m => m.Sha256).HasMaxLength(64);
        builder.Property(m => m.StoredPath).HasMaxLength(400);
        builder.Property(m => m.Error).HasMaxLength(1000);

        // A redelivered message or a second lane never stores the same media twice.
        builder.HasIndex(m => new { m.Provider, m.MessageId }).IsUnique();
        builder.HasIndex(m => m.Phone);
    }
}
