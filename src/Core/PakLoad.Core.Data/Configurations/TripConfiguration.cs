using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PakLoad.Core.Trips;

namespace PakLoad.Core.Data.Configurations;

internal sealed class TripConfiguration : IEntityTypeConfiguration<Trip>
{
    public void Configure(EntityTypeBuilder<Trip> builder)
    {
        builder.ToTable("trips");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.DeliveryCodeHash).HasMaxLength(64);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasIndex(t => t.BookingId).IsUnique();
        builder.HasIndex(t => t.ShipperId);
        builder.HasIndex(t => t.CarrierId);
        builder.HasIndex(t => t.DriverId);

        builder.OwnsMany(t => t.CheckIns, checkIns =>
        {
            checkIns.ToTable("trip_check_ins");
            checkIns.WithOwner().HasForeignKey("trip_id");
            checkIns.Property<int>("id");
            checkIns.HasKey("id");
        });
        builder.Navigation(t => t.CheckIns).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
