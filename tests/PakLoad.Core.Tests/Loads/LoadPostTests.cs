using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Places;

namespace PakLoad.Core.Tests.Loads;

public sealed class LoadPostTests
{
    [Fact]
    public void Post_ValidDetails_IsOpenAndExpiresWhenItsLastPickupDayEndsInKarachi()
    {
        var clock = TestLoads.Clock();

        var load = Load.Post(TestLoads.Shipper, TestLoads.Details(), clock).ValueOrThrow();

        Assert.Equal(LoadStatus.Open, load.Status);
        Assert.Equal(TestLoads.Shipper, load.ShipperId);
        Assert.Equal(20_000, load.WeightKg);
        Assert.Equal((TestLoads.Now, TestLoads.Now), (load.CreatedAt, load.UpdatedAt));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 19, 0, 0, TimeSpan.Zero), load.ExpiresAt);
        Assert.Equal(TimeSpan.Zero, load.ExpiresAt.Offset); // timestamptz takes UTC only
        Assert.Equal(0, load.Version);
    }

    /// <summary>The overload guard: the payload ceiling of the vehicle class, whatever unit the weight came in.</summary>
    [Theory]
    [InlineData("mazda", 20, WeightUnit.Ton, "5000")]
    [InlineData("mazda", 5001, WeightUnit.Kg, "5000")]
    [InlineData("mazda", 126, WeightUnit.Maund, "5000")]
    [InlineData("22-wheeler", 45_001, WeightUnit.Kg, "45000")]
    [InlineData("22-wheeler", 45.001, WeightUnit.Ton, "45000")]
    [InlineData("pickup", 1.5, WeightUnit.Ton, "1000")]
    [InlineData("shehzore", 1501, WeightUnit.Kg, "1500")]
    [InlineData("container-40ft", 27, WeightUnit.Ton, "26700")]
    public void Post_HeavierThanTheVehicleMayCarry_IsRefusedAsOverweightNamingTheLimit(string vehicle, double amount, WeightUnit unit, string limit)
    {
        var result = Load.Post(TestLoads.Shipper, TestLoads.Details(vehicle, (decimal)amount, unit), TestLoads.Clock());

        Assert.Equal("errors.load.overweight", result.Error?.Key);
        Assert.Equal(limit, result.Error?.Args["limit"]);
        Assert.Equal(vehicle, result.Error?.Args["vehicle"]);
    }

    [Theory]
    [InlineData("mazda", 5, WeightUnit.Ton, 5_000)]
    [InlineData("mazda", 125, WeightUnit.Maund, 5_000)]
    [InlineData("22-wheeler", 45, WeightUnit.Ton, 45_000)]
    [InlineData("22-wheeler", 45_000, WeightUnit.Kg, 45_000)]
    [InlineData("pickup", 25, WeightUnit.Maund, 1_000)]
    public void Post_AtTheVehicleLimit_IsAccepted(string vehicle, double amount, WeightUnit unit, int kg)
    {
        var result = Load.Post(TestLoads.Shipper, TestLoads.Details(vehicle, (decimal)amount, unit), TestLoads.Clock());

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(kg, result.Value.WeightKg);
    }

    [Fact]
    public void Post_TwentyTonOnAMazda_SaysWeightAndLimitInKg()
    {
        var result = Load.Post(TestLoads.Shipper, TestLoads.Details("mazda", 20, WeightUnit.Ton), TestLoads.Clock());

        Assert.Equal(Error.Of("errors.load.overweight", ("weight", "20000"), ("limit", "5000"), ("vehicle", "mazda")).ToString(), result.Error?.ToString());
    }

    [Theory]
    [InlineData(1, WeightUnit.Ton, 1_000)]
    [InlineData(2.5, WeightUnit.Ton, 2_500)]
    [InlineData(0.001, WeightUnit.Ton, 1)]
    [InlineData(500, WeightUnit.Kg, 500)]
    [InlineData(1, WeightUnit.Kg, 1)]
    [InlineData(1.5, WeightUnit.Kg, 2)]
    [InlineData(10, WeightUnit.Maund, 400)]
    [InlineData(0.5, WeightUnit.Maund, 20)]
    [InlineData(1000, WeightUnit.Maund, 40_000)]
    public void Post_WeightInAnyUnit_IsStoredInKgWithTheTypedAmountKept(double amount, WeightUnit unit, int kg)
    {
        var result = Load.Post(TestLoads.Shipper, TestLoads.Details(weight: (decimal)amount, unit: unit), TestLoads.Clock());

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(kg, result.Value.WeightKg);
        Assert.Equal((decimal)amount, result.Value.WeightEntered);
        Assert.Equal(unit, result.Value.WeightUnit);
    }

    [Theory]
    [InlineData(0, WeightUnit.Ton)]
    [InlineData(-5, WeightUnit.Kg)]
    [InlineData(0.5, WeightUnit.Kg)]
    [InlineData(0.0001, WeightUnit.Ton)]
    [InlineData(100_001, WeightUnit.Kg)]
    [InlineData(100.001, WeightUnit.Ton)]
    [InlineData(2_501, WeightUnit.Maund)]
    [InlineData(1_000_000, WeightUnit.Ton)]
    public void Post_ImpossibleWeight_IsRefusedAsInvalidNotAsOverweight(double amount, WeightUnit unit)
    {
        var result = Load.Post(TestLoads.Shipper, TestLoads.Details(weight: (decimal)amount, unit: unit), TestLoads.Clock());

        Assert.Equal("errors.load.weight_invalid", result.Error?.Key);
        Assert.Equal("100", result.Error?.Args["max"]);
    }

    /// <summary>20:00 UTC on 25 November is 01:00 on the 26th in Karachi: the 25th is already yesterday.</summary>
    [Theory]
    [InlineData("2026-11-25T20:00:00Z", "2026-11-25", "25/11/2026")]
    [InlineData("2026-11-25T19:00:00Z", "2026-11-25", "25/11/2026")]
    [InlineData("2026-11-26T03:00:00Z", "2026-11-24", "24/11/2026")]
    public void Post_PickupBeforeTodayInKarachi_IsRefusedAsPast(string utcNow, string pickup, string shown)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(utcNow, System.Globalization.CultureInfo.InvariantCulture));
        var day = DateOnly.Parse(pickup, System.Globalization.CultureInfo.InvariantCulture);

        var result = Load.Post(TestLoads.Shipper, TestLoads.Details(from: day, to: day.AddDays(3)), clock);

        Assert.Equal("errors.load.pickup_past", result.Error?.Key);
        Assert.Equal(shown, result.Error?.Args["date"]);
    }

    [Theory]
    [InlineData("2026-11-25T20:00:00Z", "2026-11-26")]
    [InlineData("2026-11-25T18:59:59Z", "2026-11-25")]
    [InlineData("2026-11-24T19:00:00Z", "2026-11-25")]
    public void Post_PickupTodayInKarachi_IsAccepted(string utcNow, string pickup)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(utcNow, System.Globalization.CultureInfo.InvariantCulture));
        var day = DateOnly.Parse(pickup, System.Globalization.CultureInfo.InvariantCulture);

        var result = Load.Post(TestLoads.Shipper, TestLoads.Details(from: day, to: day), clock);

        Assert.True(result.IsSuccess, result.ToString());
    }

    [Theory]
    [InlineData(2, 1, false)]
    [InlineData(0, Load.MaxPickupDaysAhead + 1, false)]
    [InlineData(0, Load.MaxPickupDaysAhead, true)]
    [InlineData(3, 3, true)]
    public void Post_PickupWindow_MustEndAfterItStartsWithinSixtyDays(int fromDays, int toDays, bool accepted)
    {
        var details = TestLoads.Details(from: TestLoads.Today.AddDays(fromDays), to: TestLoads.Today.AddDays(toDays));

        var result = Load.Post(TestLoads.Shipper, details, TestLoads.Clock());

        Assert.Equal(accepted, result.IsSuccess);
        if (!accepted)
        {
            Assert.Equal("errors.load.pickup_window", result.Error?.Key);
        }
    }

    public static TheoryData<string, Func<LoadDetails, LoadDetails>> InvalidDetails => new()
    {
        { "errors.load.same_place", d => d with { Destination = d.Origin } },
        { "errors.load.location_invalid", d => d with { Origin = d.Origin with { Point = new GeoPoint(91, 74) } } },
        { "errors.load.location_invalid", d => d with { Destination = d.Destination with { Point = new GeoPoint(24, double.NaN) } } },
        { "errors.load.commodity_invalid", d => d with { Commodity = "   " } },
        { "errors.load.commodity_invalid", d => d with { Commodity = new string('x', Load.MaxCommodityLength + 1) } },
        { "errors.load.commodity_invalid", d => d with { Commodity = "Cotton\u0007" } },
        { "errors.load.price_required", d => d with { RateMode = RateMode.Fixed, TargetPrice = null } },
        { "errors.load.price_invalid", d => d with { TargetPrice = Money.Zero } },
        { "errors.load.price_invalid", d => d with { TargetPrice = Money.MaxUserAmount + new Money(1) } },
        { "errors.load.consignee_invalid", d => d with { ConsigneeName = "" } },
        { "errors.load.notes_invalid", d => d with { Notes = new string('n', Load.MaxNotesLength + 1) } },
        { "errors.load.notes_invalid", d => d with { Notes = "call\tfirst" } },
    };

    [Theory]
    [MemberData(nameof(InvalidDetails))]
    public void Post_InvalidDetail_IsRefusedWithItsKey(string key, Func<LoadDetails, LoadDetails> change)
    {
        var result = Load.Post(TestLoads.Shipper, change(TestLoads.Details()), TestLoads.Clock());

        Assert.Equal(key, result.Error?.Key);
    }

    [Fact]
    public void Post_TwoPointsInTheSameCity_IsAnIntraCityLoad()
    {
        var lahore = TestLoads.City("lahore");
        var details = TestLoads.Details() with { Origin = lahore, Destination = lahore with { Point = new GeoPoint(31.45, 74.40) } };

        var result = Load.Post(TestLoads.Shipper, details, TestLoads.Clock());

        Assert.True(result.IsSuccess, result.ToString());
    }

    [Fact]
    public void Post_NotesWithLineBreaks_AreKeptTrimmed()
    {
        var result = Load.Post(TestLoads.Shipper, TestLoads.Details() with { Notes = "  Gate 4\nCall first  " }, TestLoads.Clock());

        Assert.Equal("Gate 4\nCall first", result.ValueOrThrow().Notes);
    }
}
