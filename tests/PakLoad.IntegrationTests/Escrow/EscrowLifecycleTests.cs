using PakLoad.Core.Common;
using PakLoad.Core.Escrow;
using PakLoad.Core.Payments;
using PakLoad.Core.Trips;
using PakLoad.IntegrationTests.Trips;

namespace PakLoad.IntegrationTests.Escrow;

/// <summary>The escrow through the trip's life on PostgreSQL; every test ends by asserting I1–I6 over the whole ledger.</summary>
public sealed class EscrowLifecycleTests(TripDatabase fixture) : IClassFixture<TripDatabase>
{
    [Fact]
    public async Task Escrow_FundLoadDeliverThenWindowPasses_CarrierGetsPriceInTwoPartsPlatformGetsFee()
    {
        var world = await EscrowWorld.CreateAsync(fixture.Database, TripStatus.AtPickup);

        await world.FundAsync();
        Assert.Equal(EscrowWorld.Price + EscrowWorld.Fee, await world.EscrowBalanceAsync());
        Assert.True((await world.AdvanceAsync(world.Trips.Driver, TripMilestone.Load)).IsSuccess);
        Assert.Equal(EscrowWorld.Advance, await world.CarrierPayableAsync());
        Assert.True((await world.AdvanceAsync(world.Trips.Driver, TripMilestone.Depart)).IsSuccess);
        Assert.True((await world.AdvanceAsync(world.Trips.Driver, TripMilestone.Arrive)).IsSuccess);
        Assert.True((await world.Trips.ConfirmAsync(world.Trips.Driver, world.Trips.Code)).IsSuccess);

        world.Trips.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, (await world.ReleaseAsync()).ValueOrThrow());
        Assert.Equal(EscrowStatus.Releasing, (await world.ViewAsync(world.Trips.Shipper)).Value!.Status);
        world.Trips.Clock.Advance(TimeSpan.FromHours(1));
        Assert.True((await world.ReleaseAsync()).ValueOrThrow() >= 1);

