using PakLoad.Core.Common;

namespace PakLoad.Core.Tests.Common;

public sealed class MoneyTests
{
    // Rs 100 crore, the documented ceiling, in paisa.
    private const long HundredCroreRupeesInPaisa = 100_000_000_000;

    [Theory]
    [InlineData("85000", 8_500_000)]
    [InlineData("85,000", 8_500_000)]
    [InlineData("1,20,000", 12_000_000)]
    [InlineData("120,000", 12_000_000)]
    [InlineData("Rs 85,000", 8_500_000)]
    [InlineData("Rs. 85,000/-", 8_500_000)]
    [InlineData("rs 85000", 8_500_000)]
    [InlineData("Rs85000", 8_500_000)]
    [InlineData("PKR 120000", 12_000_000)]
    [InlineData("PKR 1,20,000.50", 12_000_050)]
    [InlineData("85000.5", 8_500_050)]
    [InlineData("85000.50", 8_500_050)]
    [InlineData("85000.05", 8_500_005)]
    [InlineData("85000/-", 8_500_000)]
    [InlineData("85000 rupees", 8_500_000)]
    [InlineData("85000 Rs", 8_500_000)]
    [InlineData("500 PKR", 50_000)]
    [InlineData("Rs 85,000.00/-", 8_500_000)]
    [InlineData("Rs 1,20,000 روپے", 12_000_000)]
    [InlineData("۸۵۰۰۰", 8_500_000)]
    [InlineData("٨٥٠٠٠", 8_500_000)]
    [InlineData("٨٥٬٠٠٠٫٥٠", 8_500_050)]
    [InlineData("85,000 روپے", 8_500_000)]
    [InlineData("۸۵,۰۰۰ روپے", 8_500_000)]
    [InlineData("  85000  ", 8_500_000)]
    [InlineData("0", 0)]
    [InlineData("500", 50_000)]
    [InlineData("1000000000", HundredCroreRupeesInPaisa)]
    [InlineData("1,00,00,00,000", HundredCroreRupeesInPaisa)]
    [InlineData("Rs.500/=", 50_000)]
    [InlineData("Rs: 500", 50_000)]
    [InlineData("Rs. 85,000/- only", 8_500_000)]
    [InlineData("\u200E85,000\u200F", 8_500_000)]
    public void Parse_WaysPeopleWriteRupees_GivesPaisa(string text, long expectedPaisa)
    {
        var result = Money.Parse(text);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(expectedPaisa, result.Value.Paisa);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("-85,000")]
    [InlineData("Rs -500")]
    [InlineData("  -1  ")]
    public void Parse_NegativeAmount_IsRefusedAsNegative(string text)
    {
        var result = Money.Parse(text);

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.money.negative", result.Error.Key);
        Assert.Equal(text.Trim(), result.Error.Args["input"]);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("85.123")]
    [InlineData("1.2.3")]
    [InlineData("12abc")]
    [InlineData("Rs")]
    [InlineData("Rs. /-")]
    [InlineData("85000$")]
    [InlineData("1 lakh")]
    [InlineData("  85.001 ")]
    [InlineData("85,00")] // a European "85.00" or a mistyped 8,500: asked again, never guessed
    [InlineData("8,5000")]
    [InlineData(",85000")]
    [InlineData("1,2,3")]
    [InlineData("12,34,56,7890")]
    public void Parse_NotAnAmount_IsRefusedAsInvalidEchoingTrimmedInput(string text)
    {
        var result = Money.Parse(text);

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.money.invalid", result.Error.Key);
        Assert.Equal(text.Trim(), result.Error.Args["input"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Parse_NothingTyped_IsRefusedAsRequired(string? text)
    {
        var result = Money.Parse(text);

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.money.required", result.Error.Key);
    }

    [Theory]
    [InlineData("1000000001")]
    [InlineData("1000000000.01")]
    [InlineData("1,00,00,00,001")]
    [InlineData("Rs 5,00,00,00,000")]
    [InlineData("9999999999999")]
    [InlineData("9999999999999999")]
    [InlineData("123456789012345678901234567890")]
    public void Parse_AboveHundredCrore_IsRefusedAsTooLargeWithTheMaximum(string text)
    {
        var result = Money.Parse(text);

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.money.too_large", result.Error.Key);
        Assert.Equal("1000000000", result.Error.Args["max"]);
    }

    [Theory]
    [InlineData(12_000_000, Language.En, "Rs 120,000")]
    [InlineData(12_000_000, Language.UrLatn, "Rs 1,20,000")]
    [InlineData(12_000_000, Language.Ur, "1,20,000 روپے")]
    [InlineData(8_500_050, Language.En, "Rs 85,000.50")]
    [InlineData(8_500_050, Language.UrLatn, "Rs 85,000.50")]
    [InlineData(8_500_050, Language.Ur, "85,000.50 روپے")]
    [InlineData(8_500_005, Language.En, "Rs 85,000.05")]
    [InlineData(1_000_000_000, Language.En, "Rs 10,000,000")]
    [InlineData(1_000_000_000, Language.UrLatn, "Rs 1,00,00,000")]
    [InlineData(1_000_000_000, Language.Ur, "1,00,00,000 روپے")]
    [InlineData(12_345_678_900, Language.UrLatn, "Rs 12,34,56,789")]
    [InlineData(12_345_678_900, Language.En, "Rs 123,456,789")]
    [InlineData(12_345_600, Language.UrLatn, "Rs 1,23,456")]
    [InlineData(1_234_500, Language.UrLatn, "Rs 12,345")]
    [InlineData(100_000, Language.UrLatn, "Rs 1,000")]
    [InlineData(100_000, Language.En, "Rs 1,000")]
    [InlineData(50_000, Language.En, "Rs 500")]
    [InlineData(50_000, Language.UrLatn, "Rs 500")]
    [InlineData(50_000, Language.Ur, "500 روپے")]
    [InlineData(5, Language.En, "Rs 0.05")]
    [InlineData(0, Language.En, "Rs 0")]
    [InlineData(0, Language.UrLatn, "Rs 0")]
    [InlineData(0, Language.Ur, "0 روپے")]
    public void Format_AmountInLanguage_IsWrittenTheLocalWay(long paisa, Language language, string expected)
    {
        Assert.Equal(expected, new Money(paisa).Format(language));
    }

    [Theory]
    [InlineData(12_000_000, "120,000")]
    [InlineData(8_500_050, "85,000.50")]
    [InlineData(-50_000, "-500")]
    [InlineData(0, "0")]
    public void ToString_Amount_UsesInternationalGroupingWithoutCurrency(long paisa, string expected)
    {
        Assert.Equal(expected, new Money(paisa).ToString());
    }

    [Theory]
    [InlineData("1,20,000", Language.UrLatn, "Rs 1,20,000")]
    [InlineData("Rs. 85,000/-", Language.En, "Rs 85,000")]
    [InlineData("۸۵۰۰۰.۵", Language.Ur, "85,000.50 روپے")]
    public void ParseThenFormat_TypedAmount_ShowsTheSameAmount(string text, Language language, string expected)
    {
        Assert.Equal(expected, Money.Parse(text).ValueOrThrow().Format(language));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 100)]
    [InlineData(85_000, 8_500_000)]
    [InlineData(1_000_000_000, HundredCroreRupeesInPaisa)]
    [InlineData(-5, -500)]
    public void FromRupees_WholeRupees_IsHundredPaisaEach(long rupees, long expectedPaisa)
    {
        var money = Money.FromRupees(rupees);

        Assert.Equal(expectedPaisa, money.Paisa);
        Assert.Equal(rupees, money.WholeRupees);
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData((long.MaxValue / 100) + 1)]
    [InlineData((long.MinValue / 100) - 1)]
    public void FromRupees_BeyondLongPaisa_ThrowsOverflow(long rupees)
    {
        Assert.Throws<OverflowException>(() => Money.FromRupees(rupees));
    }

    [Fact]
    public void MaxUserAmount_IsHundredCroreRupees()
    {
        Assert.Equal(HundredCroreRupeesInPaisa, Money.MaxUserAmount.Paisa);
        Assert.Equal(0, Money.Zero.Paisa);
    }

    [Theory]
    [InlineData(8_500_050, 85_000)]
    [InlineData(99, 0)]
    [InlineData(100, 1)]
    public void WholeRupees_PaisaAmount_DropsThePaisa(long paisa, long expectedRupees)
    {
        Assert.Equal(expectedRupees, new Money(paisa).WholeRupees);
    }

    [Theory]
    [InlineData(100, 250, 350)]
    [InlineData(8_500_000, 50, 8_500_050)]
    [InlineData(0, 0, 0)]
    [InlineData(-100, 100, 0)]
    public void Add_TwoAmounts_SumsPaisa(long a, long b, long expected)
    {
        Assert.Equal(new Money(expected), new Money(a) + new Money(b));
    }

    [Theory]
    [InlineData(350, 250, 100)]
    [InlineData(100, 250, -150)]
    [InlineData(8_500_050, 50, 8_500_000)]
    public void Subtract_TwoAmounts_DiffersInPaisa(long a, long b, long expected)
    {
        var difference = new Money(a) - new Money(b);

        Assert.Equal(expected, difference.Paisa);
        Assert.Equal(expected < 0, difference.IsNegative);
    }

    [Theory]
    [InlineData(long.MaxValue, 1)]
    [InlineData(long.MinValue, -1)]
    public void Add_PastTheLongRange_ThrowsOverflow(long a, long b)
    {
        Assert.Throws<OverflowException>(() => new Money(a) + new Money(b));
    }

    [Fact]
    public void Subtract_PastTheLongRange_ThrowsOverflow()
    {
        Assert.Throws<OverflowException>(() => new Money(long.MinValue) - new Money(1));
    }

    [Theory]
    [InlineData(100, 200, -1)]
    [InlineData(200, 100, 1)]
    [InlineData(150, 150, 0)]
    [InlineData(-1, 0, -1)]
    public void Comparison_TwoAmounts_OrdersByPaisa(long a, long b, int expectedSign)
    {
        var left = new Money(a);
        var right = new Money(b);

        Assert.Equal(expectedSign, Math.Sign(left.CompareTo(right)));
        Assert.Equal(expectedSign < 0, left < right);
        Assert.Equal(expectedSign > 0, left > right);
        Assert.Equal(expectedSign <= 0, left <= right);
        Assert.Equal(expectedSign >= 0, left >= right);
        Assert.Equal(expectedSign == 0, left == right);
        Assert.Equal(expectedSign != 0, left != right);
    }

    [Fact]
    public void Sort_UnorderedAmounts_AscendsByPaisa()
    {
        Money[] amounts = [new(300), new(-5), new(120), Money.Zero];

        Array.Sort(amounts);

        Assert.Equal([new Money(-5), Money.Zero, new Money(120), new Money(300)], amounts);
    }
}
