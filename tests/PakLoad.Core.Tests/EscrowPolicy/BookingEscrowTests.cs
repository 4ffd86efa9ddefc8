using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Common;
using PakLoad.Core.Escrow;
using PakLoad.Core.Tests.Trips;

// Folder and namespace are not "Escrow": PakLoad.Core.Tests.Escrow would shadow PakLoad.Core.Escrow for sibling folders.
namespace PakLoad.Core.Tests.EscrowPolicy;

/// <summary>The escrow policy as pure facts-to-moves: Rs 185,000 agreed, so fee Rs 4,625 and advance Rs 55,500.</summary>
public sealed class BookingEscrowTests
{
    [Theory]
    [InlineData(185_000_00, 4_625_00)]
    [InlineData(1, 0)]
    [InlineData(20, 1)] // 0.5 paisa rounds half up
    [InlineData(19, 0)]
    [InlineData(123_456_78, 3_086_42)]
    public void FeeFor_HalfUpToThePaisa(long pricePaisa, long feePaisa) =>
        Assert.Equal(new Money(feePaisa), BookingEscrow.FeeFor(new Money(pricePaisa), EscrowOptions.Default));

    public static TheoryData<string, string[]> Cases => new()
    {
        { "funded only", [] },
        { "loaded", ["advance 55,500"] },
        { "delivered within window", ["advance 55,500"] },
        { "delivered, window passed", ["advance 55,500", "balance 129,500", "fee 4,625"] },
        { "completed", ["advance 55,500", "balance 129,500", "fee 4,625"] },
        { "carrier cancelled", ["refund 189,625"] },
        { "shipper cancelled at pickup", ["cancellation-fee 18,500", "refund 171,125"] },
        { "disputed", ["advance 55,500"] },
        { "disputed, split", ["advance 55,500", "dispute-carrier 100,000", "dispute-shipper 34,125"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Settle_FactsGiveMovesOnceEach(string facts, string[] expected)
    {
        var clock = new FakeTimeProvider(TestTrips.Start);
        var escrow = BookingEscrow.Open(TestTrips.Booking(clock), EscrowOptions.Default, clock);
        escrow.RecordFunding(escrow.Total, clock);
        var moves = new List<EscrowMove>();
        void Settle() => moves.AddRange(escrow.Settle(clock));

        Settle();
        switch (facts)
        {
            case "loaded" or "delivered within window" or "disputed" or "disputed, split":
                escrow.RecordLoaded(clock);
                Settle();
                break;
            case "delivered, window passed" or "completed":
                escrow.RecordLoaded(clock);
                Settle();
                break;
            default:
                break;
        }

        if (facts.StartsWith("delivered", StringComparison.Ordinal) || facts == "completed")
        {
            escrow.RecordDelivered(clock);
            Settle();
            clock.Advance(facts == "delivered, window passed" ? TimeSpan.FromHours(24) : TimeSpan.FromHours(23));
            if (facts == "completed")
            {
                escrow.RecordCompleted(clock);
            }
        }

        if (facts.EndsWith("cancelled", StringComparison.Ordinal) || facts.EndsWith("at pickup", StringComparison.Ordinal))
        {
            escrow.RecordCancelled(facts.StartsWith("carrier", StringComparison.Ordinal) ? Canceller.Carrier : Canceller.Shipper, atPickup: facts.EndsWith("at pickup", StringComparison.Ordinal), clock);
        }

        if (facts.StartsWith("disputed", StringComparison.Ordinal))
        {
            escrow.RecordDisputed(clock);
            Settle();
            if (facts.EndsWith("split", StringComparison.Ordinal))
            {
                escrow.Resolve(Money.FromRupees(100_000), clock).ValueOrThrow();
            }
        }

        Settle();
        Settle(); // settling again moves nothing more

        Assert.Equal(expected, moves.Select(m => $"{m.Step} {m.Amount}"));
        var closed = expected.Any(e => e.StartsWith("fee", StringComparison.Ordinal) || e.StartsWith("refund", StringComparison.Ordinal) || e.StartsWith("dispute", StringComparison.Ordinal));
        Assert.Equal(closed ? Money.Zero : escrow.Total - moves.Aggregate(Money.Zero, (sum, m) => sum + m.Amount), escrow.Held);
    }

    [Theory]
    [InlineData(false, 0, "errors.escrow.not_disputed")]
    [InlineData(true, -1, "errors.escrow.share_invalid")]
    [InlineData(true, 134_126, "errors.escrow.share_invalid")]
    [InlineData(true, 134_125, null)]
    public void Resolve_OnlyADisputeAndOnlyWhatIsLeft(bool disputed, long shareRupees, string? error)
    {
        var clock = new FakeTimeProvider(TestTrips.Start);
        var escrow = BookingEscrow.Open(TestTrips.Booking(clock), EscrowOptions.Default, clock);
        escrow.RecordFunding(escrow.Total, clock);
        escrow.RecordLoaded(clock);
        _ = escrow.Settle(clock);
        if (disputed)
        {
            escrow.RecordDisputed(clock);
        }

        Assert.Equal(error, escrow.Resolve(Money.FromRupees(shareRupees), clock).Error?.Key);
    }

    [Fact]
    public void RecordFunding_Twice_SecondIsAnOverpayment()
    {
        var clock = new FakeTimeProvider(TestTrips.Start);
        var escrow = BookingEscrow.Open(TestTrips.Booking(clock), EscrowOptions.Default, clock);

        Assert.True(escrow.RecordFunding(escrow.Total, clock));
        Assert.False(escrow.RecordFunding(escrow.Total, clock));
        Assert.Equal(escrow.Total, escrow.Funded);
    }
}
