using System.Collections.Frozen;
using System.Text.Json;
using PakLoad.Core.Common;
using PakLoad.Core.Localization;
using PakLoad.Core.Places;

namespace PakLoad.Core.Vehicles;

/// <summary>
/// Vehicle classes and body types from locales/lexicon/vehicles.json, found by id, name or alias in any of
/// the three languages ("22 wheeler", "bais wheeler", "بائیس ویلر"), folded like gazetteer names.
/// </summary>
public sealed class VehicleCatalogue
{
    private readonly FrozenDictionary<string, VehicleClass> _classes;
    private readonly FrozenDictionary<string, BodyType> _bodies;

    public VehicleCatalogue(IEnumerable<VehicleClass> classes, IEnumerable<BodyType> bodies)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(bodies);
        Classes = classes.ToArray();
        Bodies = bodies.ToArray();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        _classes = Index(Classes, c => "class " + c.Id.Value, c => [c.Id.Value, c.NameEn, c.NameUr, c.NameUrLatn, .. c.Aliases], seen);
        _bodies = Index(Bodies, b => "body " + b.Id.Value, b => [b.Id.Value, b.NameEn, b.NameUr, b.NameUrLatn, .. b.Aliases], seen);
    }

    public static VehicleCatalogue Default { get; } =
        Load(LocaleCatalog.OpenEmbedded(typeof(VehicleCatalogue).Assembly, "PakLoad.Lexicon.vehicles.json"));

    public IReadOnlyList<VehicleClass> Classes { get; }

    public IReadOnlyList<BodyType> Bodies { get; }

    public static VehicleCatalogue Load(Stream json)
    {
        var file = JsonSerializer.Deserialize<CatalogueFile>(json, LexiconJson.Options)
                   ?? throw new InvalidOperationException("vehicles.json is empty.");
        return new VehicleCatalogue(
            file.Classes.Select(c => new VehicleClass(
                new VehicleClassId(c.Id), c.En, c.Ur, c.UrLatn, c.Axles, c.LegalGvwKg, c.TypicalPayloadKg, c.MaxPayloadKg, c.Aliases ?? [])),
            file.Bodies.Select(b => new BodyType(new BodyTypeId(b.Id), b.En, b.Ur, b.UrLatn, b.Aliases ?? [])));
    }

    public Result<VehicleClass> FindClass(string? text) =>
        !string.IsNullOrWhiteSpace(text) && _classes.TryGetValue(TextFold.Key(text), out var found)
            ? found
            : Error.Of("errors.vehicle.unknown", ("input", (text ?? string.Empty).Trim()));

    public Result<BodyType> FindBody(string? text) =>
        !string.IsNullOrWhiteSpace(text) && _bodies.TryGetValue(TextFold.Key(text), out var found)
            ? found
            : Error.Of("errors.body.unknown", ("input", (text ?? string.Empty).Trim()));

    public VehicleClass Get(VehicleClassId id) => FindClass(id.Value).ValueOrThrow();

    public BodyType Get(BodyTypeId id) => FindBody(id.Value).ValueOrThrow();

    /// <summary>Every spelling folds to one entry across classes and bodies, so "container" cannot mean both.</summary>
    private static FrozenDictionary<string, T> Index<T>(
        IEnumerable<T> items, Func<T, string> id, Func<T, string[]> spellings, Dictionary<string, string> seen)
    {
        var index = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            foreach (var key in spellings(item).Select(TextFold.Key).Where(k => k.Length > 0))
            {
                if (seen.TryGetValue(key, out var owner) && owner != id(item))
                {
                    throw new InvalidOperationException($"Vehicle spelling '{key}' names both {owner} and {id(item)}.");
                }

                seen[key] = id(item);
                index[key] = item;
            }
        }

        return index.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record CatalogueFile(List<ClassRow> Classes, List<BodyRow> Bodies);

    private sealed record ClassRow(
        string Id, string En, string Ur, string UrLatn, int Axles, int? LegalGvwKg, int TypicalPayloadKg, int MaxPayloadKg, string[]? Aliases);

    private sealed record BodyRow(string Id, string En, string Ur, string UrLatn, string[]? Aliases);
}
