using PakLoad.Core.Capacity;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Matching;

/// <summary>
/// The in-process market: open loads (by pickup point) and open empty trucks (by empty point) in spatial grids,
/// plus what the score needs of each carrier. One per host instance; the database stays the source of truth and
/// the index follows it (see <see cref="Apply"/>, <c>MarketIndexSync</c> and the folder README). Reads share a lock;
/// writes take it alone and are small.
/// </summary>
public sealed class MarketIndex(Gazetteer gazetteer, VehicleCatalogue vehicles, MatchingOptions options, TimeProvider? clock = null) : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly SpatialGrid<LoadEntry> _loads = new();
    private readonly SpatialGrid<TruckEntry> _trucks = new();
    private readonly Symbols<string> _cities = new();
    private readonly Symbols<string> _classes = new();
    private readonly Symbols<string> _bodies = new();
    private readonly Symbols<Guid> _parties = new();
    private readonly List<CarrierEntry> _carriers = [];

    // Versions of items taken off the index, so a late, older copy (a catch-up read racing a commit) cannot bring one back.
    private readonly Dictionary<Guid, (int Version, long AtTicks)> _tombstones = [];
    private long _tombstonesPrunedAt;

    public bool IsReady { get; private set; }

    public int OpenLoads => Read(() => _loads.Count);

    public int OpenTrucks => Read(() => _trucks.Count);

    /// <summary>The newest updated_at the index has read from the database, per table: where the next catch-up starts.</summary>
    public DateTimeOffset LoadsSeenUntil { get; private set; } = DateTimeOffset.MinValue;

    public DateTimeOffset TrucksSeenUntil { get; private set; } = DateTimeOffset.MinValue;

    public MatchingOptions Options => options;

    public void Dispose() => _lock.Dispose();

    /// <summary>Replaces everything (start-up, or a rebuild): the open market as read from the database.</summary>
    public void Reset(IEnumerable<LoadSnapshot> loads, IEnumerable<TruckSnapshot> trucks, IEnumerable<CarrierStats> carriers, DateTimeOffset readStartedAt)
    {
        ArgumentNullException.ThrowIfNull(loads);
        ArgumentNullException.ThrowIfNull(trucks);
        ArgumentNullException.ThrowIfNull(carriers);
        _lock.EnterWriteLock();
        try
        {
            _loads.Clear();
            _trucks.Clear();
            _tombstones.Clear();
            _carriers.Clear();
            foreach (var load in loads)
            {
                ApplyLoad(load);
            }

            foreach (var truck in trucks)
            {
                ApplyTruck(truck);
            }

            ApplyStatsLocked(carriers);
            LoadsSeenUntil = readStartedAt;
            TrucksSeenUntil = readStartedAt;
            IsReady = true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Applies committed changes. Idempotent and order-tolerant: a copy older than the one held (by version) is
    /// ignored, so an in-process notification and a catch-up read of the same row can arrive in either order.
    /// </summary>
    public void Apply(MarketChanges changes, DateTimeOffset? loadsSeenUntil = null, DateTimeOffset? trucksSeenUntil = null)
    {
        ArgumentNullException.ThrowIfNull(changes);
        _lock.EnterWriteLock();
        try
        {
            foreach (var load in changes.Loads)
            {
                ApplyLoad(load);
            }

            foreach (var truck in changes.Trucks)
            {
                ApplyTruck(truck);
            }

            foreach (var (carrier, at) in changes.Activity)
            {
                ref var stats = ref Carrier(carrier);
                stats.LastActiveTicks = Math.Max(stats.LastActiveTicks, at.UtcTicks);
            }

            foreach (var (carrier, stars) in changes.Ratings)
            {
                ref var stats = ref Carrier(carrier);
                stats.RatingSum += stars;
                stats.RatingCount++;
            }

            if (loadsSeenUntil is { } l && l > LoadsSeenUntil)
            {
                LoadsSeenUntil = l;
            }

            if (trucksSeenUntil is { } t && t > TrucksSeenUntil)
            {
                TrucksSeenUntil = t;
            }

            PruneTombstones();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Replaces the carriers' ratings and trip outcomes with fresh totals (activity only moves forward).</summary>
    public void ApplyStats(IEnumerable<CarrierStats> carriers)
    {
        ArgumentNullException.ThrowIfNull(carriers);
        _lock.EnterWriteLock();
        try
        {
            ApplyStatsLocked(carriers);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public Paged<LoadHit> SearchLoads(LoadSearch search, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(search);
        var (page, size) = Paging.Normalize(search.Page, search.PageSize);
        var keep = (int)Math.Min(int.MaxValue, (long)page * size);
        var top = new TopK<SortKey, LoadEntry>(keep, SortKey.Ascending);
        var total = 0;
        _lock.EnterReadLock();
        try
        {
            var f = LoadFilter.Of(search, now, this);
            if (f.Impossible)
            {
                return new Paged<LoadHit>([], page, size, 0);
            }

            var (nearLat, nearLon) = (search.Near.Latitude, search.Near.Longitude);
            var nearCos = Geo.Cos(nearLat);
            var flat = Math.Abs(nearLat) < FlatLatitudeLimit;
            var (row0, row1, col0, col1) = SpatialGrid<LoadEntry>.Range(nearLat, nearLon, search.RadiusKm);
            for (var row = row0; row <= row1; row++)
            {
                for (var col = col0; col <= col1; col++)
                {
                    foreach (ref readonly var e in _loads.Cell((row * SpatialGrid<LoadEntry>.Cols) + col))
                    {
                        if (!f.Passes(e))
                        {
                            continue;
                        }

                        // The exact (haversine) distance decides and sorts, but it is dear: a flat estimate first settles
                        // loads clearly outside, and clearly inside ones that could not make the page anyway.
                        if (flat && Math.Abs(e.Lat) < FlatLatitudeLimit)
                        {
                            var estimate = Geo.FlatKm(nearLat, nearLon, nearCos, e.Lat, e.Lon, e.CosLat);
                            if (estimate > (search.RadiusKm * (1 + FlatMargin)) + 0.1)
                            {
                                continue;
                            }

                            if (estimate < (search.RadiusKm * (1 - FlatMargin)) - 0.1 && top.IsFull
                                && CannotEnter(search.Sort, e, (estimate * (1 - FlatMargin)) - 0.1, top.Worst))
                            {
                                total++;
                                continue;
                            }
                        }

                        var km = Geo.ExactKm(nearLat, nearLon, e.Lat, e.Lon);
                        if (km > search.RadiusKm)
                        {
                            continue;
                        }

                        total++;
                        var key = search.Sort switch
                        {
                            LoadSort.Distance => new SortKey(km, 0, e.Id),
                            LoadSort.PickupDate => new SortKey(e.PickupFrom, km, e.Id),
                            LoadSort.Price => new SortKey(PricePrimary(e), km, e.Id),
                        };
                        top.Add(key, e);
                    }
                }
            }

            return new Paged<LoadHit>(
                top.BestFirst().Skip((page - 1) * size).Select(x => new LoadHit(Summary(x.Item), Geo.ExactKm(search.Near.Latitude, search.Near.Longitude, x.Item.Lat, x.Item.Lon))).ToList(),
                page,
                size,
                total);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public Paged<TruckHit> TrucksNear(TruckSearch search, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(search);
        var (page, size) = Paging.Normalize(search.Page, search.PageSize);
        var top = new TopK<SortKey, TruckEntry>((int)Math.Min(int.MaxValue, (long)page * size), SortKey.Ascending);
        var total = 0;
        _lock.EnterReadLock();
        try
        {
            var nowTicks = now.UtcTicks;
            var vehicle = search.VehicleClass is { } v ? _classes.Find(v.Value) : Symbols.Any;
            var body = search.Body is { } b ? _bodies.Find(b.Value) : Symbols.Any;
            if (vehicle == Symbols.Missing || body == Symbols.Missing)
            {
                return new Paged<TruckHit>([], page, size, 0);
            }

            var freeDay = search.FreeOn?.DayNumber ?? int.MinValue;
            var freeEnd = search.FreeOn is { } day ? PakistanTime.EndOf(day).UtcTicks : long.MinValue;
            var (row0, row1, col0, col1) = SpatialGrid<TruckEntry>.Range(search.Near.Latitude, search.Near.Longitude, search.RadiusKm);
            for (var row = row0; row <= row1; row++)
            {
                for (var col = col0; col <= col1; col++)
                {
                    foreach (ref readonly var e in _trucks.Cell((row * SpatialGrid<TruckEntry>.Cols) + col))
                    {
                        if (e.ExpiresTicks <= nowTicks
                            || (vehicle != Symbols.Any && e.Class != vehicle)
                            || (body != Symbols.Any && e.Body != body)
                            || (search.FreeOn is not null && (e.AvailableDay > freeDay || e.ExpiresTicks < freeEnd)))
                        {
                            continue;
                        }

                        var km = Geo.ExactKm(search.Near.Latitude, search.Near.Longitude, e.Lat, e.Lon);
                        if (km > search.RadiusKm)
                        {
                            continue;
                        }

                        total++;
                        top.Add(new SortKey(km, 0, e.Id), e);
                    }
                }
            }

            return new Paged<TruckHit>(
                top.BestFirst().Skip((page - 1) * size).Select(x => new TruckHit(View(x.Item), x.Key.Primary)).ToList(), page, size, total);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// The best <paramref name="top"/> trucks for a load, best first, at most one per carrier. Cells are read nearest
    /// first and reading stops once no truck farther away could still make the list.
    /// </summary>
    public IReadOnlyList<TruckMatch> RankTrucks(LoadSnapshot load, int top, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (top <= 0)
        {
            return [];
        }

        _lock.EnterReadLock();
        try
        {
            var loadClass = _classes.Find(load.VehicleClass.Value);
            var loadBody = load.Body is { } b ? _bodies.Find(b.Value) : Symbols.Any;
            var shipper = _parties.Find(load.ShipperId.Value);
            var destCity = _cities.Find(load.DestinationCity.Value);
            var lat = load.Origin.Latitude;
            var lon = load.Origin.Longitude;
            var cos = Geo.Cos(lat);
            var destCos = Geo.Cos(load.Destination.Latitude);
            var pickupFrom = load.PickupFrom.DayNumber;
            var pickupTo = load.PickupTo.DayNumber;
            var pickupStart = PakistanTime.EndOf(load.PickupFrom.AddDays(-1)).UtcTicks;
            var nowTicks = now.UtcTicks;
            var maxKm = options.MaxMatchDistanceKm;

            // One carrier's several trucks fold into its best one: keep spare places, and widen until enough carriers are in.
            var keep = top * 3;
            List<(ScoreKey Key, TruckEntry Item)> best;
            while (true)
            {
                var heap = new TopK<ScoreKey, TruckEntry>(keep, ScoreKey.Best);
                foreach (var cell in CellsNearestFirst(_trucks, lat, lon, cos, maxKm))
                {
                    if (heap.IsFull && MatchScorer.Proximity(cell.MinKm) + MatchScorer.AllButProximity < heap.Worst.Score)
                    {
                        break;
                    }

                    foreach (ref readonly var e in _trucks.Cell(cell.Index))
                    {
                        if (e.ExpiresTicks <= nowTicks || e.ExpiresTicks <= pickupStart || e.AvailableDay > pickupTo
                            || e.MaxPayloadKg < load.WeightKg || e.Carrier == shipper
                            || (loadBody >= 0 && e.Body >= 0 && e.Body != loadBody))
                        {
                            continue;
                        }

                        // Cheap parts first: a truck that cannot beat the worst kept even when near and on the way costs no distance.
                        var facts = Facts(e, 0, loadClass, loadBody, weightKg: load.WeightKg, pickupFrom, pickupTo, nowTicks);
                        var cheap = MatchScorer.Vehicle(facts) + MatchScorer.Date(facts) + MatchScorer.Reliability(facts) + MatchScorer.Activity(facts);
                        if (heap.IsFull && cheap + MatchScorer.HeadingMax + MatchScorer.ProximityMax < heap.Worst.Score)
                        {
                            continue;
                        }

                        var km = Geo.FlatKm(lat, lon, cos, e.Lat, e.Lon, e.CosLat);
                        if (km > maxKm || (heap.IsFull && cheap + MatchScorer.HeadingMax + MatchScorer.Proximity(km) < heap.Worst.Score))
                        {
                            continue;
                        }

                        facts.DistanceKm = km;
                        Heading(ref facts, e, destCity, load.Destination.Latitude, load.Destination.Longitude, destCos);
                        var key = new ScoreKey(MatchScorer.Total(facts), km, e.Id);
                        if (heap.Wants(key))
                        {
                            heap.Add(key, e);
                        }
                    }
                }

                best = heap.BestFirst();
                if (!heap.IsFull || best.Select(x => x.Item.Carrier).Distinct().Count() >= top)
                {
                    break;
                }

                keep *= 4;
            }

            var seen = new HashSet<int>();
            var dest = Name(load.DestinationCity);
            return best
                .Where(x => seen.Add(x.Item.Carrier))
                .Take(top)
                .Select(x =>
                {
                    var e = x.Item;
                    var facts = Facts(e, x.Key.Km, loadClass, loadBody, load.WeightKg, pickupFrom, pickupTo, nowTicks);
                    Heading(ref facts, e, destCity, load.Destination.Latitude, load.Destination.Longitude, destCos);
                    var score = MatchScorer.Explain(facts, _classes[e.Class], e.Wanted >= 0 ? Name(new PlaceId(_cities[e.Wanted])) : null, dest);
                    return new TruckMatch(View(e), Math.Round(Geo.ExactKm(lat, lon, e.Lat, e.Lon), 1), score);
                })
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The reverse: the best <paramref name="top"/> public open loads for an empty truck, best first.</summary>
    public IReadOnlyList<LoadMatch> RankLoads(TruckSnapshot truck, int top, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(truck);
        if (top <= 0)
        {
            return [];
        }

        _lock.EnterReadLock();
        try
        {
            var vehicle = vehicles.Get(truck.VehicleClass);
            var truckClass = _classes.Find(truck.VehicleClass.Value);
            var truckBody = truck.Body is { } b ? _bodies.Find(b.Value) : Symbols.Any;
            var carrier = _parties.Find(truck.CarrierId.Value);
            var stats = carrier >= 0 && carrier < _carriers.Count ? _carriers[carrier] : default;
            var wanted = truck.WantedDestination is { } w && gazetteer.Contains(w) ? gazetteer.Get(w).Location : (GeoPoint?)null;
            var wantedCity = truck.WantedDestination is { } wc ? _cities.Find(wc.Value) : Symbols.Any;
            var lat = truck.EmptyAt.Latitude;
            var lon = truck.EmptyAt.Longitude;
            var cos = Geo.Cos(lat);
            var kmToWanted = wanted is { } wp ? Geo.FlatKm(lat, lon, cos, wp.Latitude, wp.Longitude, Geo.Cos(wp.Latitude)) : 0;
            var available = truck.AvailableFrom.DayNumber;
            var expires = truck.ExpiresAt.UtcTicks;
            var nowTicks = now.UtcTicks;
            var maxKm = options.MaxMatchDistanceKm;
            var heap = new TopK<ScoreKey, LoadEntry>(top, ScoreKey.Best);
            foreach (var cell in CellsNearestFirst(_loads, lat, lon, cos, maxKm))
            {
                if (heap.IsFull && MatchScorer.Proximity(cell.MinKm) + MatchScorer.AllButProximity < heap.Worst.Score)
                {
                    break;
                }

                foreach (ref readonly var e in _loads.Cell(cell.Index))
                {
                    if (e.ExpiresTicks <= nowTicks || !e.Public || e.Shipper == carrier || e.WeightKg > vehicle.MaxPayloadKg
                        || available > e.PickupTo || expires <= e.PickupStartTicks
                        || (truckBody >= 0 && e.Body >= 0 && e.Body != truckBody))
                    {
                        continue;
                    }

                    var km = Geo.FlatKm(lat, lon, cos, e.Lat, e.Lon, e.CosLat);
                    if (km > maxKm)
                    {
                        continue;
                    }

                    var facts = Reverse(e, km, truckClass, truckBody, vehicle.MaxPayloadKg, wantedCity, wanted, kmToWanted, available, stats, nowTicks);
                    heap.Add(new ScoreKey(MatchScorer.Total(facts), km, e.Id), e);
                }
            }

            return heap.BestFirst()
                .Select(x =>
                {
                    var e = x.Item;
                    var facts = Reverse(e, x.Key.Km, truckClass, truckBody, vehicle.MaxPayloadKg, wantedCity, wanted, kmToWanted, available, stats, nowTicks);
                    var dest = Name(new PlaceId(_cities[e.DestCity]));
                    var score = MatchScorer.Explain(facts, vehicle.NameEn, truck.WantedDestination is { } wd ? Name(wd) : null, dest);
                    return new LoadMatch(Summary(e), Math.Round(Geo.ExactKm(lat, lon, e.Lat, e.Lon), 1), score);
                })
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Bytes the index holds, measured by the garbage collector around a build (see the benchmarks).</summary>
    public (int Loads, int Trucks, int Carriers) Counts() => Read(() => (_loads.Count, _trucks.Count, _carriers.Count));

    /// <summary>
    /// Below this latitude (both points) and within a few thousand km, the flat estimate is within 1% of haversine;
    /// <see cref="FlatMargin"/> leaves twice that. Elsewhere every load is measured exactly.
    /// </summary>
    private const double FlatLatitudeLimit = 50;
    private const double FlatMargin = 0.02;

    private static double PricePrimary(in LoadEntry e) => e.PricePaisa < 0 ? double.PositiveInfinity : -e.PricePaisa;

    /// <summary>Whether a load at least <paramref name="minKm"/> away sorts after the worst one kept (so it cannot make the page).</summary>
    private static bool CannotEnter(LoadSort sort, in LoadEntry e, double minKm, SortKey worst) => sort switch
    {
        LoadSort.Distance => minKm > worst.Primary,
        LoadSort.PickupDate => e.PickupFrom > worst.Primary || (e.PickupFrom == worst.Primary && minKm > worst.Secondary),
        LoadSort.Price => PricePrimary(e) > worst.Primary || (PricePrimary(e) == worst.Primary && minKm > worst.Secondary),
    };

    private T Read<T>(Func<T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private MatchFacts Facts(in TruckEntry e, double km, int loadClass, int loadBody, int weightKg, int pickupFrom, int pickupTo, long nowTicks)
    {
        ref readonly var stats = ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_carriers)[e.Carrier];
        return new MatchFacts
        {
            DistanceKm = km,
            Progress = -1,
            SameClass = e.Class == loadClass,
            BodyUnknown = loadBody >= 0 && e.Body < 0,
            WeightKg = weightKg,
            TruckMaxPayloadKg = e.MaxPayloadKg,
            AvailableDay = e.AvailableDay,
            PickupFromDay = pickupFrom,
            PickupToDay = pickupTo,
            RatingSum = stats.RatingSum,
            RatingCount = stats.RatingCount,
            Completed = stats.Completed,
            Cancelled = stats.Cancelled,
            LastActiveTicks = stats.LastActiveTicks,
            NowTicks = nowTicks,
        };
    }

    private static void Heading(ref MatchFacts f, in TruckEntry e, int destCity, double destLat, double destLon, double destCos)
    {
        f.OnTheWay = e.Wanted >= 0 && e.Wanted == destCity;
        f.Progress = e.Wanted >= 0 && !f.OnTheWay
            ? Progress(e.KmToWanted, Geo.FlatKm(destLat, destLon, destCos, e.WantedLat, e.WantedLon, e.WantedCos))
            : -1;
    }

    private static MatchFacts Reverse(
        in LoadEntry e, double km, int truckClass, int truckBody, int maxPayload, int wantedCity, GeoPoint? wanted, double kmToWanted, int available, CarrierEntry stats, long nowTicks)
    {
        var onTheWay = wantedCity >= 0 && e.DestCity == wantedCity;
        double progress = -1;
        if (wanted is { } w && !onTheWay)
        {
            progress = Progress(kmToWanted, Geo.FlatKm(e.DestLat, e.DestLon, Geo.Cos(e.DestLat), w.Latitude, w.Longitude, Geo.Cos(w.Latitude)));
        }

        return new MatchFacts
        {
            DistanceKm = km,
            OnTheWay = onTheWay,
            Progress = progress,
            SameClass = e.VehicleClass == truckClass,
            BodyUnknown = e.Body >= 0 && truckBody < 0,
            WeightKg = e.WeightKg,
            TruckMaxPayloadKg = maxPayload,
            AvailableDay = available,
            PickupFromDay = e.PickupFrom,
            PickupToDay = e.PickupTo,
            RatingSum = stats.RatingSum,
            RatingCount = stats.RatingCount,
            Completed = stats.Completed,
            Cancelled = stats.Cancelled,
            LastActiveTicks = stats.LastActiveTicks,
            NowTicks = nowTicks,
        };
    }

    /// <summary>How much closer to where the truck wants to go the load leaves it, as a share of the way (0..1).</summary>
    private static double Progress(double emptyToWanted, double destToWanted)
    {
        if (emptyToWanted < 25)
        {
            // Already home: a load that ends near home is on the way, anything else takes the truck away.
            return destToWanted < 50 ? 1 : 0;
        }

        return Math.Clamp((emptyToWanted - destToWanted) / emptyToWanted, 0, 1);
    }

    private static List<(int Index, double MinKm)> CellsNearestFirst<T>(SpatialGrid<T> grid, double lat, double lon, double cos, double maxKm)
        where T : struct, IGridItem
    {
        var (row0, row1, col0, col1) = SpatialGrid<TruckEntry>.Range(lat, lon, maxKm * 1.01);
        var cells = new List<(int Index, double MinKm)>();
        for (var row = row0; row <= row1; row++)
        {
            for (var col = col0; col <= col1; col++)
            {
                var index = (row * SpatialGrid<TruckEntry>.Cols) + col;
                if (grid.Cell(index).Length > 0)
                {
                    cells.Add((index, SpatialGrid<TruckEntry>.MinFlatKm(index, lat, lon, cos)));
                }
            }
        }

        cells.Sort((a, b) => a.MinKm.CompareTo(b.MinKm));
        return cells;
    }

    private void ApplyLoad(LoadSnapshot s)
    {
        var id = s.Id.Value;
        if (IsStale(id, s.Version, _loads.TryGet(id, out var held) ? held.Version : -1))
        {
            return;
        }

        if (!s.IsOpen)
        {
            _loads.Remove(id);
            _tombstones[id] = (s.Version, s.UpdatedAt.UtcTicks);
            return;
        }

        _tombstones.Remove(id);
        _loads.Upsert(new LoadEntry
        {
            Id = id,
            Lat = s.Origin.Latitude,
            Lon = s.Origin.Longitude,
            DestLat = s.Destination.Latitude,
            DestLon = s.Destination.Longitude,
            CosLat = Geo.Cos(s.Origin.Latitude),
            ExpiresTicks = s.ExpiresAt.UtcTicks,
            CreatedTicks = s.CreatedAt.UtcTicks,
            PickupStartTicks = PakistanTime.EndOf(s.PickupFrom.AddDays(-1)).UtcTicks,
            PricePaisa = s.TargetPrice?.Paisa ?? -1,
            Commodity = s.Commodity,
            Shipper = _parties.Intern(s.ShipperId.Value),
            PickupFrom = s.PickupFrom.DayNumber,
            PickupTo = s.PickupTo.DayNumber,
            WeightKg = s.WeightKg,
            Version = s.Version,
            OriginCity = (short)_cities.Intern(s.OriginCity.Value),
            DestCity = (short)_cities.Intern(s.DestinationCity.Value),
            VehicleClass = (short)_classes.Intern(s.VehicleClass.Value),
            Body = s.Body is { } body ? (short)_bodies.Intern(body.Value) : (short)-1,
            RateMode = s.RateMode,
            Public = s.Visibility == LoadVisibility.Public,
        });
        EnsureCarrierSlots();
    }

    private void ApplyTruck(TruckSnapshot s)
    {
        var id = s.Id.Value;
        if (IsStale(id, s.Version, _trucks.TryGet(id, out var held) ? held.Version : -1))
        {
            return;
        }

        if (!s.IsOpen)
        {
            _trucks.Remove(id);
            _tombstones[id] = (s.Version, s.UpdatedAt.UtcTicks);
            return;
        }

        _tombstones.Remove(id);
        var cos = Geo.Cos(s.EmptyAt.Latitude);
        var wanted = s.WantedDestination is { } w && gazetteer.Contains(w) ? gazetteer.Get(w).Location : (GeoPoint?)null;
        var carrier = _parties.Intern(s.CarrierId.Value);
        EnsureCarrierSlots();
        ref var stats = ref Carrier(s.CarrierId);
        stats.LastActiveTicks = Math.Max(stats.LastActiveTicks, s.CreatedAt.UtcTicks);
        _trucks.Upsert(new TruckEntry
        {
            Id = id,
            Lat = s.EmptyAt.Latitude,
            Lon = s.EmptyAt.Longitude,
            CosLat = cos,
            WantedLat = wanted?.Latitude ?? 0,
            WantedLon = wanted?.Longitude ?? 0,
            WantedCos = Geo.Cos(wanted?.Latitude ?? 0),
            KmToWanted = wanted is { } p ? Geo.FlatKm(s.EmptyAt.Latitude, s.EmptyAt.Longitude, cos, p.Latitude, p.Longitude, Geo.Cos(p.Latitude)) : 0,
            ExpiresTicks = s.ExpiresAt.UtcTicks,
            CreatedTicks = s.CreatedAt.UtcTicks,
            Carrier = carrier,
            AvailableDay = s.AvailableFrom.DayNumber,
            Version = s.Version,
            MaxPayloadKg = vehicles.FindClass(s.VehicleClass.Value) is { IsSuccess: true } v ? v.Value.MaxPayloadKg : 0,
            Class = (short)_classes.Intern(s.VehicleClass.Value),
            Body = s.Body is { } body ? (short)_bodies.Intern(body.Value) : (short)-1,
            EmptyCity = (short)_cities.Intern(s.EmptyAtCity.Value),
            Wanted = wanted is null ? (short)-1 : (short)_cities.Intern(s.WantedDestination!.Value.Value),
        });
    }

    private bool IsStale(Guid id, int version, int heldVersion)
    {
        if (heldVersion > version)
        {
            return true;
        }

        return _tombstones.TryGetValue(id, out var gone) && gone.Version >= version && heldVersion < 0;
    }

    private void PruneTombstones()
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcTicks;
        var keep = (options.CatchUpOverlap * 4).Ticks;
        if (now - _tombstonesPrunedAt < keep)
        {
            return;
        }

        // Only a catch-up read inside the overlap window can carry an older copy; older tombstones protect nothing.
        foreach (var (id, gone) in _tombstones.Where(t => now - t.Value.AtTicks > keep).ToList())
        {
            _tombstones.Remove(id);
        }

        _tombstonesPrunedAt = now;
    }

    private void ApplyStatsLocked(IEnumerable<CarrierStats> carriers)
    {
        foreach (var c in carriers)
        {
            _parties.Intern(c.CarrierId.Value);
            EnsureCarrierSlots();
            ref var stats = ref Carrier(c.CarrierId);
            stats.RatingSum = c.RatingSum;
            stats.RatingCount = c.RatingCount;
            stats.Completed = c.Completed;
            stats.Cancelled = c.Cancelled;
            stats.LastActiveTicks = Math.Max(stats.LastActiveTicks, c.LastActiveAt?.UtcTicks ?? 0);
        }
    }

    private ref CarrierEntry Carrier(PartyId party)
    {
        _parties.Intern(party.Value);
        EnsureCarrierSlots();
        return ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_carriers)[_parties.Find(party.Value)];
    }

    private void EnsureCarrierSlots()
    {
        while (_carriers.Count < _parties.Count)
        {
            _carriers.Add(default);
        }
    }

    private string Name(PlaceId city) => gazetteer.Contains(city) ? gazetteer.Get(city).NameEn : city.Value;

    private LoadSummary Summary(in LoadEntry e) => new(
        LoadId.From(e.Id),
        PartyId.From(_parties[e.Shipper]),
        new LoadPoint(new PlaceId(_cities[e.OriginCity]), new GeoPoint(e.Lat, e.Lon)),
        new LoadPoint(new PlaceId(_cities[e.DestCity]), new GeoPoint(e.DestLat, e.DestLon)),
        DateOnly.FromDayNumber(e.PickupFrom),
        DateOnly.FromDayNumber(e.PickupTo),
        e.Commodity,
        e.WeightKg,
        new VehicleClassId(_classes[e.VehicleClass]),
        e.Body >= 0 ? new BodyTypeId(_bodies[e.Body]) : null,
        e.RateMode,
        e.PricePaisa >= 0 ? new Money(e.PricePaisa) : null,
        e.Public ? LoadVisibility.Public : LoadVisibility.Private,
        new DateTimeOffset(e.CreatedTicks, TimeSpan.Zero),
        Load.ReferenceOf(LoadId.From(e.Id)));

    private EmptyTruckView View(in TruckEntry e) => new(
        CapacityPostId.From(e.Id),
        PartyId.From(_parties[e.Carrier]),
        new VehicleClassId(_classes[e.Class]),
        e.Body >= 0 ? new BodyTypeId(_bodies[e.Body]) : null,
        new LoadPoint(new PlaceId(_cities[e.EmptyCity]), new GeoPoint(e.Lat, e.Lon)),
        DateOnly.FromDayNumber(e.AvailableDay),
        e.Wanted >= 0 ? new PlaceId(_cities[e.Wanted]) : null,
        CapacityStatus.Open,
        new DateTimeOffset(e.CreatedTicks, TimeSpan.Zero),
        new DateTimeOffset(e.ExpiresTicks, TimeSpan.Zero));

    /// <summary>The per-query form of a <see cref="LoadSearch"/>: symbols resolved once, then cheap integer tests per load.</summary>
    private readonly struct LoadFilter
    {
        private readonly long _now;
        private readonly int _viewer;
        private readonly int _vehicle;
        private readonly int _body;
        private readonly int _destCity;
        private readonly int _from;
        private readonly int _to;
        private readonly int _minKg;
        private readonly int _maxKg;
        private readonly long _minPrice;
        private readonly GeoPoint? _destPoint;
        private readonly double _destKm;

        private LoadFilter(LoadSearch s, DateTimeOffset now, MarketIndex index)
        {
            _now = now.UtcTicks;
            _viewer = s.Viewer is { } v ? index._parties.Find(v.Value) : Symbols.Missing;
            _vehicle = s.VehicleClass is { } c ? index._classes.Find(c.Value) : Symbols.Any;
            _body = s.Body is { } b ? index._bodies.Find(b.Value) : Symbols.Any;
            var byRadius = s.DestinationRadiusKm is not null && s.DestinationPoint is not null;
            _destCity = !byRadius && s.DestinationCity is { } d ? index._cities.Find(d.Value) : Symbols.Any;
            _destPoint = byRadius ? s.DestinationPoint : null;
            _destKm = s.DestinationRadiusKm ?? 0;
            _from = s.PickupFrom?.DayNumber ?? int.MinValue;
            _to = s.PickupTo?.DayNumber ?? int.MaxValue;
            _minKg = s.MinWeightKg ?? int.MinValue;
            _maxKg = s.MaxWeightKg ?? int.MaxValue;
            _minPrice = s.MinPrice?.Paisa ?? long.MinValue;
            Impossible = _vehicle == Symbols.Missing || _destCity == Symbols.Missing;
        }

        public bool Impossible { get; }

        public static LoadFilter Of(LoadSearch s, DateTimeOffset now, MarketIndex index) => new(s, now, index);

        public bool Passes(in LoadEntry e) =>
            e.ExpiresTicks > _now
            && (e.Public || (_viewer >= 0 && e.Shipper == _viewer))
            && (_vehicle == Symbols.Any || e.VehicleClass == _vehicle)
            && (_body == Symbols.Any || e.Body < 0 || e.Body == _body)
            && (_destCity == Symbols.Any || e.DestCity == _destCity)
            && e.PickupFrom <= _to && e.PickupTo >= _from
            && e.WeightKg >= _minKg && e.WeightKg <= _maxKg
            && (_minPrice == long.MinValue || (e.PricePaisa >= 0 && e.PricePaisa >= _minPrice))
            && (_destPoint is not { } p || Geo.ExactKm(p.Latitude, p.Longitude, e.DestLat, e.DestLon) <= _destKm);
    }

    private readonly record struct SortKey(double Primary, double Secondary, Guid Id)
    {
        public static readonly IComparer<SortKey> Ascending = Comparer<SortKey>.Create((a, b) =>
        {
            var c = a.Primary.CompareTo(b.Primary);
            if (c != 0)
            {
                return c;
            }

            c = a.Secondary.CompareTo(b.Secondary);
            return c != 0 ? c : a.Id.CompareTo(b.Id);
        });
    }

    private readonly record struct ScoreKey(double Score, double Km, Guid Id)
    {
        /// <summary>Higher score first, then nearer, then by id: a total order, so ties never flip between runs.</summary>
        public static readonly IComparer<ScoreKey> Best = Comparer<ScoreKey>.Create((a, b) =>
        {
            var c = b.Score.CompareTo(a.Score);
            if (c != 0)
            {
                return c;
            }

            c = a.Km.CompareTo(b.Km);
            return c != 0 ? c : a.Id.CompareTo(b.Id);
        });
    }
}

/// <summary>An open load as the index holds it: about 140 bytes, inline in its grid cell.</summary>
internal struct LoadEntry : IGridItem
{
    public Guid Id;
    public double Lat;
    public double Lon;
    public double DestLat;
    public double DestLon;
    public double CosLat;
    public long ExpiresTicks;
    public long CreatedTicks;
    public long PickupStartTicks;
    public long PricePaisa;
    public string Commodity;
    public int Shipper;
    public int PickupFrom;
    public int PickupTo;
    public int WeightKg;
    public int Version;
    public short OriginCity;
    public short DestCity;
    public short VehicleClass;
    public short Body;
    public RateMode RateMode;
    public bool Public;

    readonly Guid IGridItem.Key => Id;

    readonly double IGridItem.Lat => Lat;

    readonly double IGridItem.Lon => Lon;
}

/// <summary>An open empty truck as the index holds it: about 110 bytes, inline in its grid cell.</summary>
internal struct TruckEntry : IGridItem
{
    public Guid Id;
    public double Lat;
    public double Lon;
    public double CosLat;
    public double WantedLat;
    public double WantedLon;
    public double WantedCos;
    public double KmToWanted;
    public long ExpiresTicks;
    public long CreatedTicks;
    public int Carrier;
    public int AvailableDay;
    public int Version;
    public int MaxPayloadKg;
    public short Class;
    public short Body;
    public short EmptyCity;
    public short Wanted;

    readonly Guid IGridItem.Key => Id;

    readonly double IGridItem.Lat => Lat;

    readonly double IGridItem.Lon => Lon;
}

internal struct CarrierEntry
{
    public int RatingSum;
    public int RatingCount;
    public int Completed;
    public int Cancelled;
    public long LastActiveTicks;
}

internal static class Symbols
{
    /// <summary>No filter on this field.</summary>
    public const int Any = -1;

    /// <summary>A filter on a value no item has: nothing can match.</summary>
    public const int Missing = -2;
}

/// <summary>Small integers for repeated values (cities, classes, bodies, parties), so entries stay compact.</summary>
internal sealed class Symbols<T>
    where T : notnull
{
    private readonly Dictionary<T, int> _ids = [];
    private readonly List<T> _values = [];

    public int Count => _values.Count;

    public T this[int id] => _values[id];

    public int Intern(T value)
    {
        if (!_ids.TryGetValue(value, out var id))
        {
            id = _values.Count;
            _ids[value] = id;
            _values.Add(value);
        }

        return id;
    }

    public int Find(T value) => _ids.TryGetValue(value, out var id) ? id : Symbols.Missing;
}
