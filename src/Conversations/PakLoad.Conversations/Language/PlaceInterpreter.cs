using PakLoad.Core.Common;
using PakLoad.Core.Places;

namespace PakLoad.Conversations.Language;

/// <summary>How a place was read: by a listed spelling, by a close misspelling, or not decidable.</summary>
public enum PlaceMatchKind
{
    None,
    Exact,
    Fuzzy,
    Ambiguous,
}

/// <summary>Tokens [Start, Start + Length) of a normalised message.</summary>
public readonly record struct TokenSpan(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>
/// A place read from tokens. <see cref="Place"/> is set for Exact and Fuzzy; <see cref="Candidates"/> holds the
/// tied cities when Ambiguous (the flow asks which one; we never guess silently).
/// </summary>
public readonly record struct PlaceMatch(PlaceMatchKind Kind, PlaceId? Place, IReadOnlyList<PlaceId> Candidates, TokenSpan Span, int Distance)
{
    public static PlaceMatch None { get; } = new(PlaceMatchKind.None, null, [], default, 0);

    public bool IsFound => Kind != PlaceMatchKind.None;
}

/// <summary>
/// Finds gazetteer cities in tokens, including multi-token names ("dera ghazi khan", "ڈیرہ غازی خان") by their
/// <see cref="TextFold.Key"/> (spaces do not count, so "d g khan" and "dg khan" agree). Misspellings go through
/// Damerau–Levenshtein (optimal string alignment) against every spelling of the same token count: distance ≤ 1
/// for keys of 5 letters or fewer, ≤ 2 for longer. Words shorter than 4 letters, words with digits and
/// lexicon words ("se", "kal", "gari") are never fuzzy-matched, so connectors do not turn into cities.
/// The indexes are built once; a lookup allocates nothing unless it finds a place.
/// </summary>
public sealed class PlaceInterpreter
{
    private const int MinFuzzyLength = 4;

    private readonly WordLexicon _lexicon;
    private readonly PhraseIndex<PlaceId> _exact;

    /// <summary>Fuzzy candidates by token count, then key length: [tokens][length] → (key, place).</summary>
    private readonly (string Key, PlaceId Place)[][][] _fuzzy;

    public PlaceInterpreter(Gazetteer gazetteer, WordLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        _lexicon = lexicon ?? throw new ArgumentNullException(nameof(lexicon));
        var spellings = gazetteer.All.SelectMany(p => p.Spellings().Select(s => (Spelling: s, p.Id))).ToArray();
        _exact = PhraseIndex<PlaceId>.Build(
            spellings.Select(s => (s.Spelling, s.Id)),
            joinWithSpace: false,
            spellings.Select(s => (TextFold.Key(s.Spelling), s.Id)));

        var fuzzy = new List<(int Tokens, string Key, PlaceId Place)>();
        foreach (var (spelling, id) in spellings)
        {
            var tokens = Normalizer.Normalize(spelling).Tokens;
            var key = string.Concat(tokens.Select(TokenKey.Fold));
            if (tokens.Count > 0 && key.Length >= MinFuzzyLength && key.Length < TokenKey.MaxLength && !fuzzy.Contains((tokens.Count, key, id)))
            {
                fuzzy.Add((tokens.Count, key, id));
            }
        }

        var maxTokens = Math.Max(_exact.MaxTokens, fuzzy.Count == 0 ? 1 : fuzzy.Max(f => f.Tokens));
        _fuzzy = new (string, PlaceId)[maxTokens + 1][][];
        for (var n = 0; n <= maxTokens; n++)
        {
            _fuzzy[n] = new (string, PlaceId)[TokenKey.MaxLength + 1][];
            for (var length = 0; length <= TokenKey.MaxLength; length++)
            {
                _fuzzy[n][length] = fuzzy.Where(f => f.Tokens == n && f.Key.Length == length).Select(f => (f.Key, f.Place)).ToArray();
            }
        }
    }

    public static PlaceInterpreter Default { get; } = new(Gazetteer.Default, WordLexicon.Default);

    // The last message read on this thread: a turn asks for its route, then its single city, then a slot's city,
    // all over the same token list (a message's tokens are never changed once normalised).
    [ThreadStatic]
    private static (PlaceInterpreter Owner, IReadOnlyList<string> Tokens, IReadOnlyList<PlaceMatch> Found)? t_last;

    /// <summary>The first place in the message (for a one-city slot such as "which city?").</summary>
    public PlaceMatch Interpret(IReadOnlyList<string> tokens)
    {
        var found = FindAll(tokens);
        return found.Count > 0 ? found[0] : PlaceMatch.None;
    }

    /// <summary>Every place in the message, left to right, without overlaps (the fuzzy search runs once per message).</summary>
    public IReadOnlyList<PlaceMatch> FindAll(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (t_last is { } last && ReferenceEquals(last.Owner, this) && ReferenceEquals(last.Tokens, tokens))
        {
            return last.Found;
        }

        var all = Scan(tokens);
        t_last = (this, tokens, all);
        return all;
    }

    private PlaceMatch[] Scan(IReadOnlyList<string> tokens)
    {
        List<PlaceMatch>? found = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var match = MatchAt(tokens, i);
            if (match.IsFound)
            {
                (found ??= []).Add(match);
                i = match.Span.End - 1;
            }
        }

        return found is null ? [] : [.. found];
    }

    /// <summary>The place starting at token <paramref name="start"/>: the longest exact spelling, else the longest fuzzy one.</summary>
    public PlaceMatch MatchAt(IReadOnlyList<string> tokens, int start)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (start < 0 || start >= tokens.Count)
        {
            return PlaceMatch.None;
        }

        if (_exact.TryMatch(tokens, start, out var id, out var length))
        {
            return new PlaceMatch(PlaceMatchKind.Exact, id, [], new TokenSpan(start, length), 0);
        }

        Span<char> buffer = stackalloc char[TokenKey.MaxLength];
        for (var count = Math.Min(_fuzzy.Length - 1, tokens.Count - start); count >= 1; count--)
        {
            if (!Fuzzable(tokens, start, count))
            {
                continue;
            }

            var written = TokenKey.Window(tokens, start, count, joinWithSpace: false, buffer);
            if (written < MinFuzzyLength)
            {
                continue;
            }

            var match = Fuzzy(buffer[..written], count, new TokenSpan(start, count));
            if (match.IsFound)
            {
                return match;
            }
        }

        return PlaceMatch.None;
    }

    private bool Fuzzable(IReadOnlyList<string> tokens, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            var token = tokens[i];
            if (token.AsSpan().IndexOfAnyInRange('0', '9') >= 0 || _lexicon.IsWord(token))
            {
                return false;
            }
        }

        // A lone token must itself be long enough; short function words stay out of fuzzy matching.
        return count > 1 || tokens[start].Length >= MinFuzzyLength;
    }

    private PlaceMatch Fuzzy(ReadOnlySpan<char> key, int tokenCount, TokenSpan span)
    {
        var limit = key.Length <= 5 ? 1 : 2;
        var best = limit + 1;
        PlaceId? first = null;
        PlaceId? second = null;
        var byLength = _fuzzy[tokenCount];
        for (var length = Math.Max(0, key.Length - limit); length <= Math.Min(TokenKey.MaxLength, key.Length + limit); length++)
        {
            foreach (var (candidate, place) in byLength[length])
            {
                var distance = Distance(key, candidate, Math.Min(best, limit));
                if (distance < best)
                {
                    best = distance;
                    first = place;
                    second = null;
                }
                else if (distance == best && first is { } f && f != place && second is null)
                {
                    second = place;
                }
            }
        }

        if (first is not { } winner || best > limit)
        {
            return PlaceMatch.None;
        }

        return second is { } other
            ? new PlaceMatch(PlaceMatchKind.Ambiguous, null, [winner, other], span, best)
            : new PlaceMatch(PlaceMatchKind.Fuzzy, winner, [], span, best);
    }

    /// <summary>Optimal-string-alignment distance, or <paramref name="cap"/> + 1 once it must exceed the cap.</summary>
    internal static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int cap)
    {
        if (Math.Abs(a.Length - b.Length) > cap)
        {
            return cap + 1;
        }

        var width = b.Length + 1;
        Span<int> rows = width * 3 <= 512 ? stackalloc int[width * 3] : new int[width * 3];
        var previous2 = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > cap)
            {
                return cap + 1;
            }

            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }

        return Math.Min(previous[b.Length], cap + 1);
    }
}
