using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Tests.Loads;

/// <summary>A valid load and the pieces to vary it, on a clock set to 11:00 in Karachi (06:00 UTC) on 25 Nov 2026.</summary>
internal static class TestLoads
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = new(2026, 11, 25);

    public static readonly PartyId Shipper = PartyId.From(Guid.Parse("0199a000-0000-7000-8000-000000000001"));

    public static readonly PartyId Carrier = PartyId.From(Guid.Parse("0199a000-0000-7000-8000-000000000002"));

    public static readonly PartyId OtherCarrier = PartyId.From(Guid.Parse("0199a000-0000-7000-8000-000000000003"));

    public static FakeTimeProvider Clock() => new(Now);

    public static VehicleClass Vehicle(string text) => VehicleCatalogue.Default.FindClass(text).ValueOrThrow();

    public static LoadPoint City(string id)
    {
        var place = Gazetteer.Default.Get(new PlaceId(id));
        return new LoadPoint(place.Id, place.Location);
    }

    public static LoadDetails Details(
        string vehicle = "22-wheeler",
        decimal weight = 20,
        WeightUnit unit = WeightUnit.Ton,
        RateMode mode = RateMode.Bids,
        long? priceRupees = null,
        DateOnly? from = null,
        DateOnly? to = null) =>
        new(
            City("lahore"),
            City("karachi"),
            from ?? Today,
            to ?? from ?? Today.AddDays(2),
            "Cotton bales",
            weight,
            unit,
            Vehicle(vehicle),
            null,
            mode,
            priceRupees is { } rupees ? Money.FromRupees(rupees) : null,
            "Bilal Ahmed",
            PhoneNumber.FromE164("+923001234567"),
            null,
            LoadVisibility.Public);

    public static Load Open(TimeProvider clock, RateMode mode = RateMode.Bids, long? priceRupees = null) =>
        Load.Post(Shipper, Details(mode: mode, priceRupees: priceRupees ?? (mode == RateMode.Fixed ? 150_000 : null)), clock).ValueOrThrow();

    /// <summary>A load moved to <paramref name="status"/> the way the system moves it.</summary>
    public static Load In(LoadStatus status, FakeTimeProvider clock)
    {
        var load = Load.Post(Shipper, Details(to: Today), clock).ValueOrThrow();
        switch (status)
        {
            case LoadStatus.Booked:
                load.MarkBooked(clock).ValueOrThrow();
                break;
            case LoadStatus.Cancelled:
                load.Cancel(clock).ValueOrThrow();
                break;
            case LoadStatus.Expired:
                clock.SetUtcNow(load.ExpiresAt);
                load.Expire(clock).ValueOrThrow();
                break;
            case LoadStatus.Open:
                break;
        }

        return load;
    }
}
