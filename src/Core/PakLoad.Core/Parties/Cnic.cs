using System.Text.RegularExpressions;
using PakLoad.Core.Common;

namespace PakLoad.Core.Parties;

/// <summary>
/// A Computerised National Identity Card number: 13 digits, written #####-#######-#. The first digit is the
/// province code (1–7); NADRA publishes no check digit, so that is all the structure we can verify offline.
/// </summary>
public sealed partial record Cnic
{
    private Cnic(string digits) => Digits = digits;

    /// <summary>The 13 digits without dashes, as stored.</summary>
    public string Digits { get; }

    public string Formatted => $"{Digits[..5]}-{Digits[5..12]}-{Digits[12]}";

    public static Result<Cnic> Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return Error.Of("errors.cnic.required");
        }

        var shown = input.Trim();
        var text = TextFold.CleanIdentifier(shown).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (!Shape().IsMatch(text))
        {
            return Error.Of("errors.cnic.invalid", ("input", shown));
        }

        var digits = text.Replace("-", string.Empty, StringComparison.Ordinal);
        return digits[0] is >= '1' and <= '7'
            ? new Cnic(digits)
            : Error.Of("errors.cnic.invalid", ("input", shown));
    }

    public static Cnic FromDigits(string digits) =>
        Parse(digits).IsSuccess && digits.Length == 13
            ? new Cnic(digits)
            : throw new FormatException("Not a stored CNIC.");

    public override string ToString() => Formatted;

    // Either all dashes in their places or none at all: 12345-1234567-1 or 1234512345671.
    [GeneratedRegex(@"^(?:[0-9]{5}-[0-9]{7}-[0-9]|[0-9]{13})$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
