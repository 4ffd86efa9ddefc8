using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PakLoad.Core.Capacity;

namespace PakLoad.Core.Data.Configurations;

internal sealed class CapacityPostConfiguration : IEntityTypeConfiguration<CapacityPost>
{
    public void Configure(EntityTypeBuilder<CapacityPost> builder)
    {
        builder.ToTable("capacity_posts");
        builder.HasKey(c => c.Id);
        builder.Ignore(c => c.EmptyAt);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => new { c.Status, c.EmptyAtCity, c.AvailableFrom });
        builder.HasIndex(c => c.CarrierId);
        builder.HasIndex(c => c.UpdatedAt);
    }
}
