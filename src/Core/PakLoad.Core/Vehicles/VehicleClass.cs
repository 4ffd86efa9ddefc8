using PakLoad.Core.Common;

namespace PakLoad.Core.Vehicles;

/// <summary>A vehicle class id from the catalogue, e.g. "mazda", "22-wheeler", "container-40ft".</summary>
public readonly record struct VehicleClassId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>A body type id, e.g. "open" (dala), "flatbed", "reefer".</summary>
public readonly record struct BodyTypeId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>
/// A class of truck as Pakistani transporters name it. <see cref="LegalGvwKg"/> is the NHA gross-weight limit
/// where one applies; <see cref="MaxPayloadKg"/> is the payload ceiling the overload guard enforces.
/// </summary>
public sealed record VehicleClass(
    VehicleClassId Id,
    string NameEn,
    string NameUr,
    string NameUrLatn,
    int Axles,
    int? LegalGvwKg,
    int TypicalPayloadKg,
    int MaxPayloadKg,
    IReadOnlyList<string> Aliases)
{
    public string Name(Language language) => language switch
    {
        Language.En => NameEn,
        Language.Ur => NameUr,
        Language.UrLatn => NameUrLatn,
    };

    public bool CanCarry(int weightKg) => weightKg > 0 && weightKg <= MaxPayloadKg;
}

public sealed record BodyType(BodyTypeId Id, string NameEn, string NameUr, string NameUrLatn, IReadOnlyList<string> Aliases)
{
    public string Name(Language language) => language switch
    {
        Language.En => NameEn,
        Language.Ur => NameUr,
        Language.UrLatn => NameUrLatn,
    };
}
