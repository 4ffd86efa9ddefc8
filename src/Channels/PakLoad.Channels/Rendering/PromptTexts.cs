using System.Text;
using System.Text.RegularExpressions;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Localization;
using PakLoad.Core.Places;

using CoreLanguage = PakLoad.Core.Common.Language;

namespace PakLoad.Channels.Rendering;

/// <summary>A prompt's words for one language and channel: the body and the option titles, placeholders filled.</summary>
public sealed record PromptWords(string Body, IReadOnlyList<(string Id, string Title)> Options, PromptExpects Expects);

/// <summary>
/// Turns prompts (locale keys and arguments) into words. The engine localises arguments for the session's
/// language; when a channel cannot carry Urdu script (USSD, long SMS) the Roman Urdu template is used and Urdu
/// arguments are taken back to Roman Urdu where we know them (city names, rupees).
/// </summary>
public sealed partial class PromptTexts(LocaleCatalog locales, Gazetteer gazetteer)
{
    private readonly Dictionary<string, string> _romanCities = gazetteer.All
        .GroupBy(p => p.NameUr, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().NameUrLatn, StringComparer.Ordinal);

    public static PromptTexts Default { get; } = new(LocaleCatalog.Default, Gazetteer.Default);

    public LocaleCatalog Locales => locales;

    public PromptWords Words(Prompt prompt, CoreLanguage language, string? channel, bool roman = false)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var templateLanguage = roman && language == CoreLanguage.Ur ? CoreLanguage.UrLatn : language;
        var body = Fill(locales.Template(prompt.Key, templateLanguage, channel), prompt.Args, roman);
        var options = prompt.Options
            .Select(o => (o.Id, Fill(locales.Template(o.Key, templateLanguage, channel), o.Args, roman)))
            .ToList();
        return new PromptWords(body, options, prompt.Expects);
    }

    public string Text(string key, CoreLanguage language, string? channel, bool roman = false) =>
        locales.Template(key, roman && language == CoreLanguage.Ur ? CoreLanguage.UrLatn : language, channel);

    private string Fill(string template, IReadOnlyList<PromptArg> args, bool roman)
    {
        if (args.Count == 0)
        {
            return template;
        }

        var text = new StringBuilder(template);
        foreach (var arg in args)
        {
            text.Replace("{" + arg.Name + "}", roman ? Romanise(arg.Value) : arg.Value);
        }

        return text.ToString();
    }

    /// <summary>Urdu-script values we can spell in Roman Urdu: city names, rupees, Urdu punctuation.</summary>
    public string Romanise(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Gsm7.CanEncode(value))
        {
            return value;
        }

        if (_romanCities.TryGetValue(value.Trim(), out var city))
        {
            return city;
        }

        var text = UrduWord().Replace(value, m => _romanCities.TryGetValue(m.Value, out var c) ? c : m.Value);
        text = text.Replace("روپے", "rupay", StringComparison.Ordinal)
            .Replace("ٹن", "ton", StringComparison.Ordinal)
            .Replace("کلو", "kg", StringComparison.Ordinal)
            .Replace('،', ',')
            .Replace('۔', '.')
            .Replace('؟', '?');
        return text;
    }

    [GeneratedRegex(@"[\u0600-\u06FF]+", RegexOptions.CultureInvariant)]
    private static partial Regex UrduWord();
}
