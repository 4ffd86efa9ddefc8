using PakLoad.Core.Places;

namespace PakLoad.Core.Matching;

/// <summary>Distances the index needs: the exact one (the same haversine as <see cref="GeoPoint"/>) and a fast one for ranking.</summary>
internal static class Geo
{
    public const double EarthRadiusKm = 6371.0088;
    public const double KmPerDegree = EarthRadiusKm * Math.PI / 180;
    private const double Radians = Math.PI / 180;

    public static double ExactKm(double lat1, double lon1, double lat2, double lon2) =>
        new GeoPoint(lat1, lon1).DistanceKmTo(new GeoPoint(lat2, lon2));

    /// <summary>
    /// Equirectangular distance with the mean of both cosines: within 0.5% of haversine below 500 km at Pakistan's
    /// latitudes, and about ten times cheaper. Ranking uses it; searches and displayed distances use the exact one.
    /// </summary>
    public static double FlatKm(double lat1, double lon1, double cos1, double lat2, double lon2, double cos2)
    {
        var dLat = lat2 - lat1;
        var dLon = (lon2 - lon1) * ((cos1 + cos2) * 0.5);
        return KmPerDegree * Math.Sqrt((dLat * dLat) + (dLon * dLon));
    }

    public static double Cos(double latitude) => Math.Cos(latitude * Radians);
}

/// <summary>An item the grid can place: its key and its point.</summary>
internal interface IGridItem
{
    Guid Key { get; }

    double Lat { get; }

    double Lon { get; }
}

/// <summary>
/// A fixed grid of 0.2° cells over Pakistan and its borders (20–40° N, 58–80° E); points outside are kept in the
/// edge cells, which a query touching the edge always reads, so nothing is ever lost. Each cell holds its
/// items inline (structs, one array per cell) so a query reads memory in order. Not thread-safe: the index locks.
/// </summary>
internal sealed class SpatialGrid<T>
    where T : struct, IGridItem
{
    public const double MinLat = 20;
    public const double MinLon = 58;
    public const double Step = 0.2;
    public const int Rows = 100;
    public const int Cols = 110;

    private readonly T[]?[] _items = new T[]?[Rows * Cols];
    private readonly int[] _counts = new int[Rows * Cols];
    private readonly Dictionary<Guid, (int Cell, int Pos)> _where = [];

    public int Count => _where.Count;

    public static int Row(double lat) => Math.Clamp((int)Math.Floor((lat - MinLat) / Step), 0, Rows - 1);

    public static int Col(double lon) => Math.Clamp((int)Math.Floor((lon - MinLon) / Step), 0, Cols - 1);

    public bool TryGet(Guid key, out T item)
    {
        if (_where.TryGetValue(key, out var at))
        {
            item = _items[at.Cell]![at.Pos];
            return true;
        }

        item = default;
        return false;
    }

    public void Upsert(in T item)
    {
        var cell = (Row(item.Lat) * Cols) + Col(item.Lon);
        if (_where.TryGetValue(item.Key, out var at))
        {
            if (at.Cell == cell)
            {
                _items[cell]![at.Pos] = item;
                return;
            }

            Remove(item.Key);
        }

        var items = _items[cell] ??= new T[4];
        var count = _counts[cell];
        if (count == items.Length)
        {
            Array.Resize(ref items, count * 2);
            _items[cell] = items;
        }

        items[count] = item;
        _counts[cell] = count + 1;
        _where[item.Key] = (cell, count);
    }

    public bool Remove(Guid key)
    {
        if (!_where.Remove(key, out var at))
        {
            return false;
        }

        var items = _items[at.Cell]!;
        var last = --_counts[at.Cell];
        if (at.Pos != last)
        {
            items[at.Pos] = items[last];
            _where[items[at.Pos].Key] = (at.Cell, at.Pos);
        }

        items[last] = default;
        return true;
    }

    public void Clear()
    {
        Array.Clear(_items);
        Array.Clear(_counts);
        _where.Clear();
    }

    public ReadOnlySpan<T> Cell(int cell) => _items[cell] is { } items ? items.AsSpan(0, _counts[cell]) : [];

    public IEnumerable<T> All()
    {
        for (var cell = 0; cell < _items.Length; cell++)
        {
            for (var i = 0; i < _counts[cell]; i++)
            {
                yield return _items[cell]![i];
            }
        }
    }

    /// <summary>
    /// The rows and columns that can hold a point within <paramref name="radiusKm"/> of (lat, lon) by haversine: a
    /// great circle is never shorter than its latitude difference, and its longitude spread is at most
    /// asin(sin(r/R) / cos(lat)).
    /// </summary>
    public static (int Row0, int Row1, int Col0, int Col1) Range(double lat, double lon, double radiusKm)
    {
        var angle = radiusKm / Geo.EarthRadiusKm;
        var dLat = (angle * 180 / Math.PI) + 1e-9;
        var row0 = Row(lat - dLat);
        var row1 = Row(lat + dLat);
        var maxLat = Math.Abs(lat) + dLat;
        if (angle >= Math.PI / 2 || maxLat >= 90)
        {
            return (row0, row1, 0, Cols - 1);
        }

        var ratio = Math.Sin(angle) / Math.Cos(lat * Math.PI / 180);
        if (ratio >= 1)
        {
            return (row0, row1, 0, Cols - 1);
        }

        var dLon = (Math.Asin(ratio) * 180 / Math.PI) + 1e-9;
        return (row0, row1, Col(lon - dLon), Col(lon + dLon));
    }

    /// <summary>A lower bound (flat metric, less 2%) on the distance from a point to anything in a cell.</summary>
    public static double MinFlatKm(int cell, double lat, double lon, double cosLat)
    {
        var row = cell / Cols;
        var col = cell % Cols;
        var south = MinLat + (row * Step);
        var west = MinLon + (col * Step);

        // Edge cells also hold everything beyond the grid: their outer side is open.
        var lat0 = row == 0 ? double.NegativeInfinity : south;
        var lat1 = row == Rows - 1 ? double.PositiveInfinity : south + Step;
        var lon0 = col == 0 ? double.NegativeInfinity : west;
        var lon1 = col == Cols - 1 ? double.PositiveInfinity : west + Step;
        var nearLat = Math.Clamp(lat, lat0, lat1);
        var nearLon = Math.Clamp(lon, lon0, lon1);
        return 0.98 * Geo.FlatKm(lat, lon, cosLat, nearLat, nearLon, Geo.Cos(nearLat));
    }
}

