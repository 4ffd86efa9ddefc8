using PakLoad.Core.Common;
using PakLoad.Core.Escrow;
using PakLoad.Core.Payouts;
using PakLoad.Core.Trips;
using PakLoad.IntegrationTests.Trips;

namespace PakLoad.IntegrationTests.Escrow;

/// <summary>Payouts from a carrier's payable balance: methods, requests, the admin's decisions and the bank file.</summary>
public sealed class PayoutTests(TripDatabase fixture) : IClassFixture<TripDatabase>
{
    private const string ValidIban = "PK36SCBL0000001123456702";

    [Theory]
    [InlineData(PayoutMethodKind.Iban, "PK36 SCBL 0000 0011 2345 6702", null)]
    [InlineData(PayoutMethodKind.Iban, "PK36SCBL0000001123456703", "errors.iban.checksum")]
    [InlineData(PayoutMethodKind.Raast, "0300 1234567", null)]
    [InlineData(PayoutMethodKind.Wallet, "042 1234567", "errors.phone.invalid")]
    public async Task RegisterMethod_ValidatesIbanAndMobile(PayoutMethodKind kind, string destination, string? error)
    {
        var world = await EscrowWorld.CreateAsync(fixture.Database);

        var result = await Register(world, kind, destination);

        Assert.Equal(error, result.Error?.Key);
        Assert.Equal(
            "errors.forbidden",
            (await world.Run(db => new RegisterPayoutMethodHandler(db, world.Trips.Clock).HandleAsync(
                new RegisterPayoutMethodCommand(world.Trips.Shipper.Id, kind, destination, "Rana"), default))).Error?.Key);
    }

