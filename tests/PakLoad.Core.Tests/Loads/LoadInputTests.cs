using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Tests.Loads;

public sealed class LoadInputTests
{
    private static LoadInput Input(string vehicle = "bais wheeler", string? body = "dala", string phone = "0300 1234567", PlaceInput? origin = null) =>
        new(
            origin ?? PlaceInput.Named("Lahore"),
            PlaceInput.Named("کراچی"),
            TestLoads.Today,
            TestLoads.Today,
            "Rice",
            10,
            WeightUnit.Ton,
            vehicle,
            body,
            RateMode.Fixed,
            Money.FromRupees(90_000),
            "Bilal",
            phone,
            null,
            LoadVisibility.Public);

    [Fact]
    public void Resolve_TypedText_BecomesCatalogueEntriesAndAPhoneNumber()
    {
        var details = Input().Resolve(Gazetteer.Default, VehicleCatalogue.Default).ValueOrThrow();

        Assert.Equal(("lahore", "karachi"), (details.Origin.City.Value, details.Destination.City.Value));
        Assert.Equal("22-wheeler", details.VehicleClass.Id.Value);
        Assert.Equal("open", details.Body?.Id.Value);
        Assert.Equal("+923001234567", details.ConsigneePhone.E164);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Resolve_NoBody_IsAllowed(string? body) =>
        Assert.Null(Input(body: body).Resolve(Gazetteer.Default, VehicleCatalogue.Default).ValueOrThrow().Body);

    [Theory]
    [InlineData("spaceship", "dala", "0300 1234567", "errors.vehicle.unknown")]
    [InlineData("mazda", "glass", "0300 1234567", "errors.body.unknown")]
    [InlineData("mazda", null, "12345", "errors.phone.invalid")]
    [InlineData("mazda", null, "", "errors.phone.required")]
    public void Resolve_UnknownText_IsRefusedWithItsKey(string vehicle, string? body, string phone, string key)
    {
        var result = Input(vehicle, body, phone).Resolve(Gazetteer.Default, VehicleCatalogue.Default);

        Assert.Equal(key, result.Error?.Key);
    }

    [Fact]
    public void Resolve_MissingOrigin_IsRefusedAsUnknownPlace()
    {
        var result = (Input() with { Origin = null! }).Resolve(Gazetteer.Default, VehicleCatalogue.Default);

        Assert.Equal("errors.place.unknown", result.Error?.Key);
    }
}
