using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PakLoad.Core.Bookings;

namespace PakLoad.Core.Data.Configurations;

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> builder)
    {
        builder.ToTable("bookings");
        builder.HasKey(b => b.Id);

        // Exactly one booking per load under any concurrency: enforced here, not in memory.
        builder.HasIndex(b => b.LoadId).IsUnique();
        builder.HasIndex(b => b.BidId).IsUnique();
        builder.HasIndex(b => b.ShipperId);
        builder.HasIndex(b => b.CarrierId);

        // Price guidance reads the bookings of the last 90 days.
        builder.HasIndex(b => b.CreatedAt);
    }
}
