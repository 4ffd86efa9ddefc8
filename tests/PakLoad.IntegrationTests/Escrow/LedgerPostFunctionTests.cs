using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.Core.Escrow;
using PakLoad.Core.Places;
using PakLoad.Core.Trips;

namespace PakLoad.IntegrationTests.Escrow;

/// <summary>
/// The PostgreSQL posting path (<c>ledger_post</c> through <see cref="ILedgerWriter"/>): fixed lock order, one
/// posting per key under a race, a refused overdraft that writes nothing, and no posting outside the caller's transaction.
/// </summary>
public sealed class LedgerPostFunctionTests(LedgerDatabase fixture) : IClassFixture<LedgerDatabase>
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero));

    private static AccountSpec Source => AccountSpec.Clearing("test");

    [Fact]
    public async Task Transfers_OppositeDirectionsBetweenTwoAccountsAtOnce_AllPostAndBalancesAddUp()
    {
        var a = AccountSpec.Named($"test:{Guid.NewGuid():N}:a");
        var b = AccountSpec.Named($"test:{Guid.NewGuid():N}:b");
        await using (var db = fixture.Race())
        {
            (await Transfer(db, Posting.Transfer($"fill:{a}", LedgerTransactionKind.Transfer, null, Source, a, Money.FromRupees(1_000)))).ValueOrThrow();
            (await Transfer(db, Posting.Transfer($"fill:{b}", LedgerTransactionKind.Transfer, null, Source, b, Money.FromRupees(1_000)))).ValueOrThrow();
        }

        // 20 pairs: a -> b Rs 10 and b -> a Rs 7, all released at once. Locks taken in code order cannot deadlock.
        var results = await StartTogether(40, (db, i) => Transfer(db, i % 2 == 0
            ? Posting.Transfer($"ab:{a}:{i}", LedgerTransactionKind.Transfer, null, a, b, Money.FromRupees(10))
            : Posting.Transfer($"ba:{a}:{i}", LedgerTransactionKind.Transfer, null, b, a, Money.FromRupees(7))));

        Assert.All(results, r => Assert.Equal(PostOutcome.Posted, r.ValueOrThrow()));
        await using var check = fixture.Database.CreateContext();
        Assert.Equal(Money.FromRupees(1_000 - (20 * 10) + (20 * 7)), await Ledger.BalanceAsync(check, a, default));
        Assert.Equal(Money.FromRupees(1_000 + (20 * 10) - (20 * 7)), await Ledger.BalanceAsync(check, b, default));
        var versions = await check.LedgerAccounts.Where(x => x.Code == a.Code || x.Code == b.Code).Select(x => x.Version).ToListAsync();
        Assert.Equal([41, 41], versions);
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    [Fact]
    public async Task Transfer_SameKeyTwentyAtOnceIntoNewAccounts_PostsOnce()
    {
        var from = AccountSpec.Clearing($"race{Guid.NewGuid():N}");
        var to = AccountSpec.Named($"test:{Guid.NewGuid():N}");
        var posting = Posting.Transfer($"twin:{Guid.NewGuid():N}", LedgerTransactionKind.Transfer, null, from, to, Money.FromRupees(250));

        var results = await StartTogether(20, (db, _) => Transfer(db, posting));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.ToString()));
        Assert.Equal(1, results.Count(r => r.Value == PostOutcome.Posted));
        await using var check = fixture.Database.CreateContext();
        var transaction = await check.LedgerTransactions.SingleAsync(t => t.IdempotencyKey == posting.IdempotencyKey);
        Assert.Equal(2, await check.LedgerEntries.CountAsync(e => e.TransactionId == transaction.Id));
        Assert.Equal(Money.FromRupees(250), await Ledger.BalanceAsync(check, to, default));
        Assert.Equal(Money.FromRupees(-250), await Ledger.BalanceAsync(check, from, default));
        Assert.Equal(1, await check.LedgerAccounts.CountAsync(x => x.Code == to.Code));
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    [Fact]
    public async Task Transfer_MoreThanBalanceToNewAccount_TypedErrorAndNothingWritten()
    {
        var wallet = AccountSpec.Named($"test:{Guid.NewGuid():N}:wallet");
        var sink = AccountSpec.Named($"test:{Guid.NewGuid():N}:sink");
        await using var db = fixture.Database.CreateContext();
        (await Transfer(db, Posting.Transfer($"fill:{wallet}", LedgerTransactionKind.Transfer, null, Source, wallet, Money.FromRupees(10)))).ValueOrThrow();
        var before = await db.LedgerAccounts.AsNoTracking().SingleAsync(x => x.Code == wallet.Code);

        var refused = await Transfer(db, Posting.Transfer($"over:{wallet}", LedgerTransactionKind.Transfer, null, wallet, sink, Money.FromRupees(11)));

        Assert.Equal("errors.ledger.insufficient_funds", refused.Error?.Key);
        Assert.Equal(Money.FromRupees(10).ToString(), refused.Error!.Args["balance"]);
        Assert.Equal(Money.FromRupees(11).ToString(), refused.Error.Args["amount"]);
        Assert.False(await db.LedgerTransactions.AnyAsync(t => t.IdempotencyKey == $"over:{wallet}"));
        Assert.False(await db.LedgerAccounts.AnyAsync(x => x.Code == sink.Code));
        var after = await db.LedgerAccounts.AsNoTracking().SingleAsync(x => x.Code == wallet.Code);
        Assert.Equal((before.Balance, before.Version), (after.Balance, after.Version));
        Assert.Equal(1, await db.LedgerEntries.CountAsync(e => e.AccountId == after.Id));
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    [Fact]
    public async Task Posting_InCallerTransactionThatRollsBack_LeavesNothing()
    {
        var wallet = AccountSpec.Named($"test:{Guid.NewGuid():N}:wallet");
        var key = $"rolled-back:{wallet}";
        await using var db = fixture.Database.CreateContext();

        // The step posts, then fails on something else: the caller's rollback takes the posting with it.
        var result = await db.InSnapshotTransactionAsync<PostOutcome>(async token =>
        {
            var posted = await Ledger.StageAsync(db, Posting.Transfer(key, LedgerTransactionKind.Transfer, null, Source, wallet, Money.FromRupees(5)), _clock, token);
            Assert.Equal(PostOutcome.Posted, posted.ValueOrThrow());
            Assert.Equal(Money.FromRupees(5), await Ledger.BalanceAsync(db, wallet, token));
            return Error.Of("errors.not_found");
        });

        Assert.False(result.IsSuccess);
        Assert.False(await db.LedgerTransactions.AnyAsync(t => t.IdempotencyKey == key));
        Assert.False(await db.LedgerAccounts.AnyAsync(x => x.Code == wallet.Code));

        // The same key then posts for real: nothing of the rolled-back attempt stands in the way.
        Assert.Equal(PostOutcome.Posted, (await Transfer(db, Posting.Transfer(key, LedgerTransactionKind.Transfer, null, Source, wallet, Money.FromRupees(5)))).ValueOrThrow());
        Assert.Equal(Money.FromRupees(5), await Ledger.BalanceAsync(db, wallet, default));
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    [Fact]
    public async Task Posting_WithNoOpenTransaction_RefusedAndNothingWritten()
    {
        var wallet = AccountSpec.Named($"test:{Guid.NewGuid():N}:wallet");
        var posting = Posting.Transfer($"alone:{wallet}", LedgerTransactionKind.Transfer, null, Source, wallet, Money.FromRupees(5));
        await using var db = fixture.Database.CreateContext();
        Assert.NotNull(db.LedgerWriter);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Ledger.StageAsync(db, posting, _clock, default));

        Assert.False(await db.LedgerTransactions.AnyAsync(t => t.IdempotencyKey == posting.IdempotencyKey));
        Assert.False(await db.LedgerAccounts.AnyAsync(x => x.Code == wallet.Code));
    }

    [Fact]
    public async Task TripLoaded_SaveLosesRaceAfterAdvancePosted_AdvanceTakenBackWithTheTrip()
    {
        var world = await EscrowWorld.CreateAsync(fixture.Database, TripStatus.AtPickup);
        await world.FundAsync();
        var trip = await world.Trips.ReadTripAsync();

        // Someone else changes the trip between the step's read and its save: the advance is already posted by then.
        await using (var db = fixture.Database.CreateContext(new ChangeTripBeforeSave(fixture.Database.ConnectionString, trip.Id)))
        {
            var loaded = await new AdvanceTripHandler(db, world.Trips.Clock, Gazetteer.Default)
                .HandleAsync(new AdvanceTripCommand(world.Trips.Driver.Id, trip.Id, TripMilestone.Load), default);
            Assert.Equal("errors.conflict", loaded.Error?.Key);
        }

        Assert.Equal(TripStatus.AtPickup, (await world.Trips.ReadTripAsync()).Status);
        Assert.Equal(Money.Zero, await world.CarrierPayableAsync());
        Assert.Equal(EscrowWorld.Price + EscrowWorld.Fee, await world.EscrowBalanceAsync());
        await using (var check = fixture.Database.CreateContext())
        {
            Assert.False(await check.LedgerTransactions.AnyAsync(t => t.BookingId == world.BookingId && t.Kind == LedgerTransactionKind.Advance));
        }

        // Tried again, the step moves the trip and the money together.
        Assert.True((await world.AdvanceAsync(world.Trips.Driver, TripMilestone.Load)).IsSuccess);
        Assert.Equal(EscrowWorld.Advance, await world.CarrierPayableAsync());
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    [Fact]
    public void LedgerWriter_OnSqlite_IsNoneSoPostingsAreStaged()
    {
        using var sqlite = ProviderSetup.CreateSqlite("Data Source=:memory:");

        Assert.Null(((IPakLoadDb)sqlite).LedgerWriter);
    }

    /// <summary>Bumps the trip's version on another connection just before the context saves: a lost race, on cue.</summary>
    private sealed class ChangeTripBeforeSave(string connectionString, TripId trip) : SaveChangesInterceptor
    {
        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await using var other = new NpgsqlConnection(connectionString);
            await other.OpenAsync(cancellationToken);
            await using var bump = new NpgsqlCommand("UPDATE trips SET version = version + 1 WHERE id = $1", other) { Parameters = { new() { Value = trip.Value } } };
            await bump.ExecuteNonQueryAsync(cancellationToken);
            return result;
        }
    }

    private Task<Result<PostOutcome>> Transfer(PakLoadDbContext db, Posting posting) =>
        new TransferFundsHandler(db, _clock).HandleAsync(new TransferFundsCommand(posting), default);

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
