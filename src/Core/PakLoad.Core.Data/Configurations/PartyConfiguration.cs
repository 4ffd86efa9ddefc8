using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PakLoad.Core.Parties;

namespace PakLoad.Core.Data.Configurations;

internal sealed class PartyConfiguration : IEntityTypeConfiguration<Party>
{
    public void Configure(EntityTypeBuilder<Party> builder)
    {
        builder.ToTable("parties");
        builder.HasKey(p => p.Id);

        // One party per mobile number: the database, not a check in code, keeps it so under concurrency.
        builder.Property(p => p.Phone).IsRequired();
        builder.HasIndex(p => p.Phone).IsUnique();

        builder.Property(p => p.Name).HasMaxLength(Party.MaxNameLength).IsRequired();
        builder.Property(p => p.PreferredChannel);
        builder.Property(p => p.Cnic).HasConversion(c => c!.Digits, digits => Cnic.FromDigits(digits)).HasMaxLength(13);
        builder.Property(p => p.CreatedAt);

        builder.Ignore(p => p.Roles);
        builder.PrimitiveCollection<List<PartyRole>>("_roles")
            .HasColumnName("roles")
            .ElementType(e => e.HasConversion<string>());
    }
}
