using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Matching;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Benchmarks;

/// <summary>
/// A synthetic market shaped like Pakistan's trucking: 28% of trucks and loads in Karachi, 20% in Lahore, 10% in
/// Faisalabad, the rest over the other gazetteer cities by population; points scattered around each city centre
/// (normal, σ 8 km in the three hubs, 5 km elsewhere); vehicle classes weighted towards 6- and 10-wheelers.
/// </summary>
internal sealed class MarketData(int seed)
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2026, 11, 25);

    private static readonly (string Id, double Weight)[] Classes =
    [
        ("22-wheeler", 0.15), ("18-wheeler", 0.10), ("14-wheeler", 0.08), ("10-wheeler", 0.15), ("6-wheeler", 0.20),
        ("mazda", 0.15), ("shehzore", 0.07), ("pickup", 0.05), ("container-20ft", 0.025), ("container-40ft", 0.025),
    ];

    private readonly Random _random = new(seed);
    private readonly (Place Place, double Cumulative)[] _cities = Cumulate();
    private readonly (VehicleClass Class, double Cumulative)[] _classes = CumulateClasses();
    private readonly IReadOnlyList<BodyType> _bodies = VehicleCatalogue.Default.Bodies;
    private readonly PartyId[] _carriers = Enumerable.Range(0, 40_000).Select(i => PartyId.From(Guid.CreateVersion7(Now.AddTicks(i)))).ToArray();
    private readonly PartyId[] _shippers = Enumerable.Range(0, 5_000).Select(i => PartyId.From(Guid.CreateVersion7(Now.AddTicks(1_000_000 + i)))).ToArray();
    private long _ids;

    public Place City() => Pick(_cities);

    public GeoPoint Around(Place city)
    {
        var sigma = city.Id.Value is "karachi" or "lahore" or "faisalabad" ? 8 : 5;
        var (n, e) = (Gaussian() * sigma, Gaussian() * sigma);
        var lat = city.Location.Latitude + (n / 111.195);
        return new GeoPoint(lat, city.Location.Longitude + (e / (111.195 * Math.Cos(lat * Math.PI / 180))));
    }

    public TruckSnapshot Truck()
    {
        var city = City();
        var day = Today.AddDays(_random.Next(0, 3));
        return new TruckSnapshot(
            CapacityPostId.From(NextId()),
            _carriers[_random.Next(_carriers.Length)],
            Pick(_classes).Id,
            _random.NextDouble() < 0.4 ? _bodies[_random.Next(_bodies.Count)].Id : null,
            city.Id,
            Around(city),
            day,
            _random.NextDouble() < 0.6 ? City().Id : null,
            true,
            Now,
            Now,
            PakistanTime.EndOf(day.AddDays(2)).ToUniversalTime(),
            0);
    }

    public LoadSnapshot Load()
    {
        var from = City();
        Place to;
        do
        {
            to = City();
        }
        while (to.Id == from.Id);

        var vehicle = Pick(_classes);
        var pickup = Today.AddDays(_random.Next(0, 7));
        var end = pickup.AddDays(_random.Next(0, 4));
        var priced = _random.NextDouble() < 0.5;
        return new LoadSnapshot(
            LoadId.From(NextId()),
            _shippers[_random.Next(_shippers.Length)],
            from.Id,
            Around(from),
            to.Id,
            Around(to),
            pickup,
            end,
            "Goods",
            _random.Next(100, vehicle.MaxPayloadKg + 1),
            vehicle.Id,
            _random.NextDouble() < 0.3 ? _bodies[_random.Next(_bodies.Count)].Id : null,
            priced ? RateMode.Fixed : RateMode.Bids,
            priced ? Money.FromRupees(_random.Next(10, 400) * 1_000) : null,
            _random.NextDouble() < 0.9 ? LoadVisibility.Public : LoadVisibility.Private,
            true,
            Now,
            Now,
            PakistanTime.EndOf(end).ToUniversalTime(),
            0);
    }

    public LoadSearch Search()
    {
        var radius = new[] { 25, 50, 50, 100 }[_random.Next(4)];
        return new LoadSearch(Around(City()), radius, Sort: (LoadSort)_random.Next(0, 3), PageSize: 20);
    }

    private static T Pick<T>((T Item, double Cumulative)[] items, Random random)
    {
        var x = random.NextDouble() * items[^1].Cumulative;
        foreach (var (item, cumulative) in items)
        {
            if (x < cumulative)
            {
                return item;
            }
        }

        return items[^1].Item;
    }

    private T Pick<T>((T Item, double Cumulative)[] items) => Pick(items, _random);

    private Guid NextId() => Guid.CreateVersion7(Now.AddTicks(10_000_000 + Interlocked.Increment(ref _ids)));

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    private static (Place, double)[] Cumulate()
    {
        var hubs = new Dictionary<string, double>(StringComparer.Ordinal) { ["karachi"] = 0.28, ["lahore"] = 0.20, ["faisalabad"] = 0.10 };
        var others = Gazetteer.Default.All.Where(p => !hubs.ContainsKey(p.Id.Value)).ToList();
        var population = others.Sum(p => (double)(p.Population ?? 300_000));
        var total = 0.0;
        var list = new List<(Place, double)>();
        foreach (var p in Gazetteer.Default.All)
        {
            total += hubs.TryGetValue(p.Id.Value, out var w) ? w : 0.42 * (p.Population ?? 300_000) / population;
            list.Add((p, total));
        }

        return [.. list];
    }

    private static (VehicleClass, double)[] CumulateClasses()
    {
        var total = 0.0;
        return Classes.Select(c => (VehicleCatalogue.Default.FindClass(c.Id).ValueOrThrow(), total += c.Weight)).ToArray();
    }
}
