using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PakLoad.Api.Payments;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.Core.Data.ReferenceData;
using PakLoad.Core.Escrow;
using PakLoad.Core.Payments;
using PakLoad.Core.Places;
using PakLoad.Core.Reconciliation;
using PakLoad.Core.Trips;
using PakLoad.Core.Vehicles;
using PakLoad.IntegrationTests.Escrow;
using PakLoad.IntegrationTests.Infrastructure;
using PakLoad.IntegrationTests.Trips;

namespace PakLoad.IntegrationTests.Payments;

/// <summary>
/// Invariant I7 on PostgreSQL: a provider's settlement day against the ledger, after real fund and refund flows,
/// for the sandbox (its own records) and Stripe (balance transactions from the loopback fake).
/// </summary>
public sealed class ReconciliationTests(TripDatabase fixture) : IClassFixture<TripDatabase>, IAsyncLifetime
{
    private static int _days;

    internal FakeStripe Stripe { get; private set; } = null!;

    public async Task InitializeAsync() => Stripe = await FakeStripe.StartAsync();

    public async Task DisposeAsync() => await Stripe.DisposeAsync();

    [Fact]
    public async Task Sandbox_FundThenCancelAndRefund_EveryLineMatchedNoCase()
    {
        var (world, day) = await WorldAsync();
        await FundAsync(world);
        (await world.AdvanceAsync(world.Trips.Carrier, TripMilestone.Cancel)).ValueOrThrow();
        var refund = (await world.RefundAsync()).ValueOrThrow();
        Assert.Equal(PaymentEventOutcome.Applied, (await SandboxEventAsync(world, PaymentEventKind.RefundSucceeded, refund.Id.Value)).ValueOrThrow());
        world.Trips.Clock.Advance(TimeSpan.FromDays(1));

        var outcome = (await ReconcileAsync(world, SandboxPaymentProvider.ProviderName, day)).ValueOrThrow();

        var total = EscrowWorld.Price + EscrowWorld.Fee;
        Assert.Equal((2, 2, 0, 0, 0, 0), (outcome.Lines, outcome.Matched, outcome.MissingInLedger, outcome.MissingInReport, outcome.AmountMismatches, outcome.DuplicatesInReport));
        Assert.Equal(total + total, outcome.GrossReported);
        Assert.Empty(outcome.Opened);
        Assert.Equal(0, await CasesAsync(SandboxPaymentProvider.ProviderName, day));
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    [Fact]
    public async Task Sandbox_EachMismatchKind_OpensOneCaseAndTellsAdminsOnceEvenWhenRerun()
    {
        var (world, day) = await WorldAsync();
        var clock = world.Trips.Clock;

        // Amount: the provider's record of the payment differs from what the ledger booked.
        var tampered = await FundAsync(world);
        await world.Run(db => db.Database.ExecuteSqlRawAsync("UPDATE payments SET amount = amount + 100 WHERE id = {0}", tampered.Value));

        // Missing in ledger: the provider reports a success we never posted.
        var unposted = await EscrowWorld.CreateAsync(fixture.Database, clock: clock);
        var unpostedId = (await unposted.LinkAsync()).ValueOrThrow().PaymentId;
        await world.Run(async db =>
        {
            db.PaymentEvents.Add(ProcessedPaymentEvent.Of(
                SandboxPaymentProvider.ProviderName, SandboxPaymentProvider.EventId(unpostedId.Value, PaymentEventKind.PaymentSucceeded), nameof(PaymentEventKind.PaymentSucceeded), clock));
            return await db.SaveChangesAsync();
        });

        // Missing in report: money booked into clearing the provider never reported.
        var phantom = await EscrowWorld.CreateAsync(fixture.Database, clock: clock);
        var phantomLink = (await phantom.LinkAsync()).ValueOrThrow();
        await PostFundingAsync(phantom, phantomLink);
        clock.Advance(TimeSpan.FromDays(1));

        var first = (await ReconcileAsync(world, SandboxPaymentProvider.ProviderName, day)).ValueOrThrow();
        var again = (await ReconcileAsync(world, SandboxPaymentProvider.ProviderName, day)).ValueOrThrow();

        Assert.Equal((0, 1, 1, 1), (first.Matched, first.MissingInLedger, first.MissingInReport, first.AmountMismatches));
        Assert.Equal(
            [MismatchKind.MissingInLedger, MismatchKind.MissingInReport, MismatchKind.AmountMismatch],
            first.Opened.Select(c => c.Kind).Order().ToArray());
        var amount = Assert.Single(first.Opened, c => c.Kind == MismatchKind.AmountMismatch);
        Assert.Equal(amount.LedgerAmount + new Money(100), amount.ReportAmount);
        Assert.Empty(again.Opened);
        Assert.Equal((2, 1, 1, 1), (again.Runs, again.MissingInLedger, again.MissingInReport, again.AmountMismatches));
        Assert.Equal(3, await CasesAsync(SandboxPaymentProvider.ProviderName, day));
        Assert.Equal(1, await world.Run(db => db.Outbox.CountAsync(o => o.RecipientId == world.Admin.Id && o.TemplateKey == "notifications.admin.reconciliation_mismatch")));
        Assert.Equal(0, await world.Run(db => db.Outbox.CountAsync(o => o.RecipientId == world.Trips.Shipper.Id && o.TemplateKey == "notifications.admin.reconciliation_mismatch")));

        // The tampered amount is put right and the day re-run: its case closes, nothing new opens.
        await world.Run(db => db.Database.ExecuteSqlRawAsync("UPDATE payments SET amount = amount - 100 WHERE id = {0}", tampered.Value));
        var corrected = (await ReconcileAsync(world, SandboxPaymentProvider.ProviderName, day)).ValueOrThrow();
        Assert.Equal((1, 1, 0, 0), (corrected.Matched, corrected.ClosedAsMatched, corrected.AmountMismatches, corrected.Opened.Count));
        Assert.Equal(2, await CasesAsync(SandboxPaymentProvider.ProviderName, day));

        // The provider reports the phantom payment the next day: that day matches it and closes yesterday's case.
        Assert.Equal(
            PaymentEventOutcome.Applied,
            (await phantom.Run(db => new RecordPaymentOutcomeHandler(db, clock, Gazetteer.Default).HandleAsync(
                new RecordPaymentOutcomeCommand(
                    SandboxPaymentProvider.ProviderName, SandboxPaymentProvider.EventId(phantomLink.PaymentId.Value, PaymentEventKind.PaymentSucceeded),
                    PaymentEventKind.PaymentSucceeded, null, phantomLink.PaymentId.Value), default))).ValueOrThrow());
        clock.Advance(TimeSpan.FromDays(1));
        var next = (await ReconcileAsync(world, SandboxPaymentProvider.ProviderName, day.AddDays(1))).ValueOrThrow();

        Assert.Equal((1, 1, 0), (next.Matched, next.ClosedAsMatched, next.Opened.Count));
        Assert.Equal(1, await phantom.TransactionsAsync(LedgerTransactionKind.Funding));
        Assert.Equal(1, await CasesAsync(SandboxPaymentProvider.ProviderName, day));
    }

    [Fact]
    public async Task Sqlite_EmbeddedDefault_MatchesOpensOnceAndTellsTheAdmin()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        await using (var seed = database.CreateContext())
        {
            await ReferenceDataSeeder.SeedAsync(seed, Gazetteer.Default, VehicleCatalogue.Default);
        }

        var day = new DateOnly(2026, 2, 10);
        var clock = new FakeTimeProvider(PakistanTime.StartOf(day).AddHours(10).ToUniversalTime());
        var world = await EscrowWorld.CreateAsync(database, clock: clock);
        await FundAsync(world);
        var phantom = await EscrowWorld.CreateAsync(database, clock: clock);
        await PostFundingAsync(phantom, (await phantom.LinkAsync()).ValueOrThrow());
        clock.Advance(TimeSpan.FromDays(1));

        var first = (await ReconcileAsync(world, SandboxPaymentProvider.ProviderName, day)).ValueOrThrow();
        var again = (await ReconcileAsync(world, SandboxPaymentProvider.ProviderName, day)).ValueOrThrow();

        Assert.Equal((1, 1, 1, 0), (first.Matched, first.MissingInReport, first.Opened.Count, again.Opened.Count));
        Assert.Equal(1, await world.Run(db => db.Outbox.CountAsync(o => o.RecipientId == world.Admin.Id && o.TemplateKey == "notifications.admin.reconciliation_mismatch")));
    }

