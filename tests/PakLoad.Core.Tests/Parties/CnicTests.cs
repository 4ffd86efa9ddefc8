using PakLoad.Core.Parties;

namespace PakLoad.Core.Tests.Parties;

public sealed class CnicTests
{
    [Theory]
    [InlineData("35202-1234567-1", "3520212345671")]
    [InlineData("3520212345671", "3520212345671")]
    [InlineData("  35202-1234567-1  ", "3520212345671")]
    [InlineData("\t3520212345671\n", "3520212345671")]
    [InlineData("35202 1234567 1", "3520212345671")]
    [InlineData("۳۵۲۰۲-۱۲۳۴۵۶۷-۱", "3520212345671")]
    [InlineData("۳۵۲۰۲۱۲۳۴۵۶۷۱", "3520212345671")]
    [InlineData("٣٥٢٠٢-١٢٣٤٥٦٧-١", "3520212345671")]
    [InlineData("17301-1234567-2", "1730112345672")] // 1 KP
    [InlineData("21101-1234567-3", "2110112345673")] // 2 ex-FATA
    [InlineData("42101-1234567-4", "4210112345674")] // 4 Sindh
    [InlineData("54400-1234567-5", "5440012345675")] // 5 Balochistan
    [InlineData("61101-1234567-6", "6110112345676")] // 6 Islamabad
    [InlineData("71501-1234567-7", "7150112345677")] // 7 GB
    [InlineData("35202-0000000-0", "3520200000000")]
    [InlineData("35202\u20131234567\u20131", "3520212345671")] // en dashes from a word processor
    [InlineData("\u200E35202-1234567-1\u200F", "3520212345671")] // direction marks from an Urdu app
    public void Parse_ValidCnic_StoresThirteenDigits(string input, string expectedDigits)
    {
        var result = Cnic.Parse(input);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(expectedDigits, result.Value.Digits);
    }

    [Theory]
    [InlineData("3520212345671", "35202-1234567-1")]
    [InlineData("35202-1234567-1", "35202-1234567-1")]
    [InlineData("۴۲۱۰۱۹۸۷۶۵۴۳۲", "42101-9876543-2")]
    [InlineData("6110100000019", "61101-0000001-9")]
    public void Formatted_ParsedCnic_IsFiveSevenOneWithDashes(string input, string expected)
    {
        var cnic = Cnic.Parse(input).ValueOrThrow();

        Assert.Equal(expected, cnic.Formatted);
        Assert.Equal(expected, cnic.ToString());
    }

    [Theory]
    [InlineData("352021234567")] // 12 digits
    [InlineData("35202123456712")] // 14 digits
    [InlineData("35202-123456-1")]
    [InlineData("35202-12345678-1")]
    [InlineData("3520-21234567-1")] // dashes in the wrong places
    [InlineData("352021-234567-1")]
    [InlineData("35202-1234567-12")]
    [InlineData("35202-12345671")] // one dash only
    [InlineData("352021234567-1")]
    [InlineData("35202--1234567-1")]
    [InlineData("-3520212345671")]
    [InlineData("05202-1234567-1")] // province 0 does not exist
    [InlineData("85202-1234567-1")] // nor 8
    [InlineData("95202-1234567-1")] // nor 9
    [InlineData("0520212345671")]
    [InlineData("35202-12a4567-1")]
    [InlineData("ABCDE-FGHIJKL-M")]
    [InlineData("cnic")]
    [InlineData("35202/1234567/1")]
    [InlineData("  3520-21234567-1  ")]
    public void Parse_NotACnic_IsRefusedAsInvalidEchoingTrimmedInput(string input)
    {
        var result = Cnic.Parse(input);

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.cnic.invalid", result.Error.Key);
        Assert.Equal(input.Trim(), result.Error.Args["input"]);
    }

    // Only ASCII, Urdu and Arabic-Indic digits are folded (TextFold); other scripts' digits must not be stored.
    [Theory]
    [InlineData("35202-१२३४५६७-1")] // Devanagari digits in the middle block
    [InlineData("3５２０２１２３４５６７１")] // full-width digits after an ASCII first digit
    public void Parse_DigitsFromOtherScripts_IsRefusedAsInvalid(string input)
    {
        var result = Cnic.Parse(input);

        Assert.False(result.IsSuccess, $"accepted and stored Digits='{(result.IsSuccess ? result.Value.Digits : string.Empty)}'");
        Assert.Equal("errors.cnic.invalid", result.Error.Key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_NothingTyped_IsRefusedAsRequired(string? input)
    {
        var result = Cnic.Parse(input);

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.cnic.required", result.Error.Key);
    }

    [Fact]
    public void FromDigits_StoredDigits_RebuildsTheCnic()
    {
        var cnic = Cnic.FromDigits("3520212345671");

        Assert.Equal("3520212345671", cnic.Digits);
        Assert.Equal(Cnic.Parse("35202-1234567-1").ValueOrThrow(), cnic);
    }

    [Theory]
    [InlineData("35202-1234567-1")]
    [InlineData(" 3520212345671")]
    [InlineData("352021234567")]
    [InlineData("9520212345671")]
    [InlineData("")]
    public void FromDigits_NotThirteenStoredDigits_ThrowsFormat(string digits)
    {
        Assert.Throws<FormatException>(() => Cnic.FromDigits(digits));
    }
}
