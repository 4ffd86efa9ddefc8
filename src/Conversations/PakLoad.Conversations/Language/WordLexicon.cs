using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PakLoad.Conversations.Language;

/// <summary>What a date word means; <see cref="DateWordKind.Kal"/> and <see cref="DateWordKind.Parson"/> depend on the slot.</summary>
public enum DateWordKind
{
    Today,
    Tomorrow,
    Yesterday,
    Kal,
    Parson,
    DayAfterTomorrow,
    Next,
    Ambiguous,
    Weekday,
}

/// <summary>A date word of the lexicon; <see cref="Day"/> only matters for <see cref="DateWordKind.Weekday"/>.</summary>
public readonly record struct DateWord(DateWordKind Kind, DayOfWeek Day);

/// <summary>Whether a word answers yes or no.</summary>
public enum Answer
{
    Unknown,
    Yes,
    No,
}

/// <summary>The role a route connector gives the city next to it, and on which side of the city it stands.</summary>
public enum RouteMarker
{
    OriginBefore,
    DestinationBefore,
    OriginAfter,
    DestinationAfter,
}

/// <summary>
/// The everyday words of locales/lexicon/words.json (dates, yes/no, route connectors), indexed for lookups
/// over normalised tokens. Every entry goes through <see cref="Normalizer"/> at load, so the lexicon and the
/// messages are folded the same way and the JSON can be written the way people type.
/// </summary>
public sealed class WordLexicon
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        NumberHandling = JsonNumberHandling.Strict,
    };

    private readonly FrozenSet<string> _known;
    private readonly FrozenSet<string> _symbolYes;
    private readonly FrozenSet<string> _symbolNo;

    private WordLexicon(LexiconFile file)
    {
        var dates = new List<(string, DateWord)>();
        void AddDates(string[]? words, DateWordKind kind, DayOfWeek day = DayOfWeek.Sunday)
        {
            foreach (var word in words ?? [])
            {
                dates.Add((word, new DateWord(kind, day)));
            }
        }

        var d = file.Dates ?? throw new InvalidOperationException("words.json has no dates.");
        AddDates(d.Today, DateWordKind.Today);
        AddDates(d.Tomorrow, DateWordKind.Tomorrow);
        AddDates(d.Yesterday, DateWordKind.Yesterday);
        AddDates(d.Kal, DateWordKind.Kal);
        AddDates(d.Parson, DateWordKind.Parson);
        AddDates(d.DayAfterTomorrow, DateWordKind.DayAfterTomorrow);
        AddDates(d.Next, DateWordKind.Next);
        AddDates(d.Ambiguous, DateWordKind.Ambiguous);
        foreach (var (name, words) in d.Weekdays ?? [])
        {
            AddDates(words, DateWordKind.Weekday, Enum.Parse<DayOfWeek>(name, ignoreCase: true));
        }

        Dates = PhraseIndex<DateWord>.Build(dates, joinWithSpace: true);
        Answers = PhraseIndex<Answer>.Build(
            (file.Yes ?? []).Select(w => (w, Answer.Yes)).Concat((file.No ?? []).Select(w => (w, Answer.No))), joinWithSpace: true);
        var r = file.Route ?? throw new InvalidOperationException("words.json has no route.");
        RouteMarkers = PhraseIndex<RouteMarker>.Build(
            (r.OriginBefore ?? []).Select(w => (w, RouteMarker.OriginBefore))
                .Concat((r.DestinationBefore ?? []).Select(w => (w, RouteMarker.DestinationBefore)))
                .Concat((r.OriginAfter ?? []).Select(w => (w, RouteMarker.OriginAfter)))
                .Concat((r.DestinationAfter ?? []).Select(w => (w, RouteMarker.DestinationAfter))),
            joinWithSpace: true);

        _symbolYes = (file.SymbolYes ?? []).Select(s => Normalizer.Normalize(s).Text).ToFrozenSet(StringComparer.Ordinal);
        _symbolNo = (file.SymbolNo ?? []).Select(s => Normalizer.Normalize(s).Text).ToFrozenSet(StringComparer.Ordinal);
        _known = dates.Select(x => x.Item1)
            .Concat(file.Yes ?? []).Concat(file.No ?? [])
            .Concat(r.OriginBefore ?? []).Concat(r.DestinationBefore ?? []).Concat(r.OriginAfter ?? []).Concat(r.DestinationAfter ?? [])
            .Concat(file.NeverPlaces ?? [])
            .SelectMany(w => Normalizer.Normalize(w).Tokens)
            .Select(t => TokenKey.Fold(t))
            .ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The lexicon embedded from locales/lexicon/words.json.</summary>
    public static WordLexicon Default { get; } = Load(OpenEmbedded());

    internal PhraseIndex<DateWord> Dates { get; }

    internal PhraseIndex<Answer> Answers { get; }

    internal PhraseIndex<RouteMarker> RouteMarkers { get; }

    public static WordLexicon Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var file = JsonSerializer.Deserialize<LexiconFile>(json, Options)
                   ?? throw new InvalidOperationException("words.json is empty.");
        return new WordLexicon(file);
    }

    /// <summary>True when a token is a lexicon word (or listed as never a place), so fuzzy matching leaves it alone.</summary>
    public bool IsWord(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        Span<char> buffer = stackalloc char[TokenKey.MaxLength];
        var length = TokenKey.Append(token, buffer);
        return length > 0 && _known.GetAlternateLookup<ReadOnlySpan<char>>().Contains(buffer[..length]);
    }

    /// <summary>The answer of a message made only of a symbol ("👍"), which the tokenizer drops.</summary>
    internal Answer SymbolAnswer(string text) =>
        _symbolYes.Contains(text) ? Answer.Yes : _symbolNo.Contains(text) ? Answer.No : Answer.Unknown;

    private static Stream OpenEmbedded() =>
        typeof(WordLexicon).Assembly.GetManifestResourceStream("PakLoad.Lexicon.words.json")
        ?? throw new InvalidOperationException("Embedded resource PakLoad.Lexicon.words.json is missing.");

    private sealed record LexiconFile(
        DatesRow? Dates, string[]? Yes, string[]? No, string[]? SymbolYes, string[]? SymbolNo, RouteRow? Route, string[]? NeverPlaces);

    private sealed record DatesRow(
        string[]? Today,
        string[]? Tomorrow,
        string[]? Yesterday,
        string[]? Kal,
        string[]? Parson,
        string[]? DayAfterTomorrow,
        string[]? Next,
        string[]? Ambiguous,
        Dictionary<string, string[]>? Weekdays);

    private sealed record RouteRow(string[]? OriginBefore, string[]? DestinationBefore, string[]? OriginAfter, string[]? DestinationAfter);
}

