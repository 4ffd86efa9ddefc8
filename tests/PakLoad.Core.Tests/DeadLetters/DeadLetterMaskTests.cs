using PakLoad.Core.DeadLetters;

namespace PakLoad.Core.Tests.DeadLetters;

public sealed class DeadLetterMaskTests
{
    [Theory]
    [InlineData("+923001234567", "+••••••••4567")]
    [InlineData("+15551234", "+••••1234")]
    [InlineData("1234", "1234")]
    [InlineData("123", "123")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Phone_ShowsOnlyTheLastFourDigits(string? phone, string expected) =>
        Assert.Equal(expected, DeadLetterMask.Phone(phone));

    [Theory]
    [InlineData("code 482913", "code ••••••")]
    [InlineData("20 ton, 3 axle", "20 ton, 3 axle")]
    [InlineData("rate 1500 per ton", "rate •••• per ton")]
    [InlineData("0300 1234567", "•••• •••••••")]
    [InlineData("کوڈ ۴۸۲۹۱۳", "کوڈ ••••••")]
    [InlineData("123", "123")]
    [InlineData("", "")]
    public void UserText_HidesEveryRunOfFourOrMoreDigits(string text, string expected) =>
        Assert.Equal(expected, DeadLetterMask.UserText(text));
}