    [Fact]
    public async Task Payout_RequestedApprovedPaid_MoneyLeavesOnceAndBankFileCarriesIt()
    {
        var world = await CompletedTripAsync();
        (await Register(world, PayoutMethodKind.Iban, ValidIban)).ValueOrThrow();

        Assert.Equal("errors.payout.amount_invalid", (await Request(world, EscrowWorld.Price + Money.FromRupees(1))).Error?.Key);
        var payout = (await Request(world, Money.FromRupees(100_000))).ValueOrThrow();
        Assert.Equal(EscrowWorld.Price - Money.FromRupees(100_000), (await Balance(world)).Payable);
        Assert.Equal("errors.forbidden", (await Decide(world, world.Trips.Carrier.Id, payout.Id, PayoutDecision.Approve)).Error?.Key);
        Assert.Equal("errors.payout.transition_invalid", (await Decide(world, world.Admin.Id, payout.Id, PayoutDecision.MarkPaid, "REF1")).Error?.Key);
        (await Decide(world, world.Admin.Id, payout.Id, PayoutDecision.Approve)).ValueOrThrow();

        var file = (await world.Run(db => new ExportPayoutFileHandler(db).HandleAsync(new ExportPayoutFileQuery(world.Admin.Id), default))).ValueOrThrow();
        Assert.Contains($"{payout.Id},Iban,{ValidIban},\"Khyber Goods\",100000.00,", file, StringComparison.Ordinal);
        Assert.Equal("errors.payout.reference_invalid", (await Decide(world, world.Admin.Id, payout.Id, PayoutDecision.MarkPaid, " ")).Error?.Key);
        var paid = (await Decide(world, world.Admin.Id, payout.Id, PayoutDecision.MarkPaid, "IBFT-778812")).ValueOrThrow();
        Assert.Equal("errors.payout.transition_invalid", (await Decide(world, world.Admin.Id, payout.Id, PayoutDecision.MarkPaid, "IBFT-778812")).Error?.Key);

        Assert.Equal((PayoutStatus.Paid, "IBFT-778812"), (paid.Status, paid.BankReference));
        Assert.Equal(new CarrierBalance(world.Trips.Carrier.Id, EscrowWorld.Price - Money.FromRupees(100_000), Money.Zero), await Balance(world));
        Assert.Contains(("notifications.money.payout_paid", (PartyId?)world.Trips.Carrier.Id), await world.MoneyMessagesAsync());
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    [Theory]
    [InlineData(PayoutDecision.Reject)]
    [InlineData(PayoutDecision.MarkFailed)]
    public async Task Payout_RejectedOrFailed_ReturnsToBalance(PayoutDecision end)
    {
        var world = await CompletedTripAsync();
        (await Register(world, PayoutMethodKind.Wallet, "0345 7654321")).ValueOrThrow();
        var payout = (await Request(world, null)).ValueOrThrow();
        Assert.Equal(EscrowWorld.Price, payout.Amount);
        Assert.Equal("errors.payout.amount_invalid", (await Request(world, null)).Error?.Key); // nothing left to ask for
        if (end == PayoutDecision.MarkFailed)
        {
            (await Decide(world, world.Admin.Id, payout.Id, PayoutDecision.Approve)).ValueOrThrow();
        }

        (await Decide(world, world.Admin.Id, payout.Id, end)).ValueOrThrow();

        Assert.Equal(new CarrierBalance(world.Trips.Carrier.Id, EscrowWorld.Price, Money.Zero), await Balance(world));
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    [Fact]
    public async Task Payout_FiveRequestsAtOnceForTheWholeBalance_OneSucceeds()
    {
        var world = await CompletedTripAsync();
        (await Register(world, PayoutMethodKind.Iban, ValidIban)).ValueOrThrow();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => Request(world, EscrowWorld.Price))));

        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal("errors.payout.amount_invalid", r.Error!.Key));
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    [Fact]
    public async Task InvoiceAndStatement_ShowFeeAndEveryCredit_OnlyToTheParties()
    {
        var world = await CompletedTripAsync();

        var invoice = (await world.Run(db => new GetInvoiceHandler(db, world.Trips.Clock).HandleAsync(new GetInvoiceQuery(world.Trips.Shipper.Id, world.BookingId, 4.5m), default))).ValueOrThrow();
        var stranger = await world.Run(db => new GetInvoiceHandler(db, world.Trips.Clock).HandleAsync(new GetInvoiceQuery(world.Trips.Stranger.Id, world.BookingId), default));
        var statement = (await world.Run(db => new GetCarrierStatementHandler(db).HandleAsync(
            new GetCarrierStatementQuery(world.Trips.Carrier.Id, world.Trips.Clock.GetUtcNow().AddDays(-1), world.Trips.Clock.GetUtcNow().AddDays(1)), default))).ValueOrThrow();

        Assert.Equal((EscrowWorld.Price, EscrowWorld.Fee, EscrowWorld.Price + EscrowWorld.Fee, Money.FromRupees(8_325)), (invoice.Freight, invoice.PlatformFee, invoice.Total, invoice.WithholdingAmount));
        Assert.Equal("errors.not_found", stranger.Error?.Key);
        // The world's clock stands still between steps, and entries of the same instant have no defined order.
        Assert.Equal([LedgerTransactionKind.Advance, LedgerTransactionKind.Balance], statement.Lines.Select(l => l.Kind).Order());
        Assert.Equal((Money.Zero, EscrowWorld.Price), (statement.Opening, statement.Closing));
    }

    private async Task<EscrowWorld> CompletedTripAsync()
    {
        var world = await EscrowWorld.CreateAsync(fixture.Database, TripStatus.AtPickup);
        await world.FundAsync();
        foreach (var step in new[] { TripMilestone.Load, TripMilestone.Depart, TripMilestone.Arrive })
        {
            (await world.AdvanceAsync(world.Trips.Driver, step)).ValueOrThrow();
        }

        (await world.Trips.ConfirmAsync(world.Trips.Driver, world.Trips.Code)).ValueOrThrow();
        (await world.AdvanceAsync(world.Trips.Shipper, TripMilestone.Complete)).ValueOrThrow();
        return world;
    }

    private static Task<Result<PayoutMethodView>> Register(EscrowWorld world, PayoutMethodKind kind, string destination) =>
        world.Run(db => new RegisterPayoutMethodHandler(db, world.Trips.Clock).HandleAsync(
            new RegisterPayoutMethodCommand(world.Trips.Carrier.Id, kind, destination, "Khyber Goods"), default));

    private static Task<Result<PayoutView>> Request(EscrowWorld world, Money? amount) =>
        world.Run(db => new RequestPayoutHandler(db, world.Trips.Clock).HandleAsync(new RequestPayoutCommand(world.Trips.Carrier.Id, amount), default));

    private static Task<Result<PayoutView>> Decide(EscrowWorld world, PartyId actor, PayoutId id, PayoutDecision decision, string? reference = null) =>
        world.Run(db => new DecidePayoutHandler(db, world.Trips.Clock).HandleAsync(new DecidePayoutCommand(actor, id, decision, reference), default));

    private static async Task<CarrierBalance> Balance(EscrowWorld world) =>
        (await world.Run(db => new GetCarrierBalanceHandler(db).HandleAsync(new GetCarrierBalanceQuery(world.Trips.Carrier.Id), default))).ValueOrThrow();
}
