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

    /// <summary>
    /// Cleans typed identifiers (phone, CNIC, IBAN, amounts): drops invisible format characters (direction
    /// marks and zero-width characters that right-to-left apps add on copy), makes every dash an ASCII hyphen
    /// and every Urdu or Arabic-Indic digit ASCII, and trims.
    /// </summary>
    public static string CleanIdentifier(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                continue;
            }

            builder.Append(AsciiPunctuation(ToAsciiDigit(c)));
        }

        return builder.ToString().Trim();
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

    private static char AsciiPunctuation(char c) => c switch
    {
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' => '-', // dashes and minus
        '\u066B' or '\u06D4' => '.', // Arabic decimal separator, Urdu full stop
        '\u066C' or '\u060C' => ',', // Arabic thousands separator, Arabic comma
        _ => c,
    };

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
        '\u0643' or '\u06AA' => '\u06A9', // Arabic kaf, Sindhi swash kaf → keheh (Urdu kaf)
        '\u064A' or '\u0649' => '\u06CC', // Arabic yeh, alef maksura → Farsi yeh (Urdu choti ye)
        // Arabic heh, teh marbuta, ae → heh goal; do-chashmi heh too, because Arabic keyboards type سكهر for سکھر.
        '\u0647' or '\u0629' or '\u06D5' or '\u06BE' => '\u06C1',
        _ => c,
    };
}
