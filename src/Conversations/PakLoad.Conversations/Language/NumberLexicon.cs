using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using PakLoad.Core.Loads;

namespace PakLoad.Conversations.Language;

/// <summary>What a number word does inside a number phrase.</summary>
public enum NumberWordKind
{
    /// <summary>A whole value 0–99 (ek, بیس, twenty).</summary>
    Value,

    /// <summary>A stand-alone fractional value (dedh 1.5, dhai 2.5, aadha 0.5).</summary>
    Fraction,

    /// <summary>Multiplies the group before it by 100 (sau, سو, hundred).</summary>
    Hundred,

    /// <summary>Thousand and above (hazar, lakh, crore, million).</summary>
    Multiplier,

    /// <summary>A multiplier only when glued to or right after digits ("85k", "85 k").</summary>
    DigitMultiplier,

    /// <summary>Added to the number that follows (saade +0.5, sawa +0.25, paune −0.25).</summary>
    Prefix,

    /// <summary>"and"/"aur" between parts of one number.</summary>
    Connector,
}

/// <summary>One spelling of a number word. <see cref="IsWeak"/>: a number only beside a multiplier, unit or currency.</summary>
public readonly record struct NumberWord(NumberWordKind Kind, decimal Value, bool IsWeak, bool IsEnglish);

/// <summary>
/// The number, currency and weight-unit words of <c>locales/lexicon/numbers.json</c>, keyed by their normalised
/// spelling so that interpreters look tokens up as they come out of <see cref="Normalizer"/>.
/// </summary>
public sealed class NumberLexicon
{
    public const string ResourceName = "PakLoad.Lexicon.numbers.json";

    private static readonly Lazy<NumberLexicon> Embedded = new(LoadEmbedded);

    private readonly FrozenDictionary<string, NumberWord> _words;
    private readonly FrozenDictionary<string, NumberWord>.AlternateLookup<ReadOnlySpan<char>> _wordSpans;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _currency;
    private readonly FrozenDictionary<string, WeightUnit>.AlternateLookup<ReadOnlySpan<char>> _units;

    private NumberLexicon(
        Dictionary<string, NumberWord> words, HashSet<string> currency, Dictionary<string, WeightUnit> units)
    {
        _words = words.ToFrozenDictionary(StringComparer.Ordinal);
        _wordSpans = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        _currency = currency.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _units = units.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        Count = _words.Count;
    }

    /// <summary>The lexicon embedded in this assembly.</summary>
    public static NumberLexicon Default => Embedded.Value;

    /// <summary>How many number spellings are known (after normalisation and de-duplication).</summary>
    public int Count { get; }

    public bool TryGetWord(string token, out NumberWord word) => _words.TryGetValue(token, out word);

    public bool TryGetWord(ReadOnlySpan<char> token, out NumberWord word) => _wordSpans.TryGetValue(token, out word);

    public bool IsCurrency(ReadOnlySpan<char> token) => _currency.Contains(token);

    public bool TryGetWeightUnit(ReadOnlySpan<char> token, out WeightUnit unit) => _units.TryGetValue(token, out unit);

    /// <summary>Reads a lexicon in the numbers.json shape; a malformed or self-contradicting file is a startup bug.</summary>
    public static NumberLexicon Parse(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var weak = ReadSet(root, "weak");
        var english = ReadSet(root, "english");
        var words = new Dictionary<string, NumberWord>(StringComparer.Ordinal);

        void AddValued(string section, NumberWordKind kind)
        {
            foreach (var entry in root.GetProperty(section).EnumerateObject())
            {
                var value = decimal.Parse(entry.Name, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                foreach (var form in entry.Value.EnumerateArray())
                {
                    var key = Key(form.GetString());
                    Add(words, key, new NumberWord(kind, value, weak.Contains(key), english.Contains(key)));
                }
            }
        }

        AddValued("values", NumberWordKind.Value);
        AddValued("fractions", NumberWordKind.Fraction);
        AddValued("multipliers", NumberWordKind.Multiplier);
        AddValued("digitMultipliers", NumberWordKind.DigitMultiplier);
        AddValued("prefixes", NumberWordKind.Prefix);
        foreach (var key in ReadSet(root, "hundreds"))
        {
            Add(words, key, new NumberWord(NumberWordKind.Hundred, 100, weak.Contains(key), english.Contains(key)));
        }

        foreach (var key in ReadSet(root, "connectors"))
        {
            Add(words, key, new NumberWord(NumberWordKind.Connector, 0, IsWeak: false, english.Contains(key)));
        }

        var units = new Dictionary<string, WeightUnit>(StringComparer.Ordinal);
        foreach (var entry in root.GetProperty("weightUnits").EnumerateObject())
        {
            var unit = Enum.Parse<WeightUnit>(entry.Name);
            foreach (var form in entry.Value.EnumerateArray())
            {
                units[Key(form.GetString())] = unit;
            }
        }

        return new NumberLexicon(words, ReadSet(root, "currency"), units);
    }

    private static NumberLexicon LoadEmbedded()
    {
        var assembly = typeof(NumberLexicon).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from {assembly.GetName().Name}.");
        return Parse(stream);
    }

    private static void Add(Dictionary<string, NumberWord> words, string key, NumberWord word)
    {
        if (words.TryGetValue(key, out var existing) && existing != word)
        {
            throw new InvalidDataException($"numbers.json gives '{key}' two meanings: {existing} and {word}.");
        }

        words[key] = word;
    }

    private static HashSet<string> ReadSet(JsonElement root, string section)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var form in root.GetProperty(section).EnumerateArray())
        {
            set.Add(Key(form.GetString()));
        }

        return set;
    }

    /// <summary>Lexicon spellings go through the same normaliser as messages (آٹھ loses its madda, ئ its hamza).</summary>
    private static string Key(string? form)
    {
        var normalized = Normalizer.Normalize(form);
        return normalized.Tokens.Count == 1
            ? normalized.Tokens[0]
            : throw new InvalidDataException($"numbers.json spelling '{form}' is not exactly one token.");
    }
}