/// <summary>Keeps the k best items seen (a bounded heap whose root is the worst kept), then hands them back best first.</summary>
internal sealed class TopK<TKey, TItem>(int k, IComparer<TKey> better)
{
    private readonly List<(TKey Key, TItem Item)> _heap = new(Math.Min(k, 1024));

    public int Count => _heap.Count;

    public bool IsFull => _heap.Count >= k;

    /// <summary>The worst key kept; meaningful only when <see cref="IsFull"/>.</summary>
    public TKey Worst => _heap[0].Key;

    /// <summary>Whether an item with this key would be kept.</summary>
    public bool Wants(in TKey key) => k > 0 && (_heap.Count < k || better.Compare(key, _heap[0].Key) < 0);

    public void Add(TKey key, TItem item)
    {
        if (!Wants(key))
        {
            return;
        }

        if (_heap.Count < k)
        {
            _heap.Add((key, item));
            SiftUp(_heap.Count - 1);
        }
        else
        {
            _heap[0] = (key, item);
            SiftDown(0);
        }
    }

    public List<(TKey Key, TItem Item)> BestFirst()
    {
        var sorted = new List<(TKey Key, TItem Item)>(_heap);
        sorted.Sort((a, b) => better.Compare(a.Key, b.Key));
        return sorted;
    }

    // The root is the worst: a parent is never better than its children.
    private bool Worse(int a, int b) => better.Compare(_heap[a].Key, _heap[b].Key) > 0;

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Worse(i, parent))
            {
                return;
            }

            (_heap[i], _heap[parent]) = (_heap[parent], _heap[i]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= _heap.Count)
            {
                return;
            }

            var worst = left + 1 < _heap.Count && Worse(left + 1, left) ? left + 1 : left;
            if (!Worse(worst, i))
            {
                return;
            }

            (_heap[i], _heap[worst]) = (_heap[worst], _heap[i]);
            i = worst;
        }
    }
}
