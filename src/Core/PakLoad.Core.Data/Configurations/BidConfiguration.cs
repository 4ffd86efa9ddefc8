using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PakLoad.Core.Bids;

namespace PakLoad.Core.Data.Configurations;

internal sealed class BidConfiguration : IEntityTypeConfiguration<Bid>
{
    public void Configure(EntityTypeBuilder<Bid> builder)
    {
        builder.ToTable("bids");
        builder.HasKey(b => b.Id);
        builder.Ignore(b => b.IsLive);
        builder.Property(b => b.Version).IsConcurrencyToken();

        // One live bid per carrier per load, whatever the race: the database refuses the second.
        builder.HasIndex(b => new { b.LoadId, b.CarrierId })
            .IsUnique()
            .HasFilter("status IN ('Open', 'Countered')")
            .HasDatabaseName("ux_bids_one_live_per_carrier");
        builder.HasIndex(b => b.CarrierId);
        builder.HasIndex(b => b.ShipperId);

        builder.OwnsMany(b => b.Rounds, rounds =>
        {
            rounds.ToTable("bid_rounds");
            rounds.WithOwner().HasForeignKey("bid_id");
            rounds.Property<int>("id");
            rounds.HasKey("id");
        });
        builder.Navigation(b => b.Rounds).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