        Assert.Equal(Money.Zero, await world.EscrowBalanceAsync());
        Assert.Equal(EscrowWorld.Price, await world.CarrierPayableAsync());
        Assert.Equal(EscrowStatus.Closed, (await world.ViewAsync(world.Trips.Carrier)).Value!.Status);
        var messages = await world.MoneyMessagesAsync();
        Assert.Contains(("notifications.money.funded", (PartyId?)world.Trips.Shipper.Id), messages);
        Assert.Contains(("notifications.money.advance", (PartyId?)world.Trips.Carrier.Id), messages);
        Assert.Contains(("notifications.money.released", (PartyId?)world.Trips.Carrier.Id), messages);
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    [Fact]
    public async Task Escrow_ShipperConfirmsCompletion_ReleasedAtOnceWithoutWaitingForWindow()
    {
        var world = await EscrowWorld.CreateAsync(fixture.Database, TripStatus.Arrived);
        await world.FundAsync();
        Assert.Equal(EscrowWorld.Advance, await world.CarrierPayableAsync()); // loaded before funding: advance at funding

        Assert.True((await world.Trips.ConfirmAsync(world.Trips.Driver, world.Trips.Code)).IsSuccess);
        Assert.True((await world.AdvanceAsync(world.Trips.Shipper, TripMilestone.Complete)).IsSuccess);

        Assert.Equal(Money.Zero, await world.EscrowBalanceAsync());
        Assert.Equal(EscrowWorld.Price, await world.CarrierPayableAsync());
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    [Theory]
    [InlineData("carrier", TripStatus.AtPickup, 0)]
    [InlineData("shipper", TripStatus.DriverAssigned, 0)]
    [InlineData("shipper", TripStatus.AtPickup, 10)]
    public async Task Escrow_Cancelled_RefundedByPolicy(string who, TripStatus at, int carrierKeepsPercent)
    {
        var world = await EscrowWorld.CreateAsync(fixture.Database, at);
        await world.FundAsync();

        Assert.True((await world.AdvanceAsync(world.Trips.Named(who), TripMilestone.Cancel)).IsSuccess);

        var kept = new Money(EscrowWorld.Price.Paisa * carrierKeepsPercent / 100);
        Assert.Equal(Money.Zero, await world.EscrowBalanceAsync());
        Assert.Equal(kept, await world.CarrierPayableAsync());
        Assert.Equal(EscrowWorld.Price + EscrowWorld.Fee - kept, await world.ShipperRefundsAsync());
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    [Fact]
    public async Task Escrow_CancelledThenRefundedThroughProvider_MoneyLeavesLedgerOnceAndFailureReturnsIt()
    {
        var world = await EscrowWorld.CreateAsync(fixture.Database, TripStatus.DriverAssigned);
        await world.FundAsync();
        Assert.True((await world.AdvanceAsync(world.Trips.Carrier, TripMilestone.Cancel)).IsSuccess);

        var first = (await world.RefundAsync()).ValueOrThrow();
        Assert.Equal("errors.refund.nothing_due", (await world.RefundAsync()).Error?.Key); // already in flight
        Assert.Equal(PaymentEventOutcome.Applied, (await world.EventAsync(PaymentEventKind.RefundFailed, first.Id.Value)).ValueOrThrow());
        Assert.Equal(EscrowWorld.Price + EscrowWorld.Fee, await world.ShipperRefundsAsync());
        var second = (await world.RefundAsync()).ValueOrThrow();
        Assert.Equal(PaymentEventOutcome.Applied, (await world.EventAsync(PaymentEventKind.RefundSucceeded, second.Id.Value, "evt_refund_ok")).ValueOrThrow());
        Assert.Equal(PaymentEventOutcome.Duplicate, (await world.EventAsync(PaymentEventKind.RefundSucceeded, second.Id.Value, "evt_refund_ok")).ValueOrThrow());

        Assert.Equal(Money.Zero, await world.ShipperRefundsAsync());
        Assert.Equal(Money.Zero, await world.BalanceAsync(AccountSpec.ShipperRefundsPending(world.Trips.Shipper.Id)));
        Assert.Contains(("notifications.money.refunded", (PartyId?)world.Trips.Shipper.Id), await world.MoneyMessagesAsync());
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    [Fact]
    public async Task Escrow_DisputedAfterDelivery_FrozenUntilAdminSplits()
    {
        var world = await EscrowWorld.CreateAsync(fixture.Database, TripStatus.Arrived);
        await world.FundAsync();
        Assert.True((await world.Trips.ConfirmAsync(world.Trips.Driver, world.Trips.Code)).IsSuccess);
        Assert.True((await world.AdvanceAsync(world.Trips.Shipper, TripMilestone.Dispute)).IsSuccess);

        world.Trips.Clock.Advance(TimeSpan.FromDays(3));
        await world.ReleaseAsync();
        var held = EscrowWorld.Price + EscrowWorld.Fee - EscrowWorld.Advance;
        Assert.Equal(held, await world.EscrowBalanceAsync());
        Assert.Equal(EscrowStatus.Frozen, (await world.ViewAsync(world.Trips.Shipper)).Value!.Status);

        Assert.Equal("errors.forbidden", (await world.ResolveAsync(world.Trips.Carrier, held)).Error?.Key);
        Assert.Equal("errors.escrow.share_invalid", (await world.ResolveAsync(world.Admin, held + Money.FromRupees(1))).Error?.Key);
        var share = Money.FromRupees(100_000);
        Assert.Equal(EscrowStatus.Closed, (await world.ResolveAsync(world.Admin, share)).ValueOrThrow().Status);
        Assert.Equal("errors.escrow.already_resolved", (await world.ResolveAsync(world.Admin, share)).Error?.Key);

        Assert.Equal(Money.Zero, await world.EscrowBalanceAsync());
        Assert.Equal(EscrowWorld.Advance + share, await world.CarrierPayableAsync());
        Assert.Equal(held - share, await world.ShipperRefundsAsync());
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    [Fact]
    public async Task Release_SameReleaseFiveAtOnceThenFiveInSequence_OneLedgerTransaction()
    {
        var world = await EscrowWorld.CreateAsync(fixture.Database, TripStatus.Arrived);
        await world.FundAsync();
        Assert.True((await world.Trips.ConfirmAsync(world.Trips.Driver, world.Trips.Code)).IsSuccess);
        world.Trips.Clock.Advance(TimeSpan.FromHours(25));

        var together = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(world.ReleaseAsync)));
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await world.ReleaseAsync()).IsSuccess);
        }

