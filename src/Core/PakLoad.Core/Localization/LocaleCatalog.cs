using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using PakLoad.Core.Common;

namespace PakLoad.Core.Localization;

/// <summary>
/// Every word a user sees, loaded from locales/{en,ur,ur-Latn}.json (embedded at build). Keys are dotted
/// paths; a key may have per-channel overrides written "key@ussd" beside it. Placeholders are {name}.
/// </summary>
public sealed partial class LocaleCatalog
{
    private readonly FrozenDictionary<Language, FrozenDictionary<string, string>> _texts;

    public LocaleCatalog(IReadOnlyDictionary<Language, IReadOnlyDictionary<string, string>> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        _texts = texts.ToFrozenDictionary(t => t.Key, t => t.Value.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public static LocaleCatalog Default { get; } = LoadEmbedded();

    public IReadOnlyCollection<string> Keys(Language language) =>
        _texts.TryGetValue(language, out var texts) ? texts.Keys : [];

    public bool Contains(string key, Language language) =>
        _texts.TryGetValue(language, out var texts) && texts.ContainsKey(key);

    /// <summary>The raw template: the channel override when there is one, else the plain key, else English.</summary>
    public string Template(string key, Language language, string? channel = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (var lang in language == Language.En ? [Language.En] : new[] { language, Language.En })
        {
            if (!_texts.TryGetValue(lang, out var texts))
            {
                continue;
            }

            if (channel is not null && texts.TryGetValue($"{key}@{channel}", out var overridden))
            {
                return overridden;
            }

            if (texts.TryGetValue(key, out var text))
            {
                return text;
            }
        }

        return key;
    }

    public string Format(string key, Language language, params (string Name, string Value)[] args) =>
        Fill(Template(key, language), args.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal));

    public string Format(Error error, Language language, string? channel = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Fill(Template(error.Key, language, channel), error.Args);
    }

    public static IReadOnlySet<string> Placeholders(string template) =>
        PlaceholderPattern().Matches(template).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Flattens a locale document ({"errors":{"phone":{"invalid":"…"}}}) into dotted keys.</summary>
    public static IReadOnlyDictionary<string, string> Flatten(JsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(document.RootElement, string.Empty, result);
        return result;
    }

    private static void Walk(JsonElement element, string prefix, Dictionary<string, string> into)
    {
        foreach (var property in element.EnumerateObject())
        {
            var key = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Walk(property.Value, key, into);
            }
            else
            {
                into[key] = property.Value.GetString() ?? string.Empty;
            }
        }
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string> args) =>
        args.Count == 0
            ? template
            : PlaceholderPattern().Replace(template, m => args.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    private static LocaleCatalog LoadEmbedded()
    {
        var assembly = typeof(LocaleCatalog).Assembly;
        var texts = new Dictionary<Language, IReadOnlyDictionary<string, string>>();
        foreach (var language in LanguageCodes.All)
        {
            using var stream = OpenEmbedded(assembly, $"PakLoad.Locales.{language.ToCode()}.json");
            using var document = JsonDocument.Parse(stream);
            texts[language] = Flatten(document);
        }

        return new LocaleCatalog(texts);
    }

    internal static Stream OpenEmbedded(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"Embedded resource {name} is missing from {assembly.GetName().Name}.");

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}
