using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PakLoad.Core.Loads;

namespace PakLoad.Core.Data.Configurations;

internal sealed class LoadConfiguration : IEntityTypeConfiguration<Load>
{
    public void Configure(EntityTypeBuilder<Load> builder)
    {
        builder.ToTable("loads");
        builder.HasKey(l => l.Id);
        builder.Ignore(l => l.Origin);
        builder.Ignore(l => l.Destination);
        builder.Property(l => l.Commodity).HasMaxLength(Load.MaxCommodityLength);
        builder.Property(l => l.Notes).HasMaxLength(Load.MaxNotesLength);
        builder.Property(l => l.ConsigneeName).HasMaxLength(80);
        builder.Property(l => l.WeightEntered).HasPrecision(12, 3);
        builder.Property(l => l.Version).IsConcurrencyToken();

        // The board's query: open loads by origin city and pickup day; a shipper's own loads.
        builder.HasIndex(l => new { l.Status, l.OriginCity, l.PickupFrom });
        builder.HasIndex(l => l.ShipperId);
        builder.HasIndex(l => l.Reference);

        // The market index's catch-up read: what changed since it last looked.
        builder.HasIndex(l => l.UpdatedAt);
    }
}
