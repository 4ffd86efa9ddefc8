using PakLoad.Core.Common;
using PakLoad.Core.Places;

namespace PakLoad.Core.Tests.Places;

public sealed class GazetteerTests
{
    /// <summary>Each city of <see cref="CityTable"/> three times: by its English, Urdu-script and Roman-Urdu name.</summary>
    public static TheoryData<string, string, string, string> CityNamesInThreeLanguages
    {
        get
        {
            var data = new TheoryData<string, string, string, string>();
            foreach (var row in CityTable.Rows)
            {
                var (id, english, urdu, roman, province) = ((string)row[0], (string)row[1], (string)row[2], (string)row[3], (string)row[4]);
                data.Add("en", english, id, province);
                data.Add("ur", urdu, id, province);
                data.Add("ur-Latn", roman, id, province);
            }

            return data;
        }
    }

    /// <summary>Every (place, spelling) the lexicon lists: names, codes and aliases.</summary>
    public static TheoryData<string, string> EveryListedSpelling
    {
        get
        {
            var data = new TheoryData<string, string>();
            var seen = new HashSet<(string, string)>();
            foreach (var place in Gazetteer.Default.All)
            {
                foreach (var spelling in place.Spellings().Where(s => seen.Add((place.Id.Value, s))))
                {
                    data.Add(place.Id.Value, spelling);
                }
            }

            return data;
        }
    }

