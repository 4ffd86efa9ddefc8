using System.Globalization;
using System.Text;

namespace PakLoad.Core.Common;

/// <summary>
/// Folds text for lookups: the same name typed on any keyboard gives the same key. Urdu and Arabic-Indic
/// digits become ASCII, Arabic letter forms become their Urdu forms (kaf, yeh, heh), diacritics, direction
/// marks and zero-width characters go, and case, spaces and punctuation stop mattering.
/// </summary>
public static class TextFold
{
    /// <summary>Replaces Urdu (U+06F0..) and Arabic-Indic (U+0660..) digits with ASCII digits; nothing else changes.</summary>
    public static string AsciiDigits(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(IsNonAsciiDigit))
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = ToAsciiDigit(source[i]);
            }
        });
    }

    /// <summary>The lookup key of a name: letters and digits only, folded as described on the type.</summary>
    public static string Key(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var raw in decomposed)
        {
            var c = ToAsciiDigit(UrduLetterForm(raw));
            if (c == Tatweel)
            {
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Format)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private const char Tatweel = '\u0640';

    private static bool IsNonAsciiDigit(char c) => c is (>= '\u0660' and <= '\u0669') or (>= '\u06F0' and <= '\u06F9');

    private static char ToAsciiDigit(char c) => c switch
    {
        >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
        >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
        _ => c,
    };

    /// <summary>Arabic code points that Urdu text often carries in place of the Urdu letters.</summary>
    private static char UrduLetterForm(char c) => c switch
    {
        '\u0643' => '\u06A9', // Arabic kaf → keheh (Urdu kaf)
        '\u064A' or '\u0649' => '\u06CC', // Arabic yeh, alef maksura → Farsi yeh (Urdu choti ye)
        '\u0647' or '\u0629' or '\u06D5' => '\u06C1', // Arabic heh, teh marbuta, ae → heh goal
        _ => c,
    };
}
