namespace PakLoad.Core.Common;

/// <summary>The three languages PakLoad speaks. Codes are BCP 47: en, ur, ur-Latn (Roman Urdu).</summary>
public enum Language
{
    En,
    Ur,
    UrLatn,
}

public static class LanguageCodes
{
    public const string English = "en";
    public const string Urdu = "ur";
    public const string RomanUrdu = "ur-Latn";

    public static IReadOnlyList<Language> All { get; } = [Language.En, Language.Ur, Language.UrLatn];

    public static string ToCode(this Language language) => language switch
    {
        Language.En => English,
        Language.Ur => Urdu,
        Language.UrLatn => RomanUrdu,
    };

    public static Result<Language> Parse(string? code) => code?.Trim().ToUpperInvariant() switch
    {
        "EN" => Language.En,
        "UR" => Language.Ur,
        "UR-LATN" or "UR_LATN" => Language.UrLatn,
        _ => Error.Of("errors.language.unknown", ("input", code ?? string.Empty)),
    };
}