    [Fact]
    public async Task Reconcile_TodayOrUnknownProvider_TypedErrorNothingStored()
    {
        var (world, day) = await WorldAsync();

        var today = await ReconcileAsync(world, SandboxPaymentProvider.ProviderName, day);
        var unknown = await ReconcileAsync(world, "jazzcash", day.AddDays(-1));
        var invalid = await ReconcileAsync(world, "Bad Name!", day.AddDays(-1));

        Assert.Equal(
            ("errors.reconciliation.day_not_over", "errors.reconciliation.provider_unknown", "errors.reconciliation.provider_unknown"),
            (today.Error?.Key, unknown.Error?.Key, invalid.Error?.Key));
        Assert.Equal(0, await world.Run(db => db.ReconciliationRuns.CountAsync(r => r.Day == day || r.Day == day.AddDays(-1))));
    }

    [Fact]
    public async Task Stripe_BalanceTransactionsOverPages_MatchedMissingSweepAndFeesInPaisa()
    {
        var (world, day) = await WorldAsync();
        world.Providers = new PaymentProviders([new SandboxPaymentProvider(), new StripePaymentProvider(Stripe.Client())]);
        world.Options = EscrowOptions.Default with { Provider = StripePaymentProvider.ProviderName };
        var link = (await world.LinkAsync()).ValueOrThrow();
        var intent = await world.Run(db => db.Payments.Where(p => p.Id == link.PaymentId).Select(p => p.ProviderRef!).SingleAsync());
        Assert.Equal(
            PaymentEventOutcome.Applied,
            (await world.Run(db => new RecordPaymentOutcomeHandler(db, world.Trips.Clock, Gazetteer.Default).HandleAsync(
                new RecordPaymentOutcomeCommand(StripePaymentProvider.ProviderName, $"evt_{Guid.NewGuid():N}", PaymentEventKind.PaymentSucceeded, intent, link.PaymentId.Value), default))).ValueOrThrow());
        var at = world.Trips.Clock.GetUtcNow();
        var paisa = link.Amount.Paisa; // PKR is two-decimal on Stripe: its minor unit is our paisa.
        Stripe.BalanceTransactions.AddRange(
        [
            FakeStripe.BalanceTransaction("charge", paisa, 569_00, at, FakeStripe.ChargeObject(intent, paisa)),
            FakeStripe.BalanceTransaction("charge", 5_000_00, 150_00, at, FakeStripe.ChargeObject("pi_nobody_knows", 5_000_00)),
            FakeStripe.BalanceTransaction("stripe_fee", -100, 0, at, FakeStripe.PayoutObject(100)),
            FakeStripe.BalanceTransaction("payout", -1_000_000_00, 0, at, FakeStripe.PayoutObject(1_000_000_00)),
            FakeStripe.BalanceTransaction("refund", -7_00, 0, at, RefundSource("re_unknown", 7_00, "succeeded")),
            FakeStripe.BalanceTransaction("refund", -9_00, 0, at, RefundSource("re_failed", 9_00, "failed")),
            FakeStripe.BalanceTransaction("refund_failure", 9_00, 0, at, RefundSource("re_failed", 9_00, "failed")),
        ]);
        world.Trips.Clock.Advance(TimeSpan.FromDays(1));

        var outcome = (await world.Run(db => new ReconcileSettlementHandler(db, world.Trips.Clock, new SettlementSources([new StripeSettlementSource(Stripe.Client())]))
            .HandleAsync(new ReconcileSettlementCommand(StripePaymentProvider.ProviderName, day), default))).ValueOrThrow();

        var gets = Stripe.Calls.Where(c => c.Path == "/v1/balance_transactions").ToList();
        Assert.Equal(4, gets.Count); // seven transactions, two per page
        Assert.Equal(
            (PakistanTime.StartOf(day).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
             PakistanTime.EndOf(day).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), "data.source"),
            (gets[0].Form["created[gte]"], gets[0].Form["created[lt]"], gets[0].Form["expand[0]"]));
        Assert.Equal((4, 1, 1, 2, 0), (outcome.Lines, outcome.Matched, outcome.Sweeps, outcome.MissingInLedger, outcome.AmountMismatches));
        Assert.Equal(new Money(569_00 + 150_00), outcome.FeesReported);
        Assert.Equal(
            [("pi_nobody_knows", SettlementLineKind.Payment, (long?)5_000_00), ("re_unknown", SettlementLineKind.Refund, (long?)7_00)],
            outcome.Opened.Select(c => (c.Reference, c.LineKind, c.ReportAmount?.Paisa)).OrderBy(c => c.Reference, StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Stripe_ApiFails_TypedErrorAndNothingStored()
    {
        var (world, day) = await WorldAsync();
        world.Trips.Clock.Advance(TimeSpan.FromDays(1));
        Stripe.FailWith = 500;

        var result = await world.Run(db => new ReconcileSettlementHandler(db, world.Trips.Clock, new SettlementSources([new StripeSettlementSource(Stripe.Client())]))
            .HandleAsync(new ReconcileSettlementCommand(StripePaymentProvider.ProviderName, day), default));

        Assert.Equal("errors.reconciliation.report_unavailable", result.Error?.Key);
        Assert.Equal(0, await world.Run(db => db.ReconciliationRuns.CountAsync(r => r.Provider == StripePaymentProvider.ProviderName && r.Day == day)));
    }

    private static Dictionary<string, object?> RefundSource(string id, long amount, string status) =>
        new() { ["id"] = id, ["object"] = "refund", ["amount"] = amount, ["currency"] = "pkr", ["status"] = status };

    /// <summary>A world whose clock sits on a day no other test of this class uses (the database is shared by the class).</summary>
    private async Task<(EscrowWorld World, DateOnly Day)> WorldAsync()
    {
        var day = new DateOnly(2026, 3, 1).AddDays(Interlocked.Increment(ref _days) * 3);
        var clock = new FakeTimeProvider(PakistanTime.StartOf(day).AddHours(10).ToUniversalTime());
        return (await EscrowWorld.CreateAsync(fixture.Database, clock: clock), day);
    }

    /// <summary>Link, then the sandbox page's own "succeeded" event (the id the sandbox endpoint uses).</summary>
    private static async Task<PaymentId> FundAsync(EscrowWorld world)
    {
        var link = (await world.LinkAsync()).ValueOrThrow();
        Assert.Equal(PaymentEventOutcome.Applied, (await SandboxEventAsync(world, PaymentEventKind.PaymentSucceeded, link.PaymentId.Value)).ValueOrThrow());
        return link.PaymentId;
    }

    private static Task<Result<PaymentEventOutcome>> SandboxEventAsync(EscrowWorld world, PaymentEventKind kind, Guid id) =>
        world.EventAsync(kind, id, SandboxPaymentProvider.EventId(id, kind));

    /// <summary>A posting with no payment event behind it, in its own transaction as every ledger write is.</summary>
    private static Task<PostOutcome> PostFundingAsync(EscrowWorld world, FundingLink link) => world.Run(async db =>
    {
        var posting = Posting.Transfer(
            $"payment:{link.PaymentId}:funded", LedgerTransactionKind.Funding, world.BookingId, AccountSpec.Clearing(SandboxPaymentProvider.ProviderName), AccountSpec.Escrow(world.BookingId), link.Amount);
        var posted = await db.InTransactionAsync(async token =>
        {
            var staged = await Ledger.StageAsync(db, posting, world.Trips.Clock, token);
            if (staged.IsSuccess)
            {
                await db.SaveChangesAsync(token);
            }

            return staged;
        });
        return posted.ValueOrThrow();
    });

    private static Task<Result<ReconciliationOutcome>> ReconcileAsync(EscrowWorld world, string provider, DateOnly day) =>
        world.Run(db => new ReconcileSettlementHandler(db, world.Trips.Clock, new SettlementSources([new SandboxSettlementSource(db)]))
            .HandleAsync(new ReconcileSettlementCommand(provider, day), default));

    private Task<int> CasesAsync(string provider, DateOnly day) => Count(db => db.ReconciliationCases.CountAsync(c => c.Provider == provider && c.Day == day && c.Status == CaseStatus.Open));

    private async Task<int> Count(Func<PakLoadDbContext, Task<int>> query)
    {
        await using var db = fixture.Database.CreateContext();
        return await query(db);
    }
}
