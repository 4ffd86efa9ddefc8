using PakLoad.Conversations.Language;
using PakLoad.Core.Loads;

namespace PakLoad.Conversations.Tests.Language;

public sealed class WeightInterpreterTests
{
    private static WeightReading Read(string input) => WeightInterpreter.Default.Interpret(Normalizer.Normalize(input));

    [Theory]
    [InlineData("20 ton", 20, WeightUnit.Ton, 20000)]
    [InlineData("20 tan", 20, WeightUnit.Ton, 20000)]
    [InlineData("20 tun", 20, WeightUnit.Ton, 20000)]
    [InlineData("20t", 20, WeightUnit.Ton, 20000)]
    [InlineData("20 T", 20, WeightUnit.Ton, 20000)]
    [InlineData("20ton", 20, WeightUnit.Ton, 20000)]
    [InlineData("4 tons", 4, WeightUnit.Ton, 4000)]
    [InlineData("1.5 tonne", 1.5, WeightUnit.Ton, 1500)]
    [InlineData("بیس ٹن", 20, WeightUnit.Ton, 20000)]
    [InlineData("۲۰ ٹن", 20, WeightUnit.Ton, 20000)]
    [InlineData("کراچی سے لاہور ۲۰ ٹن کل", 20, WeightUnit.Ton, 20000)]
    [InlineData("bees ton", 20, WeightUnit.Ton, 20000)]
    [InlineData("do ton", 2, WeightUnit.Ton, 2000)]
    [InlineData("dedh ton", 1.5, WeightUnit.Ton, 1500)]
    [InlineData("saadhe teen ton", 3.5, WeightUnit.Ton, 3500)]
    [InlineData("ڈھائی ٹن", 2.5, WeightUnit.Ton, 2500)]
    [InlineData("twenty five ton", 25, WeightUnit.Ton, 25000)]
    [InlineData("500 kg", 500, WeightUnit.Kg, 500)]
    [InlineData("500kg", 500, WeightUnit.Kg, 500)]
    [InlineData("500 kilo", 500, WeightUnit.Kg, 500)]
    [InlineData("پانچ سو کلو", 500, WeightUnit.Kg, 500)]
    [InlineData("1,500 kgs", 1500, WeightUnit.Kg, 1500)]
    [InlineData("100 mann", 100, WeightUnit.Maund, 4000)]
    [InlineData("100 maund", 100, WeightUnit.Maund, 4000)]
    [InlineData("100 من", 100, WeightUnit.Maund, 4000)]
    [InlineData("80 mann", 80, WeightUnit.Maund, 3200)]
    [InlineData("dedh sau mann", 150, WeightUnit.Maund, 6000)]
    [InlineData("ek sau man", 100, WeightUnit.Maund, 4000)]
    [InlineData("Karachi se Lahore 20 ton kal", 20, WeightUnit.Ton, 20000)]
    [InlineData("KHI to LHR 22 wheeler 40 ton rate 1.8 lac", 40, WeightUnit.Ton, 40000)]
    [InlineData("Lahore ko Faisalabad se 12 ton aaj", 12, WeightUnit.Ton, 12000)]
    public void Interpret_NumberWithUnit_GivesKilograms(string input, decimal amount, WeightUnit unit, int kg)
    {
        var reading = Read(input);

        Assert.Equal(WeightReadingKind.Weight, reading.Kind);
        Assert.Equal(amount, reading.Amount);
        Assert.Equal(unit, reading.Unit);
        Assert.Equal(kg, reading.Kg);
    }

    [Theory]
    [InlineData("20", 20)]
    [InlineData("bees", 20)]
    [InlineData("karachi se lahore 20", 20)]
    [InlineData("0", 0)]
    [InlineData("22 wheeler", 22)]
    public void Interpret_NumberWithoutUnit_IsAmbiguous(string input, decimal amount)
    {
        var reading = Read(input);

        Assert.Equal(WeightReadingKind.Ambiguous, reading.Kind);
        Assert.Equal(amount, reading.Amount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pata nahi")]
    [InlineData("heavy")]
    [InlineData("gari do")]
    [InlineData("0300 1234567")]
    [InlineData("85k")]
    [InlineData("Rs 500")]
    [InlineData("1 lakh")]
    [InlineData("man nahi kar raha")]
    [InlineData("ton")]
    [InlineData("sau man")] // so/sau alone is not a number (conversations.md §3.6)
    [InlineData("🚚🚚🚚")]
    [InlineData("40ft")]
    public void Interpret_NoWeight_GivesNone(string input) =>
        Assert.Equal(WeightReadingKind.None, Read(input).Kind);

    [Theory]
    [InlineData("500 ton")]
    [InlineData("0 kg")]
    [InlineData("3000 mann")]
    public void Interpret_ImpossibleWeight_IsInvalidWithError(string input)
    {
        var reading = Read(input);

        Assert.Equal(WeightReadingKind.Invalid, reading.Kind);
        Assert.Equal("errors.load.weight_invalid", reading.Error?.Key);
    }

    [Fact]
    public void Interpret_VeryLongInput_DoesNotThrow()
    {
        var text = string.Concat(Enumerable.Repeat("bees 🚚 ٹن ", 1000));

        Assert.Equal(WeightReadingKind.Weight, Read(text).Kind);
    }
}
