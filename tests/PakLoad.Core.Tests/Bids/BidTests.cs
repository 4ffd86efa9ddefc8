using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Bids;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Tests.Loads;

namespace PakLoad.Core.Tests.Bids;

public sealed class BidTests
{
    private static readonly TimeSpan Lifetime = Bid.DefaultLifetime;

    private static Money Rs(long rupees) => Money.FromRupees(rupees);

    private static (Bid Bid, Load Load, FakeTimeProvider Clock) Placed(long rupees = 120_000)
    {
        var clock = TestLoads.Clock();
        var load = TestLoads.Open(clock);
        return (Bid.Place(load, TestLoads.Carrier, Rs(rupees), Lifetime, clock).ValueOrThrow(), load, clock);
    }

    [Fact]
    public void Place_OnAnOpenBidsLoad_IsOpenWithRoundOneByTheCarrier()
    {
        var (bid, load, _) = Placed();

        Assert.Equal((BidStatus.Open, Rs(120_000), load.Id, load.ShipperId, TestLoads.Carrier), (bid.Status, bid.Amount, bid.LoadId, bid.ShipperId, bid.CarrierId));
        Assert.Equal([new BidRound(1, BidSide.Carrier, Rs(120_000), TestLoads.Now)], bid.Rounds);
        Assert.Equal(TestLoads.Now + Lifetime, bid.ExpiresAt);
        Assert.Equal(BidSide.Shipper, bid.Turn());
        Assert.True(bid.IsLive);
    }

    public static TheoryData<string, string> PlaceRefusals => new()
    {
        { "fixed-price", "errors.bid.fixed_price" },
        { "own-load", "errors.bid.own_load" },
        { "zero", "errors.bid.amount_invalid" },
        { "negative", "errors.bid.amount_invalid" },
        { "too-large", "errors.bid.amount_invalid" },
        { "cancelled", "errors.load.not_open" },
        { "booked", "errors.load.not_open" },
        { "past-window", "errors.load.not_open" },
    };

    [Theory]
    [MemberData(nameof(PlaceRefusals))]
    public void Place_Refused_SaysWhy(string situation, string key)
    {
        var clock = TestLoads.Clock();
        var load = TestLoads.Open(clock, situation == "fixed-price" ? RateMode.Fixed : RateMode.Bids);
        var carrier = situation == "own-load" ? TestLoads.Shipper : TestLoads.Carrier;
        var amount = situation switch
        {
            "zero" => Money.Zero,
            "negative" => new Money(-100),
            "too-large" => Money.MaxUserAmount + new Money(1),
            _ => Rs(100_000),
        };
        switch (situation)
        {
            case "cancelled":
                load.Cancel(clock).ValueOrThrow();
                break;
            case "booked":
                load.MarkBooked(clock).ValueOrThrow();
                break;
            case "past-window":
                clock.SetUtcNow(load.ExpiresAt);
                break;
        }

        var result = Bid.Place(load, carrier, amount, Lifetime, clock);

        Assert.Equal(key, result.Error?.Key);
    }

    [Fact]
    public void Negotiation_CounterAndCounterCounter_RecordsNumberedRoundsBySide()
    {
        var (bid, _, clock) = Placed(120_000);

        clock.Advance(TimeSpan.FromMinutes(10));
        bid.Counter(BidSide.Shipper, Rs(100_000), Lifetime, clock).ValueOrThrow();
        var afterShipper = (bid.Status, bid.Turn(), bid.Amount);
        clock.Advance(TimeSpan.FromMinutes(10));
        bid.Counter(BidSide.Carrier, Rs(110_000), Lifetime, clock).ValueOrThrow();

        Assert.Equal((BidStatus.Countered, (BidSide?)BidSide.Carrier, Rs(100_000)), afterShipper);
        Assert.Equal((BidStatus.Open, (BidSide?)BidSide.Shipper, Rs(110_000)), (bid.Status, bid.Turn(), bid.Amount));
        Assert.Equal(
            [
                new BidRound(1, BidSide.Carrier, Rs(120_000), TestLoads.Now),
                new BidRound(2, BidSide.Shipper, Rs(100_000), TestLoads.Now.AddMinutes(10)),
                new BidRound(3, BidSide.Carrier, Rs(110_000), TestLoads.Now.AddMinutes(20)),
            ],
            bid.Rounds);
        Assert.Equal(TestLoads.Now.AddMinutes(20) + Lifetime, bid.ExpiresAt);
        Assert.Equal(2, bid.Version);
    }

