using System.Globalization;
using System.Numerics;
using PakLoad.Core.Parties;

namespace PakLoad.Core.Tests.Parties;

public sealed class IbanTests
{
    // PK36SCBL… is the example in freight-domain.md §5.10; the others were computed with Python's arbitrary-precision
    // integers (98 - int(bank + account + "PK00" as ISO 13616 digits) % 97) and are re-checked by CheckDigits below.
    private static readonly string[] ValidIbans =
    [
        "PK36SCBL0000001123456702",
        "PK72HABB0012345678901234",
        "PK25MEZN0001090100123456",
        "PK74UNIL0109000123456789",
        "PK20MUCB1234567890123456",
        "PK31NBPA0000000000000001",
        "PK38ALFH5500123456789012",
    ];

    public static TheoryData<string> Valid => new(ValidIbans);

    /// <summary>Every single-digit change (d → d+1 mod 10) in the check digits or the account number.</summary>
    public static TheoryData<string, string> OneDigitChanged
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var iban in ValidIbans.Take(4))
            {
                foreach (var i in DigitPositions(iban))
                {
                    var chars = iban.ToCharArray();
                    chars[i] = (char)('0' + ((chars[i] - '0' + 1) % 10));
                    data.Add(iban, new string(chars));
                }
            }

            return data;
        }
    }

    /// <summary>Every swap of two adjacent, different digits in the check digits or the account number.</summary>
    public static TheoryData<string, string> AdjacentDigitsSwapped
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var iban in ValidIbans.Take(4))
            {
                var positions = DigitPositions(iban).ToHashSet();
                foreach (var i in positions.Where(i => positions.Contains(i + 1) && iban[i] != iban[i + 1]))
                {
                    var chars = iban.ToCharArray();
                    (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
                    data.Add(iban, new string(chars));
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void CheckDigits_IndependentMod97_AgreesWithTheTable(string iban)
    {
        Assert.Equal(iban[2..4], CheckDigits(iban[4..8], iban[8..]));
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parse_ValidIban_IsAccepted(string iban)
    {
        var result = Iban.Parse(iban);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(iban, result.Value.Value);
        Assert.Equal(iban[4..8], result.Value.BankCode);
    }

    [Theory]
    [InlineData("PK36SCBL0000001123456702")]
    [InlineData("pk36scbl0000001123456702")]
    [InlineData("Pk36ScBl0000001123456702")]
    [InlineData("PK36 SCBL 0000 0011 2345 6702")]
    [InlineData("pk36 scbl 0000 0011 2345 6702")]
    [InlineData("  PK36 SCBL 0000 0011 2345 6702  ")]
    [InlineData("PK36-SCBL-0000-0011-2345-6702")]
    [InlineData("PK۳۶SCBL۰۰۰۰۰۰۱۱۲۳۴۵۶۷۰۲")]
    public void Parse_SameIbanWrittenDifferently_GivesOneValue(string input)
    {
        var result = Iban.Parse(input);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal("PK36SCBL0000001123456702", result.Value.Value);
        Assert.Equal("SCBL", result.Value.BankCode);
        Assert.Equal("PK36 SCBL 0000 0011 2345 6702", result.Value.Formatted);
        Assert.Equal("PK36SCBL0000001123456702", result.Value.ToString());
    }

    [Theory]
    [InlineData("PK72HABB0012345678901234", "HABB", "PK72 HABB 0012 3456 7890 1234")]
    [InlineData("pk25mezn0001090100123456", "MEZN", "PK25 MEZN 0001 0901 0012 3456")]
    [InlineData("PK74 UNIL 0109 0001 2345 6789", "UNIL", "PK74 UNIL 0109 0001 2345 6789")]
    public void Parse_OtherBanks_GiveBankCodeAndGroupsOfFour(string input, string bankCode, string formatted)
    {
        var iban = Iban.Parse(input).ValueOrThrow();

        Assert.Equal(bankCode, iban.BankCode);
        Assert.Equal(formatted, iban.Formatted);
    }

    [Theory]
    [MemberData(nameof(OneDigitChanged))]
    public void Parse_OneDigitMistyped_IsRefusedAsChecksum(string original, string mistyped)
    {
        Assert.NotEqual(original, mistyped);
        Assert.Equal(original.Length, mistyped.Length);

        var result = Iban.Parse(mistyped);

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.iban.checksum", result.Error.Key);
        Assert.Equal(mistyped, result.Error.Args["input"]);
    }

    [Theory]
    [MemberData(nameof(AdjacentDigitsSwapped))]
    public void Parse_TwoAdjacentDigitsSwapped_IsRefusedAsChecksum(string original, string swapped)
    {
        Assert.NotEqual(original, swapped);
        Assert.Equal(original.Order(), swapped.Order());

        var result = Iban.Parse(swapped);

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.iban.checksum", result.Error.Key);
    }

    [Theory]
    [InlineData("GB29NWBK60161331926819")] // a valid UK IBAN
    [InlineData("DE89370400440532013000")] // a valid German IBAN
    [InlineData("AE070331234567890123456")]
    [InlineData("XX36SCBL0000001123456702")]
    [InlineData("PK36SCBL000000112345670")] // 23 characters
    [InlineData("PK36SCBL00000011234567021")] // 25 characters
    [InlineData("PK36SCBL")]
    [InlineData("PK36SC8L0000001123456702")] // a digit in the bank code
    [InlineData("PK361CBL0000001123456702")]
    [InlineData("PK36SCB10000001123456702")]
    [InlineData("PKXXSCBL0000001123456702")] // letters as check digits
    [InlineData("36SCBL0000001123456702")]
    [InlineData("PK36SCBL0000001123456702!")]
    [InlineData("PK36.SCBL.0000.0011.2345.6702")]
    [InlineData("  GB29 NWBK 6016 1331 9268 19  ")]
    public void Parse_NotAPakistaniIban_IsRefusedAsInvalidEchoingTrimmedInput(string input)
    {
        var result = Iban.Parse(input);

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.iban.invalid", result.Error.Key);
        Assert.Equal(input.Trim(), result.Error.Args["input"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Parse_NothingTyped_IsRefusedAsRequired(string? input)
    {
        var result = Iban.Parse(input);

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.iban.required", result.Error.Key);
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void FromStored_StoredValue_RebuildsIt(string iban)
    {
        Assert.Equal(Iban.Parse(iban).ValueOrThrow(), Iban.FromStored(iban));
    }

    [Theory]
    [InlineData("pk36scbl0000001123456702")]
    [InlineData("PK36 SCBL 0000 0011 2345 6702")]
    [InlineData("PK37SCBL0000001123456702")]
    [InlineData("GB29NWBK60161331926819")]
    public void FromStored_NotTheStoredForm_ThrowsFormat(string value)
    {
        Assert.Throws<FormatException>(() => Iban.FromStored(value));
    }

    /// <summary>ISO 13616 check digits, computed with a big integer rather than the digit-by-digit fold under test.</summary>
    private static string CheckDigits(string bankCode, string account)
    {
        var rearranged = bankCode + account + "PK00";
        var digits = string.Concat(rearranged.Select(c => char.IsAsciiDigit(c)
            ? new string(c, 1)
            : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture)));
        var remainder = BigInteger.Parse(digits, CultureInfo.InvariantCulture) % 97;
        return (98 - (int)remainder).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>Check digits (2, 3) and the 16 account characters (8..23) that are digits.</summary>
    private static IEnumerable<int> DigitPositions(string iban) =>
        new[] { 2, 3 }.Concat(Enumerable.Range(8, 16)).Where(i => char.IsAsciiDigit(iban[i]));
}
