using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PakLoad.Core.Bids;
using PakLoad.Core.Common;

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

        // The negotiation's rounds are always read and written with their bid and never searched, so they live on
        // the bid's row as a small JSON array: placing a bid writes one row, not two (and no foreign-key check).
        builder.Ignore(b => b.Rounds);
        builder.Property<List<BidRound>>("_rounds")
            .HasColumnName("rounds")
            .UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasConversion(new BidRoundsConverter(), new BidRoundsComparer())
            .HasMaxLength(8000);
    }

    /// <summary>[{"n":1,"by":"Carrier","paisa":8500000,"at":"2026-11-25T10:00:00+00:00"}, …]</summary>
    private sealed class BidRoundsConverter() : ValueConverter<List<BidRound>, string>(
        rounds => JsonSerializer.Serialize(rounds.Select(r => new StoredRound(r.Number, r.By, r.Amount.Paisa, r.At)).ToList(), JsonOptions),
        json => (JsonSerializer.Deserialize<List<StoredRound>>(json, JsonOptions) ?? new List<StoredRound>())
            .Select(r => new BidRound(r.N, r.By, new Money(r.Paisa), r.At))
            .ToList())
    {
        private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
        {
            Converters = { new JsonStringEnumConverter() },
        };
    }

    /// <summary>Rounds are appended in place, so change tracking compares (and snapshots) the list's contents.</summary>
    private sealed class BidRoundsComparer() : ValueComparer<List<BidRound>>(
        (a, b) => a!.SequenceEqual(b!),
        rounds => rounds.Aggregate(0, (hash, round) => HashCode.Combine(hash, round)),
        rounds => rounds.ToList());

    private sealed record StoredRound(int N, BidSide By, long Paisa, DateTimeOffset At);
}
