using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Common;
using PakLoad.Core.Trips;

namespace PakLoad.Core.Tests.Trips;

public sealed class DeliveryCodeTests
{
    private static readonly TripId TripA = TripId.From(Guid.Parse("0193f6a0-0000-7000-8000-00000000000a"));
    private static readonly TripId TripB = TripId.From(Guid.Parse("0193f6a0-0000-7000-8000-00000000000b"));

    [Fact]
    public void New_ManyTimes_IsAlwaysSixAsciiDigits()
    {
        for (var i = 0; i < 5_000; i++)
        {
            Assert.Matches("^[0-9]{6}$", DeliveryCode.New());
        }
    }

    [Fact]
    public void New_ManyTimes_IsNotPredictable()
    {
        var codes = Enumerable.Range(0, 300).Select(_ => DeliveryCode.New()).ToHashSet();

        Assert.True(codes.Count > 290, $"only {codes.Count} distinct codes in 300");
    }

    [Fact]
    public void Hash_SameCodeOnTwoTrips_Differs()
    {
        Assert.NotEqual(DeliveryCode.Hash(TripA, "123456"), DeliveryCode.Hash(TripB, "123456"));
    }

    [Fact]
    public void Hash_Code_IsSha256HexWithoutTheCode()
    {
        var hash = DeliveryCode.Hash(TripA, "123456");

        Assert.Matches("^[0-9A-F]{64}$", hash);
        Assert.DoesNotContain("123456", hash, StringComparison.Ordinal);
        Assert.Equal(hash, DeliveryCode.Hash(TripA, "123456"));
    }

    [Theory]
    [InlineData("123456", true)]
    [InlineData(" 123456 ", true)]
    [InlineData("۱۲۳۴۵۶", true)] // Urdu (extended Arabic-Indic) digits, as an Urdu keyboard types them
    [InlineData("١٢٣٤٥٦", true)] // Arabic-Indic digits
    [InlineData("۱۲۳ ۴۵۶", true)]
    [InlineData("123 456", true)]
    [InlineData("12 34 56", true)]
    [InlineData("123-456", true)]
    [InlineData("123–456", true)] // en dash from a phone's autocorrect
    [InlineData("\u200F123456\u200E", true)] // direction marks picked up on copy from an RTL chat
    [InlineData("123457", false)]
    [InlineData("12345", false)]
    [InlineData("1234567", false)]
    [InlineData("654321", false)]
    [InlineData("", false)]
    [InlineData("abcdef", false)]
    public void Matches_TypedCode_AgreesWithTheStoredHash(string typed, bool expected)
    {
        var stored = DeliveryCode.Hash(TripA, "123456");

        Assert.Equal(expected, DeliveryCode.Matches(TripA, typed, stored));
    }

    [Fact]
    public void Matches_NullCode_IsFalse()
    {
        Assert.False(DeliveryCode.Matches(TripA, null, DeliveryCode.Hash(TripA, "123456")));
    }

    [Fact]
    public void Matches_RightCodeOfAnotherTrip_IsFalse()
    {
        Assert.False(DeliveryCode.Matches(TripB, "123456", DeliveryCode.Hash(TripA, "123456")));
    }

    [Fact]
    public void Start_TwoTrips_GetIndependentCodesEachMatchingOnlyItsOwnTrip()
    {
        var clock = new FakeTimeProvider(TestTrips.Start);
        var (first, firstCode) = TestTrips.New(clock);
        var (second, secondCode) = TestTrips.New(clock);

        Assert.True(DeliveryCode.Matches(first.Id, firstCode, first.DeliveryCodeHash));
        Assert.True(DeliveryCode.Matches(second.Id, secondCode, second.DeliveryCodeHash));
        Assert.False(DeliveryCode.Matches(second.Id, firstCode, first.DeliveryCodeHash));
        Assert.NotEqual(first.DeliveryCodeHash, second.DeliveryCodeHash);
    }
}
