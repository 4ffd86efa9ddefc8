namespace PakLoad.Conversations.Language;

/// <summary>What a number phrase was made of; interpreters use it to judge how sure a reading is.</summary>
[Flags]
public enum NumberTraits
{
    None = 0,

    /// <summary>Contains digits ("20", "1,20,000").</summary>
    Digits = 1,

    /// <summary>Contains number words (bees, twenty, بیس).</summary>
    Words = 2,

    /// <summary>Scaled by thousand or more (k, hazar, lakh, crore, million).</summary>
    Magnitude = 4,

    /// <summary>Scaled by a hundred (sau).</summary>
    Hundred = 8,

    /// <summary>Only an ambiguous word (do, no, so …): a number only if a unit, multiplier or currency says so.</summary>
    Weak = 16,

    /// <summary>Uses a fraction word (dedh, dhai, saade, sawa, paune, aadha).</summary>
    Fraction = 32,

    /// <summary>Digits with thousands separators ("85,000", "1,20,000").</summary>
    Grouped = 64,
}

/// <summary>
/// A number phrase found in a token list: its value, the tokens it spans, and, when the last token had letters
/// glued after the digits ("20t", "500kg"), where that suffix starts in the last token (otherwise −1).
/// </summary>
public readonly record struct NumberMatch(decimal Value, int Start, int Length, NumberTraits Traits, int SuffixStart)
{
    public int End => Start + Length;

    public bool HasSuffix => SuffixStart >= 0;

    public bool Is(NumberTraits trait) => (Traits & trait) != 0;

    /// <summary>The letters glued after the digits of the last token ("t" in "20t"), or empty.</summary>
    public ReadOnlySpan<char> Suffix(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return HasSuffix ? tokens[End - 1].AsSpan(SuffixStart) : [];
    }
}

/// <summary>
/// Finds number phrases in normalised tokens: digits ("1,20,000", "1.5", "120k"), Urdu and Roman Urdu words
/// (fused 0–99, sau, hazar, lakh, crore, dedh, dhai, saade, sawa, paune), English words, and mixtures
/// ("1 کروڑ 49 لاکھ 10 ہزار 352"). A token loop over a frozen lexicon: no regex, no allocation per token,
/// and never an exception for any input.
/// </summary>
public sealed class NumberInterpreter(NumberLexicon lexicon)
{
    private const int MaxWholeDigits = 15;
    private const int MaxFractionDigits = 6;

    private static readonly decimal[] PowersOfTen = [1m, 10m, 100m, 1_000m, 10_000m, 100_000m, 1_000_000m];

    public static NumberInterpreter Default { get; } = new(NumberLexicon.Default);

    public NumberLexicon Lexicon { get; } = lexicon ?? throw new ArgumentNullException(nameof(lexicon));

    /// <summary>All number phrases, in order (allocates the list; engines on the hot path use <see cref="TryMatchNext"/>).</summary>
    public IReadOnlyList<NumberMatch> FindAll(NormalizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var matches = new List<NumberMatch>();
        var position = 0;
        while (TryMatchNext(text.Tokens, ref position, out var match))
        {
            matches.Add(match);
        }

        return matches;
    }

    /// <summary>
    /// The next number phrase at or after <paramref name="position"/>, which moves past it. Phone numbers
    /// ("0300 1234567", "03001234567") are stepped over: they are never a weight or a rate.
    /// </summary>
    public bool TryMatchNext(IReadOnlyList<string> tokens, ref int position, out NumberMatch match)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        while (position >= 0 && position < tokens.Count)
        {
            var token = tokens[position];
            if (IsPhoneLike(token))
            {
                position += position + 1 < tokens.Count && IsPhoneTail(tokens[position + 1]) ? 2 : 1;
                continue;
            }

            if (TryMatchAt(tokens, position, out match))
            {
                position = match.End;
                return true;
            }

            position++;
        }

