using System.Text.RegularExpressions;
using PakLoad.Core.Common;

namespace PakLoad.Core.Parties;

/// <summary>
/// A Pakistani IBAN: PK, 2 check digits, a 4-letter bank code and a 16-character account number (24 in all),
/// checked with ISO 13616 mod-97. Written with or without spaces, in any case.
/// </summary>
public sealed partial record Iban
{
    private Iban(string value) => Value = value;

    /// <summary>The 24 characters, upper case, no spaces.</summary>
    public string Value { get; }

    public string BankCode => Value[4..8];

    /// <summary>Groups of four, as printed on cheques and bank letters.</summary>
    public string Formatted => string.Join(' ', Value.Chunk(4).Select(c => new string(c)));

    public static Result<Iban> Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return Error.Of("errors.iban.required");
        }

        var shown = input.Trim();
        var text = new string(TextFold.CleanIdentifier(shown).Where(c => c is not (' ' or '-')).ToArray()).ToUpperInvariant();
        if (!Shape().IsMatch(text))
        {
            return Error.Of("errors.iban.invalid", ("input", shown));
        }

        return Mod97(text[4..] + text[..4]) == 1
            ? new Iban(text)
            : Error.Of("errors.iban.checksum", ("input", shown));
    }

    public static Iban FromStored(string value) =>
        Parse(value) is { IsSuccess: true } ok && ok.Value.Value == value
            ? ok.Value
            : throw new FormatException("Not a stored IBAN.");

    public override string ToString() => Value;

    /// <summary>Letters count as 10..35; the remainder is folded digit by digit so no big integer is needed.</summary>
    private static int Mod97(string rearranged)
    {
        var remainder = 0;
        foreach (var c in rearranged)
        {
            remainder = char.IsAsciiDigit(c)
                ? ((remainder * 10) + (c - '0')) % 97
                : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }

        return remainder;
    }

    [GeneratedRegex(@"^PK[0-9]{2}[A-Z]{4}[A-Z0-9]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
