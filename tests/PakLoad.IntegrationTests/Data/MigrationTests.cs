using Microsoft.EntityFrameworkCore;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Data;

/// <summary>The generated migrations of both providers build the schema the model describes, and nothing is pending.</summary>
public sealed class MigrationTests
{
    public static TheoryData<Provider> Providers => new() { Provider.Postgres, Provider.Sqlite };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrate_EmptyDatabase_AppliesEveryMigration(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var db = database.CreateContext();
        var all = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all, await db.Database.GetPendingMigrationsAsync());

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());
    }

    /// <summary>CI fails here when someone changes the model without running scripts/add-migration.</summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Model_AfterMigrations_HasNoPendingChanges(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: model changed without a migration; run scripts/add-migration <Name>");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrate_Twice_IsANoOp(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Parties.CountAsync());
    }

    [Fact]
    public void Migrations_OfBothProviders_HaveTheSameNames()
    {
        using var postgres = Core.Data.ProviderSetup.CreatePostgres("Host=unused");
        using var sqlite = Core.Data.ProviderSetup.CreateSqlite("Data Source=:memory:");

        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]);

        Assert.Equal(Names(postgres), Names(sqlite));
    }
}