/// <summary>
/// Finishes folding a normalised token to the form of <see cref="PakLoad.Core.Common.TextFold.Key"/>: letters
/// and digits only, do-chashmi heh as heh goal (Arabic keyboards type one for the other).
/// </summary>
internal static class TokenKey
{
    /// <summary>Longer phrases are never lexicon entries or names; lookups of them are skipped.</summary>
    public const int MaxLength = 96;

    /// <summary>Appends the folded token to <paramref name="destination"/>; returns the count written, or -1 when it does not fit.</summary>
    public static int Append(ReadOnlySpan<char> token, Span<char> destination)
    {
        var written = 0;
        foreach (var raw in token)
        {
            if (!char.IsLetterOrDigit(raw))
            {
                continue;
            }

            if (written == destination.Length)
            {
                return -1;
            }

            destination[written++] = raw == '\u06BE' ? '\u06C1' : raw;
        }

        return written;
    }

    public static string Fold(string token)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        var length = Append(token, buffer);
        return length < 0 ? token : new string(buffer[..length]);
    }

    /// <summary>The key of tokens[start..start+count], joined by spaces or not; -1 when it does not fit.</summary>
    public static int Window(IReadOnlyList<string> tokens, int start, int count, bool joinWithSpace, Span<char> destination)
    {
        var written = 0;
        for (var i = start; i < start + count; i++)
        {
            if (joinWithSpace && i > start)
            {
                if (written == destination.Length)
                {
                    return -1;
                }

                destination[written++] = ' ';
            }

            var n = Append(tokens[i], destination[written..]);
            if (n < 0)
            {
                return -1;
            }

            written += n;
        }

        return written;
    }
}

/// <summary>Phrases of one or more tokens, found longest-first at a token position without allocating.</summary>
internal sealed class PhraseIndex<T>
{
    private readonly FrozenDictionary<string, T> _map;
    private readonly bool _joinWithSpace;

    private PhraseIndex(FrozenDictionary<string, T> map, int maxTokens, bool joinWithSpace)
    {
        _map = map;
        MaxTokens = maxTokens;
        _joinWithSpace = joinWithSpace;
    }

    public int MaxTokens { get; }

    /// <summary>
    /// Indexes each phrase by its normalised tokens. With <paramref name="joinWithSpace"/> false, tokens are
    /// concatenated like gazetteer keys ("d g khan" = "dg khan"); extra keys may be given already folded.
    /// </summary>
    public static PhraseIndex<T> Build(IEnumerable<(string Phrase, T Value)> phrases, bool joinWithSpace, IEnumerable<(string Key, T Value)>? extraKeys = null)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        var maxTokens = 1;
        Span<char> buffer = stackalloc char[TokenKey.MaxLength];
        foreach (var (phrase, value) in phrases)
        {
            var tokens = Normalizer.Normalize(phrase).Tokens;
            var length = tokens.Count == 0 ? -1 : TokenKey.Window(tokens, 0, tokens.Count, joinWithSpace, buffer);
            if (length <= 0)
            {
                continue;
            }

            map.TryAdd(new string(buffer[..length]), value); // first listed wins; the lexicon owners keep lists disjoint
            maxTokens = Math.Max(maxTokens, tokens.Count);
        }

        foreach (var (key, value) in extraKeys ?? [])
        {
            if (key.Length > 0)
            {
                map.TryAdd(key, value);
            }
        }

        return new PhraseIndex<T>(map.ToFrozenDictionary(StringComparer.Ordinal), maxTokens, joinWithSpace);
    }

    /// <summary>The longest phrase starting at <paramref name="start"/>; <paramref name="length"/> is its token count.</summary>
    public bool TryMatch(IReadOnlyList<string> tokens, int start, out T value, out int length)
    {
        var lookup = _map.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buffer = stackalloc char[TokenKey.MaxLength];
        for (var count = Math.Min(MaxTokens, tokens.Count - start); count >= 1; count--)
        {
            var written = TokenKey.Window(tokens, start, count, _joinWithSpace, buffer);
            if (written > 0 && lookup.TryGetValue(buffer[..written], out var found))
            {
                value = found;
                length = count;
                return true;
            }
        }

        value = default!;
        length = 0;
        return false;
    }
}
