using PakLoad.Core.Loads;
using PakLoad.Core.Places;

namespace PakLoad.Core.Tests.Loads;

public sealed class PlaceInputTests
{
    [Theory]
    [InlineData("Lahore", "lahore")]
    [InlineData("لاہور", "lahore")]
    [InlineData("LHR", "lahore")]
    [InlineData("dera-ghazi-khan", "dera-ghazi-khan")]
    [InlineData("  Karachi ", "karachi")]
    public void Resolve_CityByNameCodeOrId_UsesTheCityCentre(string text, string id)
    {
        var point = PlaceInput.Named(text).Resolve(Gazetteer.Default).ValueOrThrow();

        Assert.Equal(id, point.City.Value);
        Assert.Equal(Gazetteer.Default.Get(new PlaceId(id)).Location, point.Point);
    }

    [Fact]
    public void Resolve_PinOnly_SnapsToTheNearestCityAndKeepsThePin()
    {
        var point = PlaceInput.Pinned(24.90, 67.10).Resolve(Gazetteer.Default).ValueOrThrow();

        Assert.Equal("karachi", point.City.Value);
        Assert.Equal(new GeoPoint(24.90, 67.10), point.Point);
    }

    [Fact]
    public void Resolve_TextAndPin_TakesTheCityFromTheTextAndThePointFromThePin()
    {
        var point = new PlaceInput("Sheikhupura", 31.60, 74.05).Resolve(Gazetteer.Default).ValueOrThrow();

        Assert.Equal("sheikhupura", point.City.Value);
        Assert.Equal(new GeoPoint(31.60, 74.05), point.Point);
    }

    [Theory]
    [InlineData(31.5, null)]
    [InlineData(null, 74.3)]
    [InlineData(95.0, 74.3)]
    [InlineData(31.5, 200.0)]
    [InlineData(double.NaN, 74.3)]
    public void Resolve_HalfOrImpossiblePin_IsRefusedAsLocationInvalid(double? latitude, double? longitude)
    {
        var result = new PlaceInput("Lahore", latitude, longitude).Resolve(Gazetteer.Default);

        Assert.Equal("errors.load.location_invalid", result.Error?.Key);
    }

    [Theory]
    [InlineData("Atlantis", "Atlantis")]
    [InlineData(null, "")]
    [InlineData("   ", "")]
    public void Resolve_UnknownOrMissingPlace_IsRefusedAsUnknown(string? text, string shown)
    {
        var result = new PlaceInput(text).Resolve(Gazetteer.Default);

        Assert.Equal("errors.place.unknown", result.Error?.Key);
        Assert.Equal(shown, result.Error?.Args["input"]);
    }
}
