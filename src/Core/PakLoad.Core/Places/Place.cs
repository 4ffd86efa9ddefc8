using PakLoad.Core.Common;

namespace PakLoad.Core.Places;

/// <summary>A city-level id from the gazetteer, e.g. "karachi", "dera-ghazi-khan".</summary>
public readonly record struct PlaceId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>A city of the gazetteer with its names in the three languages and the other ways people write it.</summary>
public sealed record Place(
    PlaceId Id,
    string NameEn,
    string NameUr,
    string NameUrLatn,
    Province Province,
    GeoPoint Location,
    int? Population,
    IReadOnlyList<string> Codes,
    IReadOnlyList<string> Aliases)
{
    public string Name(Language language) => language switch
    {
        Language.En => NameEn,
        Language.Ur => NameUr,
        Language.UrLatn => NameUrLatn,
    };

    /// <summary>Every spelling that must resolve to this place: names, codes and aliases.</summary>
    public IEnumerable<string> Spellings() => new[] { NameEn, NameUr, NameUrLatn }.Concat(Codes).Concat(Aliases);
}