    [Theory]
    [InlineData(0, BidSide.Carrier)] // an open bid waits for the shipper
    [InlineData(1, BidSide.Shipper)] // a counter waits for the carrier
    [InlineData(2, BidSide.Carrier)]
    public void Counter_ByTheSideWhoseTurnItIsNot_IsRefused(int countersFirst, BidSide wrongSide)
    {
        var (bid, _, clock) = Placed();
        for (var i = 0; i < countersFirst; i++)
        {
            bid.Counter(bid.Turn()!.Value, Rs(100_000 + i), Lifetime, clock).ValueOrThrow();
        }

        var rounds = bid.Rounds.Count;

        var result = bid.Counter(wrongSide, Rs(99_000), Lifetime, clock);

        Assert.Equal("errors.bid.not_your_turn", result.Error?.Key);
        Assert.Equal(rounds, bid.Rounds.Count);
    }

    [Theory]
    [InlineData(0, BidSide.Shipper, 120_000)]
    [InlineData(1, BidSide.Carrier, 100_000)]
    [InlineData(2, BidSide.Shipper, 100_001)]
    public void Accept_ByTheSideWhoseTurnItIs_AcceptsTheAmountOnTheTable(int counters, BidSide side, long agreed)
    {
        var (bid, _, clock) = Placed(120_000);
        for (var i = 0; i < counters; i++)
        {
            bid.Counter(bid.Turn()!.Value, Rs(100_000 + i), Lifetime, clock).ValueOrThrow();
        }

        var result = bid.Accept(side, clock);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal((BidStatus.Accepted, Rs(agreed), (BidSide?)null), (bid.Status, bid.Amount, bid.Turn()));
        Assert.False(bid.IsLive);
    }

    [Theory]
    [InlineData(0, BidSide.Carrier)] // the carrier cannot accept their own offer
    [InlineData(1, BidSide.Shipper)] // the shipper cannot accept their own counter
    public void Accept_ByTheWrongSide_IsRefusedAsNotYourTurn(int counters, BidSide side)
    {
        var (bid, _, clock) = Placed();
        for (var i = 0; i < counters; i++)
        {
            bid.Counter(bid.Turn()!.Value, Rs(100_000), Lifetime, clock).ValueOrThrow();
        }

        var status = bid.Status;

        var result = bid.Accept(side, clock);

        Assert.Equal("errors.bid.not_your_turn", result.Error?.Key);
        Assert.Equal(status, bid.Status);
    }

    [Theory]
    [InlineData("accept")]
    [InlineData("counter")]
    public void AnswerAfterItsLifetime_IsRefusedAsExpired(string answer)
    {
        var (bid, _, clock) = Placed();
        clock.Advance(Lifetime);

        var result = answer == "accept"
            ? bid.Accept(BidSide.Shipper, clock)
            : bid.Counter(BidSide.Shipper, Rs(90_000), Lifetime, clock);

        Assert.Equal("errors.bid.expired", result.Error?.Key);
        Assert.Equal((BidStatus.Open, 1), (bid.Status, bid.Rounds.Count));
    }

    [Fact]
    public void Expire_BeforeItsTime_IsRefusedAndAtItsTime_Expires()
    {
        var (bid, _, clock) = Placed();
        clock.Advance(Lifetime - TimeSpan.FromTicks(1));
        var early = bid.Expire(clock);
        clock.Advance(TimeSpan.FromTicks(1));

        var onTime = bid.Expire(clock);

        Assert.Equal("errors.bid.not_expired", early.Error?.Key);
        Assert.True(onTime.IsSuccess, onTime.ToString());
        Assert.Equal(BidStatus.Expired, bid.Status);
    }

    public static TheoryData<string, BidStatus> Endings => new()
    {
        { "withdraw", BidStatus.Withdrawn },
        { "reject", BidStatus.Rejected },
    };

    [Theory]
    [MemberData(nameof(Endings))]
    public void WithdrawOrReject_LiveBid_EndsIt(string how, BidStatus expected)
    {
        var (bid, _, clock) = Placed();
        bid.Counter(BidSide.Shipper, Rs(100_000), Lifetime, clock).ValueOrThrow(); // either side may end it mid-negotiation

        var result = how == "withdraw" ? bid.Withdraw(clock) : bid.Reject(clock);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(expected, bid.Status);
    }

