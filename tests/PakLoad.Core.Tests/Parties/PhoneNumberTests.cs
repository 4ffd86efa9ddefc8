using PakLoad.Core.Parties;
using PhoneNumberType = PhoneNumbers.PhoneNumberType;
using PhoneNumberUtil = PhoneNumbers.PhoneNumberUtil;

namespace PakLoad.Core.Tests.Parties;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("0300 1234567")]
    [InlineData("03001234567")]
    [InlineData("923001234567")]
    [InlineData("92 300 1234567")]
    [InlineData("+923001234567")]
    [InlineData("+92-300-1234567")]
    [InlineData("+92 300 1234567")]
    [InlineData("0092 300 1234567")]
    [InlineData("00923001234567")]
    [InlineData("(0300) 123-4567")]
    [InlineData("0300-1234567")]
    [InlineData("0300.1234567")]
    [InlineData("  0300 1234567  ")]
    [InlineData("۰۳۰۰۱۲۳۴۵۶۷")]
    [InlineData("۰۳۰۰ ۱۲۳۴۵۶۷")]
    [InlineData("٠٣٠٠١٢٣٤٥٦٧")]
    [InlineData("+۹۲۳۰۰۱۲۳۴۵۶۷")]
    [InlineData("+92 0300 1234567")] // country code and trunk 0 together, a common habit
    [InlineData("+92 (0) 300 1234567")]
    [InlineData("3001234567")] // trunk 0 dropped
    public void Parse_WaysPeopleWriteOneMobile_GiveOneE164(string input)
    {
        var result = PhoneNumber.Parse(input);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal("+923001234567", result.Value.E164);
        Assert.Equal("0300 1234567", result.Value.National);
        Assert.Equal("+923001234567", result.Value.ToString());
    }

    // 030x Jazz, 031x Zong, 032x Jazz (ex-Warid), 033x Ufone, 034x Telenor, 0355 SCO, 037x Zong (§5.8), and any 03xx.
    [Theory]
    [InlineData("0300 7654321", "+923007654321", "0300 7654321")]
    [InlineData("0310 1234567", "+923101234567", "0310 1234567")]
    [InlineData("0321 1234567", "+923211234567", "0321 1234567")]
    [InlineData("0333 1234567", "+923331234567", "0333 1234567")]
    [InlineData("0345 1234567", "+923451234567", "0345 1234567")]
    [InlineData("0355 1234567", "+923551234567", "0355 1234567")]
    [InlineData("0370 1234567", "+923701234567", "0370 1234567")]
    [InlineData("0371 1234567", "+923711234567", "0371 1234567")]
    [InlineData("0399 1234567", "+923991234567", "0399 1234567")]
    [InlineData("+92 355 1234567", "+923551234567", "0355 1234567")]
    [InlineData("923709876543", "+923709876543", "0370 9876543")]
    public void Parse_EveryMobilePrefix_IsAcceptedInE164(string input, string e164, string national)
    {
        var result = PhoneNumber.Parse(input);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(e164, result.Value.E164);
        Assert.Equal(national, result.Value.National);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t \n")]
    public void Parse_NothingTyped_IsRefusedAsRequired(string? input)
    {
        var result = PhoneNumber.Parse(input);

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.phone.required", result.Error.Key);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("mobile number")]
    [InlineData("0300abc4567")]
    [InlineData("0300 ONE 234567")]
    [InlineData("0300#1234567")]
    [InlineData("0300 123")]
    [InlineData("030012")]
    [InlineData("0300-12345")]
    [InlineData("+92 300 12345")]
    [InlineData("0300 12345678")]
    [InlineData("030012345678")]
    [InlineData("0300 1234567 0300 1234567")]
    [InlineData("  0300-12345  ")]
    [InlineData("+44 123")]
    public void Parse_NotAPhoneNumber_IsRefusedAsInvalidEchoingTrimmedInput(string input)
    {
        var result = PhoneNumber.Parse(input);

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.phone.invalid", result.Error.Key);
        Assert.Equal(input.Trim(), result.Error.Args["input"]);
    }

    // A landline or a foreign mobile is a real number, but PakLoad reaches parties on Pakistani mobiles only.
    [Theory]
    [InlineData("042 35761234")]
    [InlineData("04235761234")]
    [InlineData("+92 42 35761234")]
    [InlineData("924235761234")]
    [InlineData("021 34567890")]
    [InlineData("+44 7911 123456")]
    [InlineData("0044 7911 123456")]
    [InlineData("+971 50 123 4567")]
    [InlineData(" +44 7911 123456 ")]
    public void Parse_RealNumberThatIsNotAPakistaniMobile_IsRefusedAsNotMobile(string input)
    {
        var result = PhoneNumber.Parse(input);

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.phone.not_mobile", result.Error.Key);
        Assert.Equal(input.Trim(), result.Error.Args["input"]);
    }

    // Numbers pasted from right-to-left (Urdu) chats arrive wrapped in invisible direction marks; TextFold.Key already
    // treats these as noise for names, and a user cannot see them to remove them.
    [Theory]
    [InlineData("\u200E0300 1234567")] // LRM before
    [InlineData("0300 1234567\u200F")] // RLM after
    [InlineData("\u202A+92 300 1234567\u202C")] // LRE … PDF around
    public void Parse_MobileWrappedInInvisibleDirectionMarks_IsAccepted(string input)
    {
        var result = PhoneNumber.Parse(input);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal("+923001234567", result.Value.E164);
    }

    // The premise of the not_mobile rows above, checked against libphonenumber's own metadata.
    [Theory]
    [InlineData("042 35761234", "PK", PhoneNumberType.FIXED_LINE)]
    [InlineData("021 34567890", "PK", PhoneNumberType.FIXED_LINE)]
    [InlineData("+44 7911 123456", "PK", PhoneNumberType.MOBILE)]
    [InlineData("0300 1234567", "PK", PhoneNumberType.MOBILE)]
    public void Libphonenumber_ReferenceNumbers_HaveTheExpectedType(string input, string region, PhoneNumberType expected)
    {
        var util = PhoneNumberUtil.GetInstance();
        var parsed = util.Parse(input, region);

        Assert.True(util.IsValidNumber(parsed));
        Assert.Equal(expected, util.GetNumberType(parsed));
    }

    [Theory]
    [InlineData("+923001234567", "0300 1234567")]
    [InlineData("+923551234567", "0355 1234567")]
    [InlineData("+923991234567", "0399 1234567")]
    public void FromE164_StoredNumber_RebuildsIt(string e164, string national)
    {
        var phone = PhoneNumber.FromE164(e164);

        Assert.Equal(e164, phone.E164);
        Assert.Equal(national, phone.National);
        Assert.Equal(PhoneNumber.Parse(national).ValueOrThrow(), phone);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("03001234567")]
    [InlineData("923001234567")]
    [InlineData("+92300123456")]
    [InlineData("+9230012345678")]
    [InlineData("+924235761234")]
    [InlineData("+447911123456")]
    [InlineData(" +923001234567")]
    public void FromE164_NotAStoredMobile_ThrowsFormat(string? e164)
    {
        Assert.Throws<FormatException>(() => PhoneNumber.FromE164(e164!));
    }

    [Fact]
    public void Equality_SameNumberWrittenTwoWays_IsEqual()
    {
        var first = PhoneNumber.Parse("0300 1234567").ValueOrThrow();
        var second = PhoneNumber.Parse("+92-300-1234567").ValueOrThrow();

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, PhoneNumber.Parse("0300 1234568").ValueOrThrow());
    }
}
