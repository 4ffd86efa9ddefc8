using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Matching;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Tests.Matching;

/// <summary>A market index and hand-built loads and trucks at real Pakistani cities, at 11:00 Karachi time on 25 Nov 2026.</summary>
internal sealed class MarketWorld : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = new(2026, 11, 25);

    private static int _next;

    public MarketWorld(MatchingOptions? options = null)
    {
        Index = new MarketIndex(Gazetteer.Default, VehicleCatalogue.Default, options ?? new MatchingOptions());
        Index.Reset([], [], [], Now);
    }

    public MarketIndex Index { get; }

    public static PartyId NewParty() => PartyId.From(NextGuid());

    /// <summary>The city's gazetteer point, moved <paramref name="northKm"/> north and <paramref name="eastKm"/> east.</summary>
    public static GeoPoint At(string city, double northKm = 0, double eastKm = 0)
    {
        var p = Gazetteer.Default.Get(new PlaceId(city)).Location;
        var lat = p.Latitude + (northKm / 111.195);
        return new GeoPoint(lat, p.Longitude + (eastKm / (111.195 * Math.Cos(lat * Math.PI / 180))));
    }

    public static LoadSnapshot Load(
        string from,
        string to,
        string vehicle = "22-wheeler",
        int kg = 20_000,
        string? body = null,
        int pickupIn = 0,
        int window = 2,
        GeoPoint? at = null,
        PartyId? shipper = null,
        long? priceRupees = null,
        bool isPublic = true,
        int version = 0,
        bool open = true,
        LoadId? id = null)
    {
        var pickup = Today.AddDays(pickupIn);
        return new LoadSnapshot(
            id ?? LoadId.From(NextGuid()),
            shipper ?? NewParty(),
            new PlaceId(from),
            at ?? At(from),
            new PlaceId(to),
            At(to),
            pickup,
            pickup.AddDays(window),
            "Cotton bales",
            kg,
            new VehicleClassId(vehicle),
            body is null ? null : new BodyTypeId(body),
            priceRupees is null ? RateMode.Bids : RateMode.Fixed,
            priceRupees is { } r ? Money.FromRupees(r) : null,
            isPublic ? LoadVisibility.Public : LoadVisibility.Private,
            open,
            Now,
            Now.AddSeconds(version),
            PakistanTime.EndOf(pickup.AddDays(window)).ToUniversalTime(),
            version);
    }

    public static TruckSnapshot Truck(
        string city,
        string vehicle = "22-wheeler",
        string? wanted = null,
        string? body = null,
        int availableIn = 0,
        double northKm = 0,
        double eastKm = 0,
        PartyId? carrier = null,
        int version = 0,
        bool open = true,
        CapacityPostId? id = null)
    {
        var day = Today.AddDays(availableIn);
        return new TruckSnapshot(
            id ?? CapacityPostId.From(NextGuid()),
            carrier ?? NewParty(),
            new VehicleClassId(vehicle),
            body is null ? null : new BodyTypeId(body),
            new PlaceId(city),
            At(city, northKm, eastKm),
            day,
            wanted is null ? null : new PlaceId(wanted),
            open,
            Now,
            Now.AddSeconds(version),
            PakistanTime.EndOf(day.AddDays(2)).ToUniversalTime(),
            version);
    }

    public void Add(params LoadSnapshot[] loads)
    {
        var changes = new MarketChanges();
        changes.Loads.AddRange(loads);
        Index.Apply(changes);
    }

    public void Add(params TruckSnapshot[] trucks)
    {
        var changes = new MarketChanges();
        changes.Trucks.AddRange(trucks);
        Index.Apply(changes);
    }

    public void Dispose() => Index.Dispose();

    private static Guid NextGuid()
    {
        var n = Interlocked.Increment(ref _next);
        return Guid.Parse($"0199b000-0000-7000-8000-{n:D12}");
    }
}
