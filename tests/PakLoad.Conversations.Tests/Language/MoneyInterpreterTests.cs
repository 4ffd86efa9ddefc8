using PakLoad.Conversations.Language;
using PakLoad.Core.Common;

namespace PakLoad.Conversations.Tests.Language;

public sealed class MoneyInterpreterTests
{
    private static MoneyReading Read(string input) => MoneyInterpreter.Default.Interpret(Normalizer.Normalize(input));

    [Theory]
    [InlineData("85000", 85000)]
    [InlineData("85k", 85000)]
    [InlineData("85K", 85000)]
    [InlineData("85 k", 85000)]
    [InlineData("60k", 60000)]
    [InlineData("Rs 85,000", 85000)]
    [InlineData("Rs. 85,000/-", 85000)]
    [InlineData("rs85000", 85000)]
    [InlineData("PKR 1,20,000", 120000)]
    [InlineData("50,000/-", 50000)]
    [InlineData("85 hazar", 85000)]
    [InlineData("85 ہزار", 85000)]
    [InlineData("1.2 lakh", 120000)]
    [InlineData("1.2 lac", 120000)]
    [InlineData("1.8 lac", 180000)]
    [InlineData("1 lakh 8 hazar", 108000)]
    [InlineData("ek lakh 8 hazar", 108000)]
    [InlineData("ایک لاکھ 8 ہزار", 108000)]
    [InlineData("ڈیڑھ لاکھ روپے", 150000)]
    [InlineData("dedh lakh", 150000)]
    [InlineData("sawa do lakh", 225000)]
    [InlineData("500 rupay", 500)]
    [InlineData("500 rupees", 500)]
    [InlineData("Rs 500", 500)]
    [InlineData("do sau rupay", 200)]
    [InlineData("do rupay", 2)]
    [InlineData("پانچ سو روپے", 500)]
    [InlineData("rate 85k hai bhai", 85000)]
    [InlineData("KHI to LHR 22 wheeler 40 ton rate 1.8 lac", 180000)]
    [InlineData("20 ton 90 hazar", 90000)]
    [InlineData("karachi se lahore 20 ton rate 1,10,000", 110000)]
    [InlineData("eighty five thousand", 85000)]
    [InlineData("2 crore", 20000000)]
    [InlineData("85000.50 rs", 85000.50)]
    public void Interpret_Amount_IsSureMoney(string input, decimal rupees)
    {
        var reading = Read(input);

        Assert.Equal(MoneyReadingKind.Sure, reading.Kind);
        Assert.Equal(new Money((long)(rupees * 100)), reading.Amount);
    }

    [Theory]
    [InlineData("85", 85)]
    [InlineData("120", 120)]
    [InlineData("bees", 20)]
    [InlineData("1.5", 1.5)]
    [InlineData("dhai sau", 250)]
    [InlineData("85k ya 90k", 85000)]
    [InlineData("rate 85000 ya 90000", 85000)]
    public void Interpret_BareSmallNumberOrConflict_IsAmbiguous(string input, decimal firstRupees)
    {
        var reading = Read(input);

        Assert.Equal(MoneyReadingKind.Ambiguous, reading.Kind);
        Assert.Equal(new Money((long)(firstRupees * 100)), reading.Amount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("rate kya hai?")]
    [InlineData("gari do")]
    [InlineData("20 ton")]
    [InlineData("500kg")]
    [InlineData("0300 1234567")]
    [InlineData("lahore k liye")]
    [InlineData("kal 20/11 ko")]
    [InlineData("rupay")]
    [InlineData("🚚💰")]
    [InlineData("bohat mehenga")]
    public void Interpret_NoAmount_GivesNone(string input) =>
        Assert.Equal(MoneyReadingKind.None, Read(input).Kind);

    [Theory]
    [InlineData("0 rupay")]
    [InlineData("500 crore")]
    [InlineData("99999999999 rs")]
    public void Interpret_ImpossibleAmount_IsOutOfRange(string input) =>
        Assert.Equal(MoneyReadingKind.OutOfRange, Read(input).Kind);

    [Fact]
    public void Interpret_CurrencyAround_SpansCurrencyWords()
    {
        var reading = Read("bhai Rs 85,000 final");

        Assert.Equal(1, reading.Start);
        Assert.Equal(2, reading.Length);
    }
}