    public static TheoryData<string> CityIds
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var row in CityTable.Rows)
            {
                data.Add((string)row[0]);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(CityNamesInThreeLanguages))]
    public void Find_CityNameInAnyLanguage_GivesTheCityAndProvince(string language, string name, string expectedId, string expectedProvince)
    {
        var result = Gazetteer.Default.Find(name);

        Assert.True(result.IsSuccess, $"{language} '{name}': {result}");
        Assert.Equal(expectedId, result.Value.Id.Value);
        Assert.Equal(Enum.Parse<Province>(expectedProvince), result.Value.Province);
    }

    [Fact]
    public void All_Default_HoldsAtLeastTheFortyFourCitiesOnce()
    {
        var ids = Gazetteer.Default.All.Select(p => p.Id.Value).ToList();

        Assert.True(ids.Count >= 44, $"only {ids.Count} places");
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(44, CityTable.Rows.Count);
    }

    [Theory]
    [MemberData(nameof(EveryListedSpelling))]
    public void Find_EveryListedSpelling_ResolvesBackToItsPlace(string expectedId, string spelling)
    {
        var result = Gazetteer.Default.Find(spelling);

        Assert.True(result.IsSuccess, $"'{spelling}': {result}");
        Assert.Equal(expectedId, result.Value.Id.Value);
    }

    [Theory]
    [MemberData(nameof(CityIds))]
    public void Get_CityId_GivesAPlaceInsidePakistanWithItsNames(string id)
    {
        var placeId = new PlaceId(id);

        var place = Gazetteer.Default.Get(placeId);

        Assert.True(Gazetteer.Default.Contains(placeId));
        Assert.Equal(id, place.Id.Value);
        Assert.InRange(place.Location.Latitude, 23.5, 37.1); // Pakistan, AJK and GB bounding box
        Assert.InRange(place.Location.Longitude, 60.8, 77.9);
        Assert.True(GeoPoint.IsValid(place.Location.Latitude, place.Location.Longitude));
        Assert.False(string.IsNullOrWhiteSpace(place.NameEn));
        Assert.False(string.IsNullOrWhiteSpace(place.NameUr));
        Assert.False(string.IsNullOrWhiteSpace(place.NameUrLatn));
    }

    [Theory]
    [InlineData("KHI", "karachi")]
    [InlineData("khi", "karachi")]
    [InlineData("Khi", "karachi")]
    [InlineData("LHE", "lahore")]
    [InlineData("lhe", "lahore")]
    [InlineData("ISB", "islamabad")]
    [InlineData("isb", "islamabad")]
    [InlineData("FSD", "faisalabad")]
    [InlineData("DGK", "dera-ghazi-khan")]
    [InlineData("pew", "peshawar")]
    public void Find_AirportOrCityCode_GivesTheCity(string code, string expectedId)
    {
        Assert.Equal(expectedId, Gazetteer.Default.Find(code).ValueOrThrow().Id.Value);
    }

    // freight-domain.md §5.3: the same city appears under different spellings and code points in Urdu sources.
    [Theory]
    [InlineData("گوجرانوالہ", "gujranwala")]
    [InlineData("گجرانوالہ", "gujranwala")]
    [InlineData("گوجرانوالا", "gujranwala")]
    [InlineData("حیدرآباد", "hyderabad")]
    [InlineData("حيدر آباد", "hyderabad")]
    [InlineData("حیدر آباد", "hyderabad")]
    [InlineData("اوکاڑہ", "okara")]
    [InlineData("اوكاڑا", "okara")]
    [InlineData("اوکاڑا", "okara")]
    [InlineData("اوكاڑه", "okara")]
    [InlineData("کراچی", "karachi")]
    [InlineData("كراچي", "karachi")]
    [InlineData("كراچى", "karachi")]
    [InlineData("کراچي", "karachi")]
    [InlineData("لاهور", "lahore")]
    [InlineData("لَاہور", "lahore")]
    [InlineData("\u200Fلاہور\u200E", "lahore")]
    [InlineData("فیصل\u200Cآباد", "faisalabad")]
    [InlineData("فيصل آباد", "faisalabad")]
    [InlineData("كوئٹه", "quetta")]
    [InlineData("ملـــتان", "multan")]
    [InlineData("سكهر", "sukkur")] // Arabic keyboard: kaf and heh where Urdu has ک and do-chashmi ھ
    [InlineData("ڪراچی", "karachi")] // Sindhi swash kaf
    public void Find_UrduSpellingVariants_GiveTheSameCity(string spelling, string expectedId)
    {
        Assert.Equal(expectedId, Gazetteer.Default.Find(spelling).ValueOrThrow().Id.Value);
    }

    [Theory]
    [InlineData("KARACHI", "karachi")]
    [InlineData("karachi", "karachi")]
    [InlineData("  lahore ", "lahore")]
    [InlineData("Multān", "multan")]
    [InlineData("MULTAN", "multan")]
    [InlineData("Dera-Ghazi-Khan", "dera-ghazi-khan")]
    [InlineData("D.G. Khan", "dera-ghazi-khan")]
    [InlineData("DG Khan", "dera-ghazi-khan")]
    [InlineData("D.I. Khan", "dera-ismail-khan")]
    [InlineData("Rahim-Yar-Khan", "rahim-yar-khan")]
    [InlineData("R.Y. Khan", "rahim-yar-khan")]
    [InlineData("Mirpur-Khas", "mirpur-khas")]
    [InlineData("Wah Cantt.", "wah-cantt")]
    [InlineData("Lyallpur", "faisalabad")]
    [InlineData("Shaheed Benazirabad", "nawabshah")]
    [InlineData("Swat", "mingora")]
    [InlineData("Montgomery", "sahiwal")]
    [InlineData("Abbottābād", "abbottabad")]
    public void Find_CaseSpacingAndDiacriticVariants_GiveTheCity(string spelling, string expectedId)
    {
        Assert.Equal(expectedId, Gazetteer.Default.Find(spelling).ValueOrThrow().Id.Value);
    }

    [Theory]
    [InlineData("Delhi", "Delhi")]
    [InlineData("  Londonabad  ", "Londonabad")]
    [InlineData("xyz", "xyz")]
    [InlineData("12345", "12345")]
    [InlineData("دہلی", "دہلی")]
    [InlineData("Lahore Karachi", "Lahore Karachi")]
    [InlineData("!!!", "!!!")]
    public void Find_UnknownCity_IsRefusedAsUnknownPlaceEchoingTrimmedInput(string text, string expectedInput)
    {
        var result = Gazetteer.Default.Find(text);

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.place.unknown", result.Error.Key);
        Assert.Equal(expectedInput, result.Error.Args["input"]);
        Assert.False(Gazetteer.Default.TryFind(text, out var place));
        Assert.Null(place);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Find_NothingTyped_IsAFailureNotAnException(string? text)
    {
        var result = Gazetteer.Default.Find(text);

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.place.unknown", result.Error.Key);
        Assert.Equal(string.Empty, result.Error.Args["input"]);
        Assert.False(Gazetteer.Default.TryFind(text, out _));
    }

    [Theory]
    [InlineData(31.52, 74.36, "lahore")] // Lahore city centre, south of the gazetteer point
    [InlineData(31.60, 74.30, "lahore")]
    [InlineData(24.90, 67.10, "karachi")]
    [InlineData(24.86, 67.01, "karachi")]
    [InlineData(33.70, 73.06, "islamabad")]
    [InlineData(33.58, 73.06, "rawalpindi")]
    [InlineData(25.38, 68.35, "hyderabad")]
    [InlineData(25.37, 68.30, "kotri")]
    [InlineData(30.19, 71.47, "multan")]
    public void Nearest_PointNearACity_IsThatCity(double latitude, double longitude, string expectedId)
    {
        var (place, distanceKm) = Gazetteer.Default.Nearest(new GeoPoint(latitude, longitude));

        Assert.Equal(expectedId, place.Id.Value);
        Assert.InRange(distanceKm, 0, 15);
    }

    [Fact]
    public void Nearest_ExactlyOnAGazetteerPoint_IsZeroKilometres()
    {
        var lahore = Gazetteer.Default.Get(new PlaceId("lahore"));

        var (place, distanceKm) = Gazetteer.Default.Nearest(lahore.Location);

        Assert.Equal(lahore, place);
        Assert.Equal(0, distanceKm, precision: 9);
    }

    [Theory]
    [InlineData("Karachi", "Karachi")]
    [InlineData("Karachi", "KARACHI ")]
    [InlineData("Multan", "Multān")]
    [InlineData("كراچي", "کراچی")]
    [InlineData("D.G. Khan", "dg khan")]
    public void Constructor_TwoPlacesSharingASpelling_Throws(string firstSpelling, string secondSpelling)
    {
        Place[] places = [TestPlace("first", firstSpelling), TestPlace("second", secondSpelling)];

        var error = Assert.Throws<InvalidOperationException>(() => new Gazetteer(places));

        Assert.Contains("first", error.Message, StringComparison.Ordinal);
        Assert.Contains("second", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_OnePlaceListingASpellingTwice_IsAccepted()
    {
        var gazetteer = new Gazetteer([TestPlace("only", "Karachi", "KARACHI", "karachi")]);

        Assert.Equal("only", gazetteer.Find("karachi").ValueOrThrow().Id.Value);
        Assert.Single(gazetteer.All);
    }

    [Fact]
    public void Get_UnknownId_ThrowsKeyNotFound()
    {
        Assert.Throws<KeyNotFoundException>(() => Gazetteer.Default.Get(new PlaceId("atlantis")));
        Assert.False(Gazetteer.Default.Contains(new PlaceId("atlantis")));
    }

    [Theory]
    [InlineData("karachi", Language.En, "Karachi")]
    [InlineData("karachi", Language.Ur, "کراچی")]
    [InlineData("karachi", Language.UrLatn, "Karachi")]
    [InlineData("lahore", Language.Ur, "لاہور")]
    [InlineData("dera-ghazi-khan", Language.En, "Dera Ghazi Khan")]
    [InlineData("dera-ghazi-khan", Language.Ur, "ڈیرہ غازی خان")]
    [InlineData("faisalabad", Language.Ur, "فیصل آباد")]
    [InlineData("gujranwala", Language.Ur, "گوجرانوالہ")]
    [InlineData("islamabad", Language.UrLatn, "Islamabad")]
    public void Name_InLanguage_IsTheDisplayName(string id, Language language, string expected)
    {
        Assert.Equal(expected, Gazetteer.Default.Get(new PlaceId(id)).Name(language));
    }

    private static Place TestPlace(string id, string nameEn, params string[] aliases) =>
        new(new PlaceId(id), nameEn, "اردو " + id, id + " roman", Province.Punjab, new GeoPoint(30, 70), null, [], aliases);
}
