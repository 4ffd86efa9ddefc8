using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PakLoad.Core.Ratings;

namespace PakLoad.Core.Data.Configurations;

internal sealed class RatingConfiguration : IEntityTypeConfiguration<Rating>
{
    public void Configure(EntityTypeBuilder<Rating> builder)
    {
        builder.ToTable("ratings");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Comment).HasMaxLength(Rating.MaxCommentLength);
        builder.HasIndex(r => new { r.BookingId, r.FromPartyId }).IsUnique();
        builder.HasIndex(r => r.ToPartyId);
    }
}