        Assert.All(together, r => Assert.True(r.IsSuccess, r.ToString()));
        Assert.Equal(1, await world.TransactionsAsync(LedgerTransactionKind.Balance));
        Assert.Equal(1, await world.TransactionsAsync(LedgerTransactionKind.PlatformFee));
        Assert.Equal(EscrowWorld.Price, await world.CarrierPayableAsync());
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    [Fact]
    public async Task Refund_SameRefundFiveAtOnce_OneRefundOneLedgerTransaction()
    {
        var world = await EscrowWorld.CreateAsync(fixture.Database, TripStatus.Booked);
        await world.FundAsync();
        Assert.True((await world.AdvanceAsync(world.Trips.Shipper, TripMilestone.Cancel)).IsSuccess);

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => world.RefundAsync())));
        var refund = Assert.Single(results, r => r.IsSuccess).Value!;
        var events = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => world.EventAsync(PaymentEventKind.RefundSucceeded, refund.Id.Value, "evt_same"))));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(PaymentEventOutcome.Duplicate, (await world.EventAsync(PaymentEventKind.RefundSucceeded, refund.Id.Value, "evt_same")).ValueOrThrow());
        }

        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal("errors.refund.nothing_due", r.Error!.Key));
        Assert.All(events, e => Assert.True(e.IsSuccess, e.ToString()));
        Assert.Equal(1, events.Count(e => e.Value == PaymentEventOutcome.Applied));
        Assert.Equal(1, await world.Run(db => Task.FromResult(db.LedgerTransactions.Count(t => t.IdempotencyKey == $"refund:{refund.Id}:paid"))));
        Assert.Equal(Money.Zero, await world.ShipperRefundsAsync());
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    [Fact]
    public async Task Payment_EventsDuplicatedAndOutOfOrder_CountedOnceAndNeverUndone()
    {
        var world = await EscrowWorld.CreateAsync(fixture.Database, TripStatus.Booked);
        var link = (await world.LinkAsync()).ValueOrThrow();
        Assert.Equal(link.PaymentId, (await world.LinkAsync()).ValueOrThrow().PaymentId); // same pending payment
        Assert.Equal(EscrowWorld.Price + EscrowWorld.Fee, link.Amount);

        Assert.Equal(PaymentEventOutcome.Applied, (await world.EventAsync(PaymentEventKind.PaymentSucceeded, link.PaymentId.Value, "evt_ok")).ValueOrThrow());
        Assert.Equal(PaymentEventOutcome.Duplicate, (await world.EventAsync(PaymentEventKind.PaymentSucceeded, link.PaymentId.Value, "evt_ok")).ValueOrThrow());
        Assert.Equal(PaymentEventOutcome.NoChange, (await world.EventAsync(PaymentEventKind.PaymentSucceeded, link.PaymentId.Value, "evt_ok_again")).ValueOrThrow());
        Assert.Equal(PaymentEventOutcome.NoChange, (await world.EventAsync(PaymentEventKind.PaymentFailed, link.PaymentId.Value, "evt_late_fail")).ValueOrThrow());

        Assert.Equal(EscrowWorld.Price + EscrowWorld.Fee, await world.EscrowBalanceAsync());
        Assert.Equal(1, await world.TransactionsAsync(LedgerTransactionKind.Funding));
        Assert.Equal("errors.escrow.already_funded", (await world.LinkAsync()).Error?.Key);
        Assert.Equal("errors.payment.unknown", (await world.EventAsync(PaymentEventKind.PaymentSucceeded, Guid.NewGuid())).Error?.Key);
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    [Fact]
    public async Task FundingLink_OnlyTheShipper_CarrierForbiddenStrangerNotFound()
    {
        var world = await EscrowWorld.CreateAsync(fixture.Database);

        Assert.Equal("errors.forbidden", (await world.LinkAsync(world.Trips.Carrier)).Error?.Key);
        Assert.Equal("errors.not_found", (await world.LinkAsync(world.Trips.Stranger)).Error?.Key);
        Assert.Equal("errors.not_found", (await world.ViewAsync(world.Trips.Stranger)).Error?.Key);
        var failed = (await world.LinkAsync()).ValueOrThrow();
        Assert.Equal(PaymentEventOutcome.Applied, (await world.EventAsync(PaymentEventKind.PaymentFailed, failed.PaymentId.Value)).ValueOrThrow());
        Assert.NotEqual(failed.PaymentId, (await world.LinkAsync()).ValueOrThrow().PaymentId); // a new attempt
        Assert.Equal(Money.Zero, await world.EscrowBalanceAsync());
        await LedgerInvariants.AssertAsync(fixture.Database);
    }
}