    /// <summary>Once a bid is over, nothing moves it again, and the error names its state.</summary>
    [Theory]
    [InlineData(BidStatus.Accepted)]
    [InlineData(BidStatus.Rejected)]
    [InlineData(BidStatus.Withdrawn)]
    [InlineData(BidStatus.Expired)]
    public void AnyAction_OnAFinishedBid_IsRefusedAsNotLive(BidStatus ended)
    {
        var (bid, _, clock) = Placed();
        _ = ended switch
        {
            BidStatus.Accepted => bid.Accept(BidSide.Shipper, clock),
            BidStatus.Rejected => bid.Reject(clock),
            BidStatus.Withdrawn => bid.Withdraw(clock),
            BidStatus.Expired => Expired(bid, clock),
            BidStatus.Open or BidStatus.Countered => throw new ArgumentOutOfRangeException(nameof(ended)),
        };
        var state = ended.ToString().ToLowerInvariant();

        Assert.All(
            new[]
            {
                bid.Withdraw(clock), bid.Reject(clock), bid.Expire(clock),
                bid.Accept(BidSide.Shipper, clock), bid.Counter(BidSide.Shipper, Rs(1), Lifetime, clock),
            },
            r => Assert.Equal(Error.Of("errors.bid.not_live", ("status", state)).ToString(), r.Error?.ToString()));
        Assert.Equal(ended, bid.Status);
    }

    private static Result<Bid> Expired(Bid bid, FakeTimeProvider clock)
    {
        clock.Advance(Lifetime);
        return bid.Expire(clock);
    }

    [Fact]
    public void CloseBecauseLoadClosed_LiveBid_IsRejectedAndAFinishedBidIsLeftAlone()
    {
        var (live, load, clock) = Placed();
        var accepted = Bid.Place(load, TestLoads.OtherCarrier, Rs(1), Lifetime, clock).ValueOrThrow();
        accepted.Accept(BidSide.Shipper, clock).ValueOrThrow();
        var acceptedVersion = accepted.Version;

        live.CloseBecauseLoadClosed(clock);
        accepted.CloseBecauseLoadClosed(clock);

        Assert.Equal(BidStatus.Rejected, live.Status);
        Assert.Equal((BidStatus.Accepted, acceptedVersion), (accepted.Status, accepted.Version));
    }

    [Fact]
    public void BookAtFixedPrice_FixedLoad_IsAnAcceptedBidAtTheLoadsPrice()
    {
        var clock = TestLoads.Clock();
        var load = TestLoads.Open(clock, RateMode.Fixed, 150_000);

        var bid = Bid.BookAtFixedPrice(load, TestLoads.Carrier, clock).ValueOrThrow();

        Assert.Equal((BidStatus.Accepted, Rs(150_000), TestLoads.Carrier, load.ShipperId), (bid.Status, bid.Amount, bid.CarrierId, bid.ShipperId));
        Assert.Equal([new BidRound(1, BidSide.Carrier, Rs(150_000), TestLoads.Now)], bid.Rounds);
    }

    [Theory]
    [InlineData("bids-load", "errors.bid.not_fixed_price")]
    [InlineData("own-load", "errors.bid.own_load")]
    [InlineData("cancelled", "errors.load.not_open")]
    [InlineData("past-window", "errors.load.not_open")]
    public void BookAtFixedPrice_Refused_SaysWhy(string situation, string key)
    {
        var clock = TestLoads.Clock();
        var load = TestLoads.Open(clock, situation == "bids-load" ? RateMode.Bids : RateMode.Fixed);
        if (situation == "cancelled")
        {
            load.Cancel(clock).ValueOrThrow();
        }

        if (situation == "past-window")
        {
            clock.SetUtcNow(load.ExpiresAt);
        }

        var result = Bid.BookAtFixedPrice(load, situation == "own-load" ? TestLoads.Shipper : TestLoads.Carrier, clock);

        Assert.Equal(key, result.Error?.Key);
    }

    [Fact]
    public void SideOf_EachParty_IsTheirSideOrNull()
    {
        var (bid, _, _) = Placed();

        Assert.Equal(
            [BidSide.Carrier, BidSide.Shipper, null],
            new[] { TestLoads.Carrier, TestLoads.Shipper, TestLoads.OtherCarrier }.Select(bid.SideOf));
    }

    [Fact]
    public void MarketplaceOptions_ByDefault_GiveBidsTwoHours() =>
        Assert.Equal(TimeSpan.FromHours(2), new MarketplaceOptions().BidLifetime);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void MarketplaceOptions_NonPositiveLifetime_IsRefusedAtStartup(int minutes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MarketplaceOptions { BidLifetime = TimeSpan.FromMinutes(minutes) });
}
