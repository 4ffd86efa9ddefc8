using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.Core.Escrow;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Escrow;

/// <summary>One migrated PostgreSQL database for the ledger tests, with a pool big enough for 50 racers.</summary>
public sealed class LedgerDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public string RaceConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(Provider.Postgres);
        RaceConnectionString = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { MaxPoolSize = 120 }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        await using (var pooled = new NpgsqlConnection(RaceConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await Database.DisposeAsync();
    }

    public PakLoadDbContext Race() => ProviderSetup.CreatePostgres(RaceConnectionString);
}

/// <summary>The ledger alone: keys, balances, version checks and the database's CHECK, under concurrency.</summary>
public sealed class LedgerTests(LedgerDatabase fixture) : IClassFixture<LedgerDatabase>
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero));

    private static AccountSpec Source => AccountSpec.Clearing("test");

    [Fact]
    public async Task Transfer_SameKeyFiveAtOnceThenFiveInSequence_OneTransaction()
    {
        var to = AccountSpec.Named($"test:{Guid.NewGuid():N}");
        var posting = Posting.Transfer($"release:{Guid.NewGuid():N}", LedgerTransactionKind.Transfer, null, Source, to, Money.FromRupees(500));

        var together = await StartTogether(5, db => Transfer(db, posting));
        var inSequence = new List<Result<PostOutcome>>();
        for (var i = 0; i < 5; i++)
        {
            await using var db = fixture.Race();
            inSequence.Add(await Transfer(db, posting));
        }

        Assert.All(together.Concat(inSequence), r => Assert.True(r.IsSuccess, r.ToString()));
        Assert.Equal(1, together.Count(r => r.Value == PostOutcome.Posted));
        Assert.All(inSequence, r => Assert.Equal(PostOutcome.AlreadyPosted, r.Value));
        await using var check = fixture.Database.CreateContext();
        Assert.Equal(1, await check.LedgerTransactions.CountAsync(t => t.IdempotencyKey == posting.IdempotencyKey));
        Assert.Equal(Money.FromRupees(500), await Ledger.BalanceAsync(check, to, default));
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    [Fact]
    public async Task Debits_FiftyAtOnceAgainstBalanceForTen_ExactlyTenSucceed()
    {
        var wallet = AccountSpec.Named($"test:{Guid.NewGuid():N}:wallet");
        var sink = AccountSpec.Named($"test:{Guid.NewGuid():N}:sink");
        await using (var db = fixture.Race())
        {
            (await Transfer(db, Posting.Transfer($"fill:{wallet}", LedgerTransactionKind.Transfer, null, Source, wallet, Money.FromRupees(1_000)))).ValueOrThrow();
        }

        var results = await StartTogether(50, (db, i) =>
            Transfer(db, Posting.Transfer($"debit:{wallet}:{i}", LedgerTransactionKind.Transfer, null, wallet, sink, Money.FromRupees(100))));

        Assert.Equal(10, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal("errors.ledger.insufficient_funds", r.Error!.Key));
        await using var check = fixture.Database.CreateContext();
        Assert.Equal(Money.Zero, await Ledger.BalanceAsync(check, wallet, default));
        Assert.Equal(Money.FromRupees(1_000), await Ledger.BalanceAsync(check, sink, default));
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    [Fact]
    public async Task Transfer_MoreThanBalance_RefusedAndNothingChanges()
    {
        var wallet = AccountSpec.Named($"test:{Guid.NewGuid():N}");
        await using var db = fixture.Database.CreateContext();
        (await Transfer(db, Posting.Transfer($"fill:{wallet}", LedgerTransactionKind.Transfer, null, Source, wallet, Money.FromRupees(10)))).ValueOrThrow();

        var refused = await Transfer(db, Posting.Transfer($"over:{wallet}", LedgerTransactionKind.Transfer, null, wallet, Source, Money.FromRupees(11)));

        Assert.Equal("errors.ledger.insufficient_funds", refused.Error?.Key);
        Assert.False(await db.LedgerTransactions.AnyAsync(t => t.IdempotencyKey == $"over:{wallet}"));
        Assert.Equal(Money.FromRupees(10), await Ledger.BalanceAsync(db, wallet, default));
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    [Theory]
    [InlineData("unbalanced", "errors.ledger.unbalanced")]
    [InlineData("zero", "errors.ledger.posting_invalid")]
    [InlineData("same-account", "errors.ledger.posting_invalid")]
    [InlineData("no-key", "errors.ledger.key_invalid")]
    public async Task Posting_Malformed_RefusedWithKeyAndNothingChanges(string shape, string expected)
    {
        var a = AccountSpec.Named($"test:{Guid.NewGuid():N}");
        var key = $"bad:{Guid.NewGuid():N}";
        Posting posting = shape switch
        {
            "unbalanced" => new Posting(key, LedgerTransactionKind.Transfer, null, [new Leg(Source, Money.FromRupees(-5)), new Leg(a, Money.FromRupees(4))]),
            "zero" => Posting.Transfer(key, LedgerTransactionKind.Transfer, null, Source, a, Money.Zero),
            "same-account" => Posting.Transfer(key, LedgerTransactionKind.Transfer, null, a, a, Money.FromRupees(1)),
            _ => Posting.Transfer(" ", LedgerTransactionKind.Transfer, null, Source, a, Money.FromRupees(1)),
        };
        await using var db = fixture.Database.CreateContext();

        var result = await Transfer(db, posting);

        Assert.Equal(expected, result.Error?.Key);
        Assert.False(await db.LedgerAccounts.AnyAsync(x => x.Code == a.Code));
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    [Theory]
    [InlineData(Provider.Postgres)]
    [InlineData(Provider.Sqlite)]
    public async Task Balance_ForcedNegativeBehindTheCodesBack_RefusedByDatabaseCheck(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var wallet = AccountSpec.Named("test:wallet");
        var clearing = AccountSpec.Clearing("test");
        await using (var db = database.CreateContext())
        {
            (await Transfer(db, Posting.Transfer("fill", LedgerTransactionKind.Transfer, null, clearing, wallet, Money.FromRupees(10)))).ValueOrThrow();
        }

        await using (var db = database.CreateContext())
        {
            // Straight SQL, as a buggy job or a hand-typed fix would: only the CHECK stands in the way.
            var refused = await Record.ExceptionAsync(() =>
                db.Database.ExecuteSqlRawAsync("UPDATE ledger_accounts SET balance = -1 WHERE code = 'test:wallet'"));
            Assert.NotNull(refused);
            Assert.Contains("ck_ledger_accounts_balance_not_negative", refused.ToString(), StringComparison.OrdinalIgnoreCase);

            // A clearing account mirrors money outside and may go negative: the CHECK lets it.
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("UPDATE ledger_accounts SET balance = balance - 1 WHERE code = 'provider:test:clearing'"));
        }
    }

    private Task<Result<PostOutcome>> Transfer(PakLoadDbContext db, Posting posting) =>
        new TransferFundsHandler(db, _clock).HandleAsync(new TransferFundsCommand(posting), default);

    private Task<List<Result<PostOutcome>>> StartTogether(int count, Func<PakLoadDbContext, Task<Result<PostOutcome>>> work) =>
        StartTogether(count, (db, _) => work(db));

    /// <summary>Each contender opens its own context and connection first, then all start at the same signal.</summary>
    private async Task<List<Result<PostOutcome>>> StartTogether(int count, Func<PakLoadDbContext, int, Task<Result<PostOutcome>>> work)
    {
        using var ready = new CountdownEvent(count);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await using var db = fixture.Race();
            await db.Database.OpenConnectionAsync();
            ready.Signal();
            await go.Task;
            return await work(db, i);
        })).ToList();
        ready.Wait(TimeSpan.FromSeconds(30));
        go.SetResult();
        return [.. await Task.WhenAll(tasks)];
    }
}
