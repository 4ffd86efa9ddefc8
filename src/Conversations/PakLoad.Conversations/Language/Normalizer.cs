using System.Globalization;
using System.Text;

namespace PakLoad.Conversations.Language;

/// <summary>A message after normalisation: the cleaned text and its tokens, in order.</summary>
public sealed record NormalizedText(string Original, string Text, IReadOnlyList<string> Tokens);

/// <summary>
/// The first step of every turn: one spelling for what people type many ways. Urdu and Arabic-Indic digits
/// become ASCII; Arabic letter forms become Urdu (kaf, yeh, heh); diacritics, direction marks and zero-width
/// characters go; Latin text is lower-cased; a letter repeated three or more times ("bhaiiiii") becomes two;
/// runs of spaces become one. Digits keep their inner separators ("1.5", "20/11", "1,20,000") as one token.
/// </summary>
public static class Normalizer
{
    public const int MaxInputLength = 2000;

    public static NormalizedText Normalize(string? input)
    {
        var original = input ?? string.Empty;
        var decomposed = WellFormed(original).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var raw in decomposed)
        {
            var c = FoldLetter(raw);
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
                || c == '\u0640')
            {
                continue; // diacritics, direction marks, zero-width joiners, tatweel
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                AppendSpace(builder);
                continue;
            }

            if (Repeats(builder, c))
            {
                continue;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        var text = builder.ToString().Trim().Normalize(NormalizationForm.FormC);
        return new NormalizedText(original, text, Tokenize(text));
    }

    /// <summary>
    /// At most <see cref="MaxInputLength"/> characters of valid UTF-16: lone surrogates (from broken clients or
    /// a cut emoji) are dropped and the cut never splits a pair, so Unicode normalisation cannot throw.
    /// </summary>
    private static string WellFormed(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxInputLength));
        for (var i = 0; i < text.Length && builder.Length < MaxInputLength; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (builder.Length + 2 > MaxInputLength)
                {
                    break;
                }

                builder.Append(c).Append(text[++i]);
            }
            else if (!char.IsSurrogate(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Words, numbers (with their inner . , / : -), and single punctuation marks dropped.</summary>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var innerSeparator = c is '.' or ',' or '/' or ':' or '-'
                                 && current.Length > 0 && char.IsAsciiDigit(current[^1])
                                 && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);
            if (char.IsLetterOrDigit(c) || innerSeparator)
            {
                current.Append(c);
                continue;
            }

            Flush(current, tokens);
        }

        Flush(current, tokens);
        return tokens;
    }

    private static char FoldLetter(char c) => c switch
    {
        '\u0643' or '\u06AA' => '\u06A9', // Arabic kaf, Sindhi swash kaf → Urdu kaf
        '\u064A' or '\u0649' => '\u06CC', // Arabic yeh, alef maksura → Urdu yeh
        '\u0647' or '\u0629' or '\u06D5' => '\u06C1', // Arabic heh, teh marbuta → heh goal
        '\u06D4' => '.', // Urdu full stop
        '\u060C' => ',', // Arabic comma
        '\u061F' => '?', // Arabic question mark
        >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')), // Arabic-Indic digits
        >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')), // Urdu (Extended Arabic-Indic) digits
        _ => c,
    };

    private static void AppendSpace(StringBuilder builder)
    {
        if (builder.Length > 0 && builder[^1] != ' ')
        {
            builder.Append(' ');
        }
    }

    /// <summary>True when <paramref name="c"/> would be the third same letter in a row (digits may repeat: 1000).</summary>
    private static bool Repeats(StringBuilder builder, char c) =>
        char.IsLetter(c) && builder.Length >= 2
        && char.ToLowerInvariant(c) == builder[^1] && builder[^1] == builder[^2];

    private static void Flush(StringBuilder current, List<string> tokens)
    {
        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
            current.Clear();
        }
    }
}
