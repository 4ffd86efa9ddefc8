using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Data.ReferenceData;
using PakLoad.Core.Parties;

namespace PakLoad.Core.Data;

/// <summary>
/// The one EF Core model of PakLoad. Each provider has a sealed subclass (<see cref="PostgresPakLoadDbContext"/>,
/// <see cref="SqlitePakLoadDbContext"/>) that owns its generated migrations; code depends on this base type.
/// </summary>
public abstract class PakLoadDbContext : DbContext
{
    protected PakLoadDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Party> Parties => Set<Party>();

    public DbSet<PlaceRecord> Places => Set<PlaceRecord>();

    public DbSet<VehicleClassRecord> VehicleClasses => Set<VehicleClassRecord>();

    public DbSet<BodyTypeRecord> BodyTypes => Set<BodyTypeRecord>();

    /// <summary>"postgres" or "sqlite": for health reports and the few provider-aware queries.</summary>
    public abstract string ProviderName { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PakLoadDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}

public sealed class PostgresPakLoadDbContext(DbContextOptions<PostgresPakLoadDbContext> options) : PakLoadDbContext(options)
{
    public const string Provider = "postgres";

    public override string ProviderName => Provider;
}

public sealed class SqlitePakLoadDbContext(DbContextOptions<SqlitePakLoadDbContext> options) : PakLoadDbContext(options)
{
    public const string Provider = "sqlite";

    public override string ProviderName => Provider;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no timestamp type and cannot compare or order DateTimeOffset text; ticks in UTC sort right.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}
