using PakLoad.Core.Places;

namespace PakLoad.Core.Tests.Places;

public sealed class GeoPointTests
{
    private const double MeanEarthRadiusKm = 6371.0088;

    // Expected kilometres from Python (math.acos law of cosines, same mean radius); freight-domain §5.3 coordinates.
    [Theory]
    [InlineData(24.86, 67.01, 31.56, 74.35, 1034.92)] // Karachi – Lahore
    [InlineData(33.72, 73.04, 31.56, 74.35, 269.68)] // Islamabad – Lahore
    [InlineData(24.86, 67.01, 25.39, 68.37, 149.06)] // Karachi – Hyderabad
    [InlineData(24.86, 67.01, 30.18, 67.00, 591.56)] // Karachi – Quetta
    [InlineData(0, 179.5, 0, -179.5, 111.20)] // across the antimeridian
    [InlineData(0, 0, 0, 90, 10007.56)] // a quarter of the equator
    [InlineData(90, 0, -90, 0, 20015.11)] // pole to pole
    public void DistanceKmTo_KnownPairs_MatchesAnIndependentComputation(double lat1, double lon1, double lat2, double lon2, double expectedKm)
    {
        var distance = new GeoPoint(lat1, lon1).DistanceKmTo(new GeoPoint(lat2, lon2));

        Assert.InRange(distance, expectedKm - 0.5, expectedKm + 0.5);
        Assert.InRange(distance, LawOfCosinesKm(lat1, lon1, lat2, lon2) - 0.01, LawOfCosinesKm(lat1, lon1, lat2, lon2) + 0.01);
    }

    [Fact]
    public void DistanceKmTo_KarachiLahore_IsAboutAThousandThirtyKm()
    {
        var karachi = new GeoPoint(24.86, 67.01);
        var lahore = new GeoPoint(31.56, 74.35);

        Assert.InRange(karachi.DistanceKmTo(lahore), 1025, 1040);
    }

    [Theory]
    [InlineData(24.86, 67.01)]
    [InlineData(0, 0)]
    [InlineData(90, 180)]
    [InlineData(-90, -180)]
    public void DistanceKmTo_SamePoint_IsZero(double latitude, double longitude)
    {
        var point = new GeoPoint(latitude, longitude);

        Assert.Equal(0, point.DistanceKmTo(point), precision: 9);
    }

    [Theory]
    [InlineData(24.86, 67.01, 31.56, 74.35)]
    [InlineData(35.92, 74.31, 25.12, 62.33)]
    [InlineData(-33.9, 18.4, 51.5, -0.1)]
    public void DistanceKmTo_EitherDirection_IsTheSame(double lat1, double lon1, double lat2, double lon2)
    {
        var a = new GeoPoint(lat1, lon1);
        var b = new GeoPoint(lat2, lon2);

        Assert.True(a.DistanceKmTo(b) > 0);
        Assert.Equal(a.DistanceKmTo(b), b.DistanceKmTo(a), precision: 9);
    }

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(24.86, 67.01, true)]
    [InlineData(90, 180, true)]
    [InlineData(-90, -180, true)]
    [InlineData(90, -180, true)]
    [InlineData(90.0001, 0, false)]
    [InlineData(-90.0001, 0, false)]
    [InlineData(0, 180.0001, false)]
    [InlineData(0, -180.0001, false)]
    [InlineData(67.01, 124.86, true)]
    [InlineData(124.86, 67.01, false)] // latitude and longitude swapped
    [InlineData(double.NaN, 0, false)]
    [InlineData(0, double.NaN, false)]
    [InlineData(double.PositiveInfinity, 0, false)]
    [InlineData(0, double.NegativeInfinity, false)]
    public void IsValid_LatitudeLongitude_IsTrueOnlyWithinWgs84Bounds(double latitude, double longitude, bool expected)
    {
        Assert.Equal(expected, GeoPoint.IsValid(latitude, longitude));
    }

    /// <summary>Spherical law of cosines: a different formula from the haversine under test.</summary>
    private static double LawOfCosinesKm(double lat1, double lon1, double lat2, double lon2)
    {
        var p1 = lat1 * Math.PI / 180;
        var p2 = lat2 * Math.PI / 180;
        var dl = (lon2 - lon1) * Math.PI / 180;
        var cos = (Math.Sin(p1) * Math.Sin(p2)) + (Math.Cos(p1) * Math.Cos(p2) * Math.Cos(dl));
        return MeanEarthRadiusKm * Math.Acos(Math.Clamp(cos, -1, 1));
    }
}
