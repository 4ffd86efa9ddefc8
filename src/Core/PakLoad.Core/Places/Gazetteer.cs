using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using PakLoad.Core.Common;
using PakLoad.Core.Localization;

namespace PakLoad.Core.Places;

/// <summary>
/// The cities PakLoad knows, from locales/lexicon/places.json. Lookup by English, Urdu-script or Roman-Urdu
/// name, alias or code, insensitive to case, diacritics, spacing and Arabic-vs-Urdu letter forms
/// (<see cref="TextFold.Key"/>). Misspellings beyond the listed aliases are the language layer's job.
/// </summary>
public sealed class Gazetteer
{
    private readonly FrozenDictionary<string, Place> _byKey;
    private readonly FrozenDictionary<PlaceId, Place> _byId;

    public Gazetteer(IEnumerable<Place> places)
    {
        ArgumentNullException.ThrowIfNull(places);
        All = places.ToArray();
        _byId = All.ToFrozenDictionary(p => p.Id);
        var byKey = new Dictionary<string, Place>(StringComparer.Ordinal);
        foreach (var place in All)
        {
            foreach (var key in place.Spellings().Select(TextFold.Key).Where(k => k.Length > 0))
            {
                if (byKey.TryGetValue(key, out var other) && other.Id != place.Id)
                {
                    throw new InvalidOperationException($"Gazetteer spelling '{key}' names both {other.Id} and {place.Id}.");
                }

                byKey[key] = place;
            }
        }

        _byKey = byKey.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static Gazetteer Default { get; } = Load(LocaleCatalog.OpenEmbedded(typeof(Gazetteer).Assembly, "PakLoad.Lexicon.places.json"));

    public IReadOnlyList<Place> All { get; }

    public static Gazetteer Load(Stream json)
    {
        var rows = JsonSerializer.Deserialize<List<PlaceRow>>(json, LexiconJson.Options)
                   ?? throw new InvalidOperationException("places.json is empty.");
        return new Gazetteer(rows.Select(r => new Place(
            new PlaceId(r.Id),
            r.En,
            r.Ur,
            r.UrLatn,
            r.Province,
            new GeoPoint(r.Lat, r.Lon),
            r.Population,
            r.Codes ?? [],
            r.Aliases ?? [])));
    }

    public Result<Place> Find(string? text) =>
        TryFind(text, out var place)
            ? place
            : Error.Of("errors.place.unknown", ("input", (text ?? string.Empty).Trim()));

    public bool TryFind(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Place? place)
    {
        place = null;
        return !string.IsNullOrWhiteSpace(text) && _byKey.TryGetValue(TextFold.Key(text), out place);
    }

    public Place Get(PlaceId id) =>
        _byId.TryGetValue(id, out var place) ? place : throw new KeyNotFoundException($"No place {id}.");

    public bool Contains(PlaceId id) => _byId.ContainsKey(id);

    /// <summary>The gazetteer city closest to a point (for a location pin), with its straight-line distance.</summary>
    public (Place Place, double DistanceKm) Nearest(GeoPoint point) =>
        All.Select(p => (p, p.Location.DistanceKmTo(point))).MinBy(x => x.Item2);

    private sealed record PlaceRow(
        string Id,
        string En,
        string Ur,
        string UrLatn,
        Province Province,
        double Lat,
        double Lon,
        int? Population,
        string[]? Codes,
        string[]? Aliases);
}

internal static class LexiconJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };
}
