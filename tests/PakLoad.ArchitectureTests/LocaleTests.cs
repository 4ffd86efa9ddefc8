using System.Text.Json;
using System.Text.RegularExpressions;

namespace PakLoad.ArchitectureTests;

/// <summary>Every word a user sees lives in locales/, in all three languages, with the same placeholders.</summary>
public sealed partial class LocaleTests
{
    public static readonly string[] Locales = ["en", "ur", "ur-Latn"];

    /// <summary>GSM 03.38 basic set plus its extension table (each extension character costs two septets).</summary>
    private const string Gsm7 =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
        + "^{}\\[~]|€\f";

    internal static Dictionary<string, string> Load(string locale)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Repository.PathTo("locales", locale + ".json")));
        var into = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(document.RootElement, string.Empty, into);
        return into;
    }

    public static TheoryData<string> OtherLocales => new() { "ur", "ur-Latn" };

    public static TheoryData<string> Gsm7Locales => new() { "en", "ur-Latn" };

    [Theory]
    [MemberData(nameof(OtherLocales))]
    public void Keys_OfEveryLocale_MatchEnglish(string locale)
    {
        var english = Load("en").Keys.ToHashSet(StringComparer.Ordinal);
        var other = Load(locale).Keys.ToHashSet(StringComparer.Ordinal);

        Assert.Empty(english.Except(other));
        Assert.Empty(other.Except(english));
    }

    [Theory]
    [MemberData(nameof(OtherLocales))]
    public void Placeholders_OfEveryKey_MatchEnglish(string locale)
    {
        var english = Load("en");
        var other = Load(locale);

        var mismatched = english.Keys.Where(other.ContainsKey)
            .Where(k => !Placeholders(english[k]).SetEquals(Placeholders(other[k])))
            .Select(k => $"{k}: en {{{string.Join(",", Placeholders(english[k]))}}} vs {locale} {{{string.Join(",", Placeholders(other[k]))}}}")
            .ToList();

        Assert.Empty(mismatched);
    }

    [Theory]
    [MemberData(nameof(Gsm7Locales))]
    public void Texts_OfLatinLocales_AreGsm7(string locale)
    {
        var offending = Load(locale)
            .Where(t => t.Value.Any(c => !Gsm7.Contains(c, StringComparison.Ordinal)))
            .Select(t => $"{t.Key}: '{string.Concat(t.Value.Where(c => !Gsm7.Contains(c, StringComparison.Ordinal)).Distinct())}'")
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void Texts_OfUrdu_AreWrittenInUrduScript()
    {
        // USSD screens are GSM-7 for everyone (an Urdu user reads Roman Urdu there); a template of placeholders
        // only ("{ref} {from}-{to}") has no words of its own.
        var latinOnly = Load("ur")
            .Where(t => !t.Key.EndsWith("@ussd", StringComparison.Ordinal))
            .Where(t => System.Text.RegularExpressions.Regex.Replace(t.Value, "{[a-z_]+}", string.Empty).Any(char.IsLetter))
            .Where(t => !t.Value.Any(c => c is >= '\u0600' and <= '\u06FF'))
            .Select(t => t.Key)
            .ToList();

        Assert.Empty(latinOnly);
    }

    [Theory]
    [MemberData(nameof(AllLocales))]
    public void Texts_ForUssd_AreGsm7InEveryLocale(string locale)
    {
        var offending = Load(locale)
            .Where(t => t.Key.EndsWith("@ussd", StringComparison.Ordinal))
            .Where(t => t.Value.Any(c => !Gsm7.Contains(c, StringComparison.Ordinal)))
            .Select(t => t.Key)
            .ToList();

        Assert.Empty(offending);
    }

    [Theory]
    [MemberData(nameof(AllLocales))]
    public void Texts_NoValue_IsEmpty(string locale) =>
        Assert.Empty(Load(locale).Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => t.Key));

    public static TheoryData<string> AllLocales => new() { "en", "ur", "ur-Latn" };

    /// <summary>Every locale key the code names (a string literal under a top-level locale section) exists.</summary>
    [Fact]
    public void Keys_NamedInSourceCode_ExistInEnglish()
    {
        var english = Load("en");
        var sections = english.Keys.Select(k => k.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Repository.PathTo("src"), "*.cs*", SearchOption.AllDirectories)
                     .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            foreach (Match match in KeyLiteral().Matches(File.ReadAllText(file)))
            {
                var key = match.Groups[1].Value;
                if (sections.Contains(key.Split('.')[0]) && !english.ContainsKey(key))
                {
                    missing.Add($"{Path.GetRelativePath(Repository.Root, file)}: {key}");
                }
            }
        }

        Assert.Empty(missing);
    }

    private static HashSet<string> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string> into)
    {
        foreach (var property in element.EnumerateObject())
        {
            var key = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Flatten(property.Value, key, into);
            }
            else
            {
                into[key] = property.Value.GetString() ?? string.Empty;
            }
        }
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9_]*)\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"""([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)""")]
    private static partial Regex KeyLiteral();
}
