using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Data.ReferenceData;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PakLoad.Core.Data.Configurations;

internal sealed class PlaceConfiguration : IEntityTypeConfiguration<PlaceRecord>
{
    public void Configure(EntityTypeBuilder<PlaceRecord> builder)
    {
        builder.ToTable("places");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(40);
        builder.Property(p => p.NameEn).HasMaxLength(80);
        builder.Property(p => p.NameUr).HasMaxLength(80);
        builder.Property(p => p.NameUrLatn).HasMaxLength(80);
        builder.Property(p => p.Province).HasMaxLength(32);
    }
}

internal sealed class VehicleClassConfiguration : IEntityTypeConfiguration<VehicleClassRecord>
{
    public void Configure(EntityTypeBuilder<VehicleClassRecord> builder)
    {
        builder.ToTable("vehicle_classes");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).HasMaxLength(40);
        builder.Property(v => v.NameEn).HasMaxLength(80);
        builder.Property(v => v.NameUr).HasMaxLength(80);
        builder.Property(v => v.NameUrLatn).HasMaxLength(80);
    }
}

internal sealed class BodyTypeConfiguration : IEntityTypeConfiguration<BodyTypeRecord>
{
    public void Configure(EntityTypeBuilder<BodyTypeRecord> builder)
    {
        builder.ToTable("body_types");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).HasMaxLength(40);
        builder.Property(b => b.NameEn).HasMaxLength(80);
        builder.Property(b => b.NameUr).HasMaxLength(80);
        builder.Property(b => b.NameUrLatn).HasMaxLength(80);
    }
}
