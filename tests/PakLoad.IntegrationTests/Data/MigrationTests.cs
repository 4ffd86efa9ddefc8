using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PakLoad.Core.Bids;
using PakLoad.Core.Common;
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

    /// <summary>Bid rounds moved from their own table onto the bid (a JSON array): existing negotiations survive, both ways.</summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BidRoundsOnTheBid_WithExistingRounds_KeepsEveryRoundUpAndDown(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using (var before = database.CreateContext())
        {
            var migrator = before.GetService<IMigrator>();
            var previous = before.Database.GetMigrations().TakeWhile(m => !m.EndsWith("_BidRoundsOnTheBid", StringComparison.Ordinal)).Last();
            await migrator.MigrateAsync(previous);

            var bidId = Guid.Parse("0193b0d0-0000-7000-8000-0000000000b1");
            var placed = new DateTimeOffset(2026, 11, 25, 9, 30, 15, TimeSpan.Zero).AddTicks(1_234_560);
            var countered = placed.AddMinutes(7);
            object At(DateTimeOffset at) => provider == Provider.Sqlite ? at.UtcTicks : at;
            object Id(Guid id) => provider == Provider.Sqlite ? id.ToString().ToUpperInvariant() : id; // EF's SQLite mapping: upper-case text
            await before.Database.ExecuteSqlRawAsync(
                "INSERT INTO bids (id, load_id, carrier_id, shipper_id, amount, status, created_at, updated_at, expires_at, version) VALUES ({0}, {1}, {2}, {3}, {4}, 'Countered', {5}, {6}, {7}, 2)",
                Id(bidId), Id(Guid.NewGuid()), Id(Guid.NewGuid()), Id(Guid.NewGuid()), 8_000_000L, At(placed), At(countered), At(countered.AddHours(2)));
            await before.Database.ExecuteSqlRawAsync(
                "INSERT INTO bid_rounds (bid_id, number, \"by\", amount, at) VALUES ({0}, 2, 'Shipper', 8000000, {1}), ({0}, 1, 'Carrier', 8500000, {2})",
                Id(bidId), At(countered), At(placed));
        }

        await using (var after = database.CreateContext())
        {
            await after.Database.MigrateAsync();
            var bid = await after.Bids.SingleAsync();

            Assert.Equal(
                [
                    new BidRound(1, BidSide.Carrier, Money.FromRupees(85_000), new DateTimeOffset(2026, 11, 25, 9, 30, 15, TimeSpan.Zero).AddTicks(1_234_560)),
                    new BidRound(2, BidSide.Shipper, Money.FromRupees(80_000), new DateTimeOffset(2026, 11, 25, 9, 37, 15, TimeSpan.Zero).AddTicks(1_234_560)),
                ],
                bid.Rounds.Select(r => r with { At = r.At.ToUniversalTime() }));

            var previous = after.Database.GetMigrations().TakeWhile(m => !m.EndsWith("_BidRoundsOnTheBid", StringComparison.Ordinal)).Last();
            await after.GetService<IMigrator>().MigrateAsync(previous);
            var restored = await after.Database.SqlQueryRaw<long>("SELECT amount AS \"Value\" FROM bid_rounds ORDER BY number").ToListAsync();
            Assert.Equal([8_500_000L, 8_000_000L], restored);
        }
    }
}