        match = default;
        return false;
    }

    /// <summary>The longest number phrase starting exactly at <paramref name="start"/>.</summary>
    public bool TryMatchAt(IReadOnlyList<string> tokens, int start, out NumberMatch match)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        match = default;
        if (start < 0 || start >= tokens.Count)
        {
            return false;
        }

        decimal total = 0, group = 0, lastBig = decimal.MaxValue;
        bool groupHasUnits = false, groupHasHundred = false, lastWasDigits = false, lastWasEnglishTens = false;
        var traits = NumberTraits.None;
        var suffixStart = -1;
        var end = start;
        var groupStart = start;
        var onlyWeak = true;
        var i = start;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (token.Length == 0)
            {
                break;
            }

            if (char.IsAsciiDigit(token[0]))
            {
                if (groupHasUnits || IsPhoneLike(token)
                    || !TryParseNumeral(token, out var value, out var consumed, out var grouped))
                {
                    break;
                }

                traits |= NumberTraits.Digits | (grouped ? NumberTraits.Grouped : NumberTraits.None);
                onlyWeak = false;
                lastWasEnglishTens = false;
                i++;
                if (consumed == token.Length)
                {
                    group += value;
                    groupHasUnits = true;
                    lastWasDigits = true;
                    end = i;
                    continue;
                }

                var suffix = token.AsSpan(consumed);
                if (Lexicon.TryGetWord(suffix, out var glued)
                    && glued.Kind is NumberWordKind.Multiplier or NumberWordKind.DigitMultiplier)
                {
                    if (glued.Value >= lastBig)
                    {
                        break; // "20 hazar 1lakh": the next phrase starts here
                    }

                    total += (group + value) * glued.Value; // "120k", "1.5lakh"
                    ResetGroup(ref group, ref groupHasUnits, ref groupHasHundred);
                    lastBig = glued.Value;
                    traits |= NumberTraits.Magnitude;
                    lastWasDigits = false;
                    end = i;
                    groupStart = i;
                    continue;
                }

                group += value; // "20t", "500kg": the caller decides what the suffix means
                groupHasUnits = true;
                suffixStart = consumed;
                end = i;
                break;
            }

            if (!Lexicon.TryGetWord(token, out var word))
            {
                break;
            }

            var stop = false;
            switch (word.Kind)
            {
                case NumberWordKind.Value or NumberWordKind.Fraction:
                    if (groupHasUnits)
                    {
                        // English "twenty two"; Urdu 21–99 are single words and never compose.
                        if (lastWasEnglishTens && word.IsEnglish && word.Kind == NumberWordKind.Value && word.Value is >= 1 and <= 9)
                        {
                            group += word.Value;
                            lastWasEnglishTens = false;
                            onlyWeak &= word.IsWeak;
                            i++;
                            end = i;
                            break;
                        }

                        stop = true;
                        break;
                    }

                    group += word.Value;
                    groupHasUnits = true;
                    lastWasEnglishTens = word.IsEnglish && word.Value >= 20 && word.Value % 10 == 0;
                    traits |= NumberTraits.Words | (word.Kind == NumberWordKind.Fraction ? NumberTraits.Fraction : NumberTraits.None);
                    onlyWeak &= word.IsWeak;
                    i++;
                    end = i;
                    break;

                case NumberWordKind.Prefix:
                    if (groupHasUnits || !TryReadPrefixed(tokens, i, word.Value, out var prefixed, out var used))
                    {
                        stop = true;
                        break;
                    }

                    group += prefixed;
                    groupHasUnits = true;
                    traits |= NumberTraits.Words | NumberTraits.Fraction;
                    onlyWeak = false;
                    lastWasEnglishTens = false;
                    i += used;
                    end = i;
                    break;

                case NumberWordKind.Hundred:
                    if (!groupHasUnits || groupHasHundred)
                    {
                        stop = true; // a bare "so"/"sau" is not a number
                        break;
                    }

                    group *= 100;
                    groupHasUnits = false;
                    groupHasHundred = true;
                    traits |= NumberTraits.Hundred;
                    onlyWeak = false;
                    lastWasEnglishTens = false;
                    i++;
                    end = i;
                    break;

                case NumberWordKind.Multiplier or NumberWordKind.DigitMultiplier:
                    if (!(groupHasUnits || groupHasHundred)
                        || (word.Kind == NumberWordKind.DigitMultiplier && !lastWasDigits))
                    {
                        stop = true; // "lakh" alone, "k" after a word (ke/ki)
                        break;
                    }

                    if (word.Value >= lastBig)
                    {
                        // "20 hazar 1 lakh": two amounts; "1 lakh" is the next phrase, not a tail of this one.
                        end = groupStart;
                        group = 0;
                        stop = true;
                        break;
                    }

                    total += group * word.Value;
                    ResetGroup(ref group, ref groupHasUnits, ref groupHasHundred);
                    lastBig = word.Value;
                    traits |= NumberTraits.Magnitude;
                    onlyWeak = false;
                    lastWasEnglishTens = false;
                    i++;
                    end = i;
                    groupStart = i;
                    break;

                case NumberWordKind.Connector:
                    // "one hundred and twenty", "ek hazar aur paanch sau": only between parts of one number.
                    if (end == start || groupHasUnits || i + 1 >= tokens.Count || !StartsNumber(tokens[i + 1]))
                    {
                        stop = true;
                        break;
                    }

                    i++;
                    break;
            }

            if (stop)
            {
                break;
            }

            lastWasDigits = false;
        }

        if (end == start)
        {
            return false;
        }

        if (onlyWeak && end - start == 1)
        {
            traits |= NumberTraits.Weak;
        }

        match = new NumberMatch(total + group, start, end - start, traits, suffixStart);
        return true;
    }

    /// <summary>
    /// Digits with optional grouping ("85,000", "1,20,000") and decimals ("1.5"), followed only by letters.
    /// "85,00" (European decimal or typo) and "20/11" (a date) are not numerals.
    /// </summary>
    public static bool TryParseNumeral(ReadOnlySpan<char> text, out decimal value, out int consumed, out bool grouped)
    {
        value = 0;
        consumed = 0;
        grouped = false;
        long whole = 0;
        int wholeDigits = 0, groupLength = 0, commas = 0, i = 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (wholeDigits == MaxWholeDigits)
                {
                    return false;
                }

                whole = (whole * 10) + (c - '0');
                wholeDigits++;
                groupLength++;
            }
            else if (c == ',')
            {
                var validGroup = commas == 0 ? groupLength is >= 1 and <= 3 : groupLength is 2 or 3;
                if (!validGroup)
                {
                    return false;
                }

                commas++;
                groupLength = 0;
            }
            else
            {
                break;
            }
        }

        if (wholeDigits == 0 || (commas > 0 && groupLength != 3))
        {
            return false;
        }

        value = whole;
        if (i < text.Length && text[i] == '.')
        {
            long fraction = 0;
            var fractionDigits = 0;
            for (i++; i < text.Length && char.IsAsciiDigit(text[i]); i++)
            {
                if (fractionDigits == MaxFractionDigits)
                {
                    return false;
                }

                fraction = (fraction * 10) + (text[i] - '0');
                fractionDigits++;
            }

            if (fractionDigits == 0)
            {
                return false;
            }

            value += fraction / PowersOfTen[fractionDigits];
        }

        for (var j = i; j < text.Length; j++)
        {
            if (!char.IsLetter(text[j]))
            {
                value = 0;
                return false;
            }
        }

        consumed = i;
        grouped = commas > 0;
        return true;
    }

    /// <summary>A mobile number or its prefix: "0300", "03001234567", "923001234567".</summary>
    public static bool IsPhoneLike(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!AllDigits(token))
        {
            return false;
        }

        return (token.Length >= 4 && token[0] == '0' && token[1] != '0')
               || (token.Length == 12 && token.StartsWith("92", StringComparison.Ordinal));
    }

    private static bool IsPhoneTail(string token) => token.Length == 7 && AllDigits(token);

    private static bool AllDigits(string token)
    {
        foreach (var c in token)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return token.Length > 0;
    }

    private static void ResetGroup(ref decimal group, ref bool groupHasUnits, ref bool groupHasHundred)
    {
        group = 0;
        groupHasUnits = false;
        groupHasHundred = false;
    }

    /// <summary>"saade teen" 3.5, "paune do" 1.75, "sawa sau" (= sawa ek sau) 1.25 before the multiplier.</summary>
    private bool TryReadPrefixed(IReadOnlyList<string> tokens, int at, decimal delta, out decimal value, out int used)
    {
        value = 0;
        used = 0;
        if (at + 1 >= tokens.Count)
        {
            return false;
        }

        var next = tokens[at + 1];
        if (next.Length > 0 && char.IsAsciiDigit(next[0]))
        {
            if (IsPhoneLike(next) || !TryParseNumeral(next, out var digits, out var consumed, out _) || consumed != next.Length)
            {
                return false;
            }

            value = digits + delta;
            used = 2;
            return value > 0;
        }

        if (!Lexicon.TryGetWord(next, out var word))
        {
            return false;
        }

        switch (word.Kind)
        {
            case NumberWordKind.Value:
                value = word.Value + delta;
                used = 2;
                return value > 0;
            case NumberWordKind.Hundred or NumberWordKind.Multiplier:
                value = 1 + delta;
                used = 1;
                return true;
            default:
                return false;
        }
    }

    private bool StartsNumber(string token) =>
        token.Length > 0
        && (char.IsAsciiDigit(token[0])
            || (Lexicon.TryGetWord(token, out var word)
                && word.Kind is NumberWordKind.Value or NumberWordKind.Fraction or NumberWordKind.Prefix));
}
