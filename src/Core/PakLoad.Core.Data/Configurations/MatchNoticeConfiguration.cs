using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PakLoad.Core.Matching;

namespace PakLoad.Core.Data.Configurations;

internal sealed class MatchNoticeConfiguration : IEntityTypeConfiguration<MatchNotice>
{
    public void Configure(EntityTypeBuilder<MatchNotice> builder)
    {
        builder.ToTable("match_notices");
        builder.HasKey(n => n.Id);

        // Nobody hears about the same load twice, whichever path (post, edit, re-index, another instance) found it.
        builder.HasIndex(n => new { n.LoadId, n.CarrierId }).IsUnique();

        // Per-carrier daily caps, and the morning release of what quiet hours held.
        builder.HasIndex(n => new { n.CarrierId, n.CreatedAt });
        builder.HasIndex(n => new { n.Status, n.CreatedAt });
    }
}
