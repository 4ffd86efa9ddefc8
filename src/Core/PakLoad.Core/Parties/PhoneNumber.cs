using System.Text.RegularExpressions;
using PhoneNumbers;
using PakLoad.Core.Common;
using LibPhoneNumber = PhoneNumbers.PhoneNumber;

namespace PakLoad.Core.Parties;

/// <summary>
/// A Pakistani mobile number in E.164 (+923XXXXXXXXX). Parsed through libphonenumber from the ways people
/// write it: 0300 1234567, 03001234567, 923001234567, +92-300-1234567, 0092 300 1234567, Urdu digits.
/// Every +923 prefix is accepted (0355, 037x …), not only 030–034: numbers are portable and new ranges open.
/// </summary>
public sealed partial record PhoneNumber
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private PhoneNumber(string e164) => E164 = e164;

    public string E164 { get; }

    /// <summary>How Pakistanis write it at home: 0300 1234567.</summary>
    public string National => $"0{E164[3..6]} {E164[6..]}";

    public static Result<PhoneNumber> Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return Error.Of("errors.phone.required");
        }

        var shown = input.Trim();
        var text = TextFold.CleanIdentifier(shown);
        if (!AllowedCharacters().IsMatch(text))
        {
            return Error.Of("errors.phone.invalid", ("input", shown));
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (!text.StartsWith('+') && digits.Length == 12 && digits.StartsWith("92", StringComparison.Ordinal))
        {
            text = "+" + digits; // 923001234567: the country code written without its plus
        }

        LibPhoneNumber parsed;
        try
        {
            parsed = Util.Parse(text, "PK");
        }
        catch (NumberParseException)
        {
            return Error.Of("errors.phone.invalid", ("input", shown));
        }

        var e164 = Util.Format(parsed, PhoneNumberFormat.E164);
        if (PakistaniMobile().IsMatch(e164))
        {
            return new PhoneNumber(e164);
        }

        return Util.IsValidNumber(parsed)
            ? Error.Of("errors.phone.not_mobile", ("input", shown))
            : Error.Of("errors.phone.invalid", ("input", shown));
    }

    /// <summary>Rebuilds a number already stored in E.164 (database, tokens); anything else is a bug.</summary>
    public static PhoneNumber FromE164(string e164) =>
        PakistaniMobile().IsMatch(e164 ?? string.Empty)
            ? new PhoneNumber(e164!)
            : throw new FormatException($"'{e164}' is not a stored PakLoad phone number.");

    public override string ToString() => E164;

    [GeneratedRegex(@"^\+923[0-9]{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex PakistaniMobile();

    [GeneratedRegex(@"^\+?[0-9\s\-().]{7,24}$", RegexOptions.CultureInvariant)]
    private static partial Regex AllowedCharacters();
}
