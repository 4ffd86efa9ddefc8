using PakLoad.Core.Common;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Tests.Vehicles;

public sealed class VehicleCatalogueTests
{
    private static readonly VehicleCatalogue Catalogue = VehicleCatalogue.Default;

    [Theory]
    [InlineData("pickup")]
    [InlineData("shehzore")]
    [InlineData("mazda")]
    [InlineData("6-wheeler")]
    [InlineData("10-wheeler")]
    [InlineData("14-wheeler")]
    [InlineData("18-wheeler")]
    [InlineData("22-wheeler")]
    [InlineData("container-20ft")]
    [InlineData("container-40ft")]
    public void FindClass_ClassId_GivesThatClass(string id)
    {
        var vehicle = Catalogue.FindClass(id).ValueOrThrow();

        Assert.Equal(id, vehicle.Id.Value);
        Assert.Equal(vehicle, Catalogue.Get(new VehicleClassId(id)));
        Assert.Contains(vehicle, Catalogue.Classes);
    }

    [Fact]
    public void Classes_Default_AreTheTenClasses()
    {
        Assert.Equal(10, Catalogue.Classes.Count);
        Assert.Equal(10, Catalogue.Classes.Select(c => c.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("22 wheeler", "22-wheeler")]
    [InlineData("22-wheeler", "22-wheeler")]
    [InlineData("22 Wheeler", "22-wheeler")]
    [InlineData("22wheeler", "22-wheeler")]
    [InlineData("bais wheeler", "22-wheeler")]
    [InlineData("baees wheeler", "22-wheeler")]
    [InlineData("بائیس ویلر", "22-wheeler")]
    [InlineData("بائیس پہیوں والا ٹرک", "22-wheeler")]
    [InlineData("۲۲ ویلر", "22-wheeler")]
    [InlineData("6 axle", "22-wheeler")]
    [InlineData("18 wheeler", "18-wheeler")]
    [InlineData("athara wheeler", "18-wheeler")]
    [InlineData("اٹھارہ ویلر", "18-wheeler")]
    [InlineData("14 wheeler", "14-wheeler")]
    [InlineData("chauda wheeler", "14-wheeler")]
    [InlineData("10 wheeler", "10-wheeler")]
    [InlineData("dus wheeler", "10-wheeler")]
    [InlineData("دس ویلر", "10-wheeler")]
    [InlineData("6 wheeler", "6-wheeler")]
    [InlineData("Six Wheeler", "6-wheeler")]
    [InlineData("chhe wheeler", "6-wheeler")]
    [InlineData("چھ ویلر", "6-wheeler")]
    [InlineData("Bedford", "6-wheeler")]
    [InlineData("Mazda", "mazda")]
    [InlineData("MAZDA", "mazda")]
    [InlineData("Titan", "mazda")]
    [InlineData("مزدا", "mazda")]
    [InlineData("مزدا ٹرک", "mazda")]
    [InlineData("shehzore", "shehzore")]
    [InlineData("Shehzore", "shehzore")]
    [InlineData("shahzor", "shehzore")]
    [InlineData("Hyundai Porter", "shehzore")]
    [InlineData("Hyundai Shehzore / Porter (1-ton)", "shehzore")]
    [InlineData("شہزور", "shehzore")]
    [InlineData("Ravi", "pickup")]
    [InlineData("Suzuki Ravi pickup", "pickup")]
    [InlineData("راوی", "pickup")]
    [InlineData("پک اپ", "pickup")]
    [InlineData("40 ft container", "container-40ft")]
    [InlineData("40ft", "container-40ft")]
    [InlineData("40 FT", "container-40ft")]
    [InlineData("40-foot container", "container-40ft")]
    [InlineData("chalees fit", "container-40ft")]
    [InlineData("چالیس فٹ کنٹینر", "container-40ft")]
    [InlineData("FEU", "container-40ft")]
    [InlineData("20ft", "container-20ft")]
    [InlineData("20 feet", "container-20ft")]
    [InlineData("20 ft container", "container-20ft")]
    [InlineData("بیس فٹ", "container-20ft")]
    [InlineData("1 TEU", "container-20ft")]
    public void FindClass_NameOrAliasInAnyLanguage_GivesTheClass(string text, string expectedId)
    {
        var result = Catalogue.FindClass(text);

        Assert.True(result.IsSuccess, $"'{text}': {result}");
        Assert.Equal(expectedId, result.Value.Id.Value);
    }

    [Theory]
    [InlineData("dala", "open")]
    [InlineData("Dala", "open")]
    [InlineData("daala", "open")]
    [InlineData("ڈالا", "open")]
    [InlineData("ڈالہ", "open")]
    [InlineData("open body", "open")]
    [InlineData("flatbed", "flatbed")]
    [InlineData("Flatbed (phatta)", "flatbed")]
    [InlineData("phatta", "flatbed")]
    [InlineData("پھٹا", "flatbed")]
    [InlineData("reefer", "reefer")]
    [InlineData("Reefer", "reefer")]
    [InlineData("freezer", "reefer")]
    [InlineData("ریفر", "reefer")]
    [InlineData("container", "container")]
    [InlineData("Container", "container")]
    [InlineData("کنٹینر", "container")]
    [InlineData("box body", "container")]
    [InlineData("half body", "half-body")]
    [InlineData("ہاف باڈی", "half-body")]
    [InlineData("full body", "full-body")]
    [InlineData("فل باڈی", "full-body")]
    [InlineData("tanker", "tanker")]
    [InlineData("ٹینکر", "tanker")]
    [InlineData("tipper", "dumper")]
    [InlineData("ڈمپر", "dumper")]
    [InlineData("car carrier", "car-carrier")]
    [InlineData("car-carrier", "car-carrier")]
    public void FindBody_NameOrAliasInAnyLanguage_GivesTheBody(string text, string expectedId)
    {
        var result = Catalogue.FindBody(text);

        Assert.True(result.IsSuccess, $"'{text}': {result}");
        Assert.Equal(expectedId, result.Value.Id.Value);
        Assert.Equal(result.Value, Catalogue.Get(new BodyTypeId(expectedId)));
    }

    [Theory]
    [InlineData("container")]
    [InlineData("کنٹینر")]
    [InlineData("dala")]
    [InlineData("reefer")]
    [InlineData("bicycle")]
    [InlineData("  rickshaw ")]
    [InlineData("23 wheeler")]
    [InlineData("!!!")]
    public void FindClass_BodyOrUnknownWord_IsRefusedAsUnknownVehicle(string text)
    {
        var result = Catalogue.FindClass(text);

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.vehicle.unknown", result.Error.Key);
        Assert.Equal(text.Trim(), result.Error.Args["input"]);
    }

    [Theory]
    [InlineData("22 wheeler")]
    [InlineData("Mazda")]
    [InlineData("40ft")]
    [InlineData("sofa")]
    [InlineData(" glass body ")]
    public void FindBody_ClassOrUnknownWord_IsRefusedAsUnknownBody(string text)
    {
        var result = Catalogue.FindBody(text);

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.body.unknown", result.Error.Key);
        Assert.Equal(text.Trim(), result.Error.Args["input"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Find_NothingTyped_IsAFailureNotAnException(string? text)
    {
        Assert.Equal("errors.vehicle.unknown", Catalogue.FindClass(text).Error?.Key);
        Assert.Equal("errors.body.unknown", Catalogue.FindBody(text).Error?.Key);
    }

    [Theory]
    [InlineData("pickup", "shehzore")]
    [InlineData("shehzore", "mazda")]
    [InlineData("mazda", "6-wheeler")]
    [InlineData("6-wheeler", "10-wheeler")]
    [InlineData("10-wheeler", "14-wheeler")]
    [InlineData("14-wheeler", "18-wheeler")]
    [InlineData("18-wheeler", "22-wheeler")]
    public void MaxPayloadKg_NextBiggerClass_IsHigher(string smaller, string bigger)
    {
        Assert.True(
            Class(smaller).MaxPayloadKg < Class(bigger).MaxPayloadKg,
            $"{smaller} {Class(smaller).MaxPayloadKg} kg !< {bigger} {Class(bigger).MaxPayloadKg} kg");
    }

    [Theory]
    [InlineData("pickup")]
    [InlineData("shehzore")]
    [InlineData("mazda")]
    [InlineData("6-wheeler")]
    [InlineData("10-wheeler")]
    [InlineData("14-wheeler")]
    [InlineData("18-wheeler")]
    [InlineData("22-wheeler")]
    [InlineData("container-20ft")]
    [InlineData("container-40ft")]
    public void Payloads_EveryClass_TypicalIsPositiveAndAtMostMaxAndBelowLegalGvw(string id)
    {
        var vehicle = Class(id);

        Assert.InRange(vehicle.TypicalPayloadKg, 1, vehicle.MaxPayloadKg);
        Assert.True(vehicle.LegalGvwKg is null || vehicle.MaxPayloadKg < vehicle.LegalGvwKg, $"{id}: payload {vehicle.MaxPayloadKg} >= GVW {vehicle.LegalGvwKg}");
    }

    // freight-domain.md §5.2 (NHA advisory and NTRC study); wheels = 2 front + 4 per rear dual-tyre axle.
    [Theory]
    [InlineData("6-wheeler", 17_500, 2)]
    [InlineData("10-wheeler", 27_500, 3)]
    [InlineData("14-wheeler", 39_500, 4)]
    [InlineData("18-wheeler", 48_500, 5)]
    [InlineData("22-wheeler", 58_500, 6)]
    public void LegalGvwKg_WheelerClasses_IsTheNhaLimitAndAxlesMatchTheWheels(string id, int expectedGvwKg, int expectedAxles)
    {
        var vehicle = Class(id);
        var wheels = int.Parse(id.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expectedGvwKg, vehicle.LegalGvwKg);
        Assert.Equal(expectedAxles, vehicle.Axles);
        Assert.Equal(wheels, 2 + (4 * (vehicle.Axles - 1)));
    }

    [Theory]
    [InlineData("pickup")]
    [InlineData("shehzore")]
    [InlineData("mazda")]
    public void LegalGvwKg_LightTrucks_HasNoNhaLimit(string id)
    {
        Assert.Null(Class(id).LegalGvwKg);
    }

    [Theory]
    [InlineData("22-wheeler", 0, false)]
    [InlineData("22-wheeler", -1, false)]
    [InlineData("22-wheeler", int.MinValue, false)]
    [InlineData("22-wheeler", 1, true)]
    [InlineData("22-wheeler", 45_000, true)]
    [InlineData("22-wheeler", 45_001, false)]
    [InlineData("22-wheeler", int.MaxValue, false)]
    [InlineData("pickup", 1_000, true)]
    [InlineData("pickup", 1_001, false)]
    [InlineData("pickup", 0, false)]
    [InlineData("mazda", 5_000, true)]
    [InlineData("mazda", 5_001, false)]
    [InlineData("6-wheeler", 10_000, true)]
    [InlineData("6-wheeler", 10_001, false)]
    [InlineData("container-40ft", 26_700, true)]
    [InlineData("container-40ft", 26_701, false)]
    public void CanCarry_Weight_IsTrueFromOneKgUpToMaxPayload(string id, int weightKg, bool expected)
    {
        Assert.Equal(expected, Class(id).CanCarry(weightKg));
    }

    [Theory]
    [InlineData("22-wheeler", Language.En, "22-wheeler truck")]
    [InlineData("22-wheeler", Language.Ur, "بائیس پہیوں والا ٹرک")]
    [InlineData("22-wheeler", Language.UrLatn, "22 wheeler")]
    [InlineData("mazda", Language.UrLatn, "Mazda")]
    public void Name_ClassInLanguage_IsTheDisplayName(string id, Language language, string expected)
    {
        Assert.Equal(expected, Class(id).Name(language));
    }

    [Theory]
    [InlineData("open", Language.En, "Open body (dala)")]
    [InlineData("open", Language.Ur, "ڈالا")]
    [InlineData("flatbed", Language.UrLatn, "Phatta (flatbed)")]
    public void Name_BodyInLanguage_IsTheDisplayName(string id, Language language, string expected)
    {
        Assert.Equal(expected, Catalogue.Get(new BodyTypeId(id)).Name(language));
    }

    [Theory]
    [InlineData("box", "box")]
    [InlineData("box", "BOX")]
    [InlineData("Box Truck", "box-truck")]
    [InlineData("بکس", "بكس")]
    public void Constructor_SpellingSharedByClassAndBody_Throws(string classAlias, string bodyAlias)
    {
        VehicleClass[] classes = [TestClass("van", classAlias)];
        BodyType[] bodies = [TestBody("closed", bodyAlias)];

        Assert.Throws<InvalidOperationException>(() => new VehicleCatalogue(classes, bodies));
    }

    // The ids live in two namespaces (VehicleClassId, BodyTypeId), so a class and a body may carry the same id string;
    // the "one spelling, one meaning" rule must still hold.
    [Fact]
    public void Constructor_ClassAndBodyWithTheSameIdAndSpelling_Throws()
    {
        VehicleClass[] classes = [TestClass("tanker", "tanker")];
        BodyType[] bodies = [TestBody("tanker", "tanker")];

        Assert.Throws<InvalidOperationException>(() => new VehicleCatalogue(classes, bodies));
    }

    [Fact]
    public void Constructor_TwoClassesSharingASpelling_Throws()
    {
        VehicleClass[] classes = [TestClass("a", "truck"), TestClass("b", "Truck")];

        Assert.Throws<InvalidOperationException>(() => new VehicleCatalogue(classes, []));
    }

    [Fact]
    public void Constructor_DistinctSpellings_FindsEachInItsKind()
    {
        var catalogue = new VehicleCatalogue([TestClass("van", "vanny")], [TestBody("closed", "boxy")]);

        Assert.Equal("van", catalogue.FindClass("vanny").ValueOrThrow().Id.Value);
        Assert.Equal("closed", catalogue.FindBody("boxy").ValueOrThrow().Id.Value);
        Assert.False(catalogue.FindClass("boxy").IsSuccess);
        Assert.False(catalogue.FindBody("vanny").IsSuccess);
    }

    private static VehicleClass Class(string id) => Catalogue.Get(new VehicleClassId(id));

    private static VehicleClass TestClass(string id, string alias) =>
        new(new VehicleClassId(id), id + " en", id + " ur", id + " latn", 2, null, 500, 1000, [alias]);

    private static BodyType TestBody(string id, string alias) =>
        new(new BodyTypeId(id), id + " body en", id + " body ur", id + " body latn", [alias]);
}
