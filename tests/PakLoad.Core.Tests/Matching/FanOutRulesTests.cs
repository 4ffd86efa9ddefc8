using PakLoad.Core.Common;
using PakLoad.Core.Matching;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Tests.Matching;

public sealed class FanOutRulesTests
{
    [Theory]
    [InlineData(16, 59, false)] // 21:59 in Karachi
    [InlineData(17, 0, true)] // 22:00
    [InlineData(1, 59, true)] // 06:59
    [InlineData(2, 0, false)] // 07:00
    [InlineData(7, 0, false)] // 12:00
    public void IsQuiet_KarachiHours_FromTenAtNightToSevenInTheMorning(int utcHour, int minute, bool quiet) =>
        Assert.Equal(quiet, FanOutRules.IsQuiet(new DateTimeOffset(2026, 11, 25, utcHour, minute, 0, TimeSpan.Zero), new MatchingOptions()));

    [Fact]
    public void Lane_FewerBookingsThanTheMinimum_SaysNoDataYet()
    {
        var lane = Lane.Of(new PlaceId("lahore"), new PlaceId("karachi"), new VehicleClassId("22-wheeler"), 90, [Money.FromRupees(300_000).Paisa, Money.FromRupees(320_000).Paisa], 3);

        Assert.False(lane.HasData);
        Assert.Equal("pricing.no_data", lane.MessageKey);
        Assert.Null(lane.Median);
        Assert.Equal(2, lane.Samples);
    }

    [Fact]
    public void Lane_Bookings_MedianQuartilesAndExtremesInRupees()
    {
        long[] rupees = [350_000, 300_000, 320_000, 340_000];

        var lane = Lane.Of(new PlaceId("karachi"), new PlaceId("lahore"), new VehicleClassId("container-40ft"), 90, rupees.Select(r => Money.FromRupees(r).Paisa).ToList(), 3);

        Assert.True(lane.HasData);
        Assert.Equal("pricing.guidance", lane.MessageKey);
        Assert.Equal(Money.FromRupees(330_000), lane.Median);
        Assert.Equal(Money.FromRupees(315_000), lane.Low);
        Assert.Equal(Money.FromRupees(342_500), lane.High);
        Assert.Equal((Money.FromRupees(300_000), Money.FromRupees(350_000)), (lane.Min!.Value, lane.Max!.Value));
    }
}
