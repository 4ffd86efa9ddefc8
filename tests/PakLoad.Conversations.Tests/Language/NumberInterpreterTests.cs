using System.Globalization;
using System.Text;
using PakLoad.Conversations.Language;

namespace PakLoad.Conversations.Tests.Language;

public sealed class NumberInterpreterTests
{
    private static IReadOnlyList<NumberMatch> Find(string input) =>
        NumberInterpreter.Default.FindAll(Normalizer.Normalize(input));

    [Theory]
    // digits
    [InlineData("20", "20")]
    [InlineData("1.5", "1.5")]
    [InlineData("1,20,000", "120000")]
    [InlineData("85,000", "85000")]
    [InlineData("120,000", "120000")]
    [InlineData("120k", "120000")]
    [InlineData("85 k", "85000")]
    [InlineData("1.5k", "1500")]
    [InlineData("۲۰", "20")]
    [InlineData("٢٥٠٠", "2500")]
    [InlineData("0", "0")]
    // Roman Urdu words
    [InlineData("ek", "1")]
    [InlineData("aik", "1")]
    [InlineData("teen", "3")]
    [InlineData("chaar", "4")]
    [InlineData("paanch", "5")]
    [InlineData("chhe", "6")]
    [InlineData("aath", "8")]
    [InlineData("nau", "9")]
    [InlineData("das", "10")]
    [InlineData("gyarah", "11")]
    [InlineData("barah", "12")]
    [InlineData("bees", "20")]
    [InlineData("pachees", "25")]
    [InlineData("pachas", "50")]
    [InlineData("pachattar", "75")]
    [InlineData("nabbe", "90")]
    [InlineData("ninanve", "99")]
    [InlineData("BEES", "20")]
    // Urdu script
    [InlineData("ایک", "1")]
    [InlineData("آٹھ", "8")]
    [InlineData("بیس", "20")]
    [InlineData("بائیس", "22")]
    [InlineData("پچاس", "50")]
    [InlineData("گیارہ", "11")]
    [InlineData("گيارہ", "11")] // Arabic yeh
    [InlineData("ننانوے", "99")]
    // English
    [InlineData("twenty two", "22")]
    [InlineData("twenty", "20")]
    [InlineData("ninety nine", "99")]
    [InlineData("one hundred and twenty", "120")]
    [InlineData("two thousand five hundred", "2500")]
    [InlineData("three million", "3000000")]
    // compounds
    [InlineData("1 lakh 20 hazar", "120000")]
    [InlineData("ek lakh 8 hazar", "108000")]
    [InlineData("ایک لاکھ 8 ہزار", "108000")]
    [InlineData("1.5 lakh", "150000")]
    [InlineData("1.2 lac", "120000")]
    [InlineData("1.5lakh", "150000")]
    [InlineData("dedh lakh", "150000")]
    [InlineData("ڈیڑھ لاکھ", "150000")]
    [InlineData("dhai sau", "250")]
    [InlineData("dedh sau", "150")]
    [InlineData("do sau pachas", "250")]
    [InlineData("ek hazar do sau", "1200")]
    [InlineData("saade teen hazar", "3500")]
    [InlineData("saade teen", "3.5")]
    [InlineData("paune do", "1.75")]
    [InlineData("sawa do lakh", "225000")]
    [InlineData("sawa sau", "125")]
    [InlineData("paune do lakh", "175000")]
    [InlineData("ساڑھے تین ہزار", "3500")]
    [InlineData("1 کروڑ 49 لاکھ 10 ہزار 352", "14910352")]
    [InlineData("2 crore", "20000000")]
    [InlineData("do crore", "20000000")]
    [InlineData("pachas hazar", "50000")]
    [InlineData("پچاس ہزار", "50000")]
    [InlineData("aadha", "0.5")]
    public void FindAll_NumberExpression_GivesOneValue(string input, string expected)
    {
        var matches = Find(input);

        var match = Assert.Single(matches);
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), match.Value);
        Assert.Equal(Normalizer.Normalize(input).Tokens.Count, match.Length);
    }

    [Theory]
    [InlineData("karachi se lahore 20 ton kal", "20", 3)]
    [InlineData("rate 1.8 lac hai", "180000", 1)]
    [InlineData("bhai 85 hazar final", "85000", 1)]
    [InlineData("کراچی سے لاہور ۲۰ ٹن کل", "20", 3)]
    [InlineData("mujhe dedh sau mann chahiye", "150", 1)]
    public void FindAll_NumberInsideSentence_GivesValueAndSpanStart(string input, string expected, int start)
    {
        var match = Assert.Single(Find(input));

        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), match.Value);
        Assert.Equal(start, match.Start);
    }

    [Theory]
    [InlineData("20 30", 2)]
    [InlineData("20 hazar 1 lakh", 2)]
    [InlineData("20 hazar 1lakh", 2)]
    [InlineData("1 lakh 2 lakh", 2)]
    [InlineData("22 wheeler 40 ton", 2)]
    [InlineData("bees tees", 2)]
    public void FindAll_SeparateNumbers_GivesEachOnItsOwn(string input, int count) =>
        Assert.Equal(count, Find(input).Count);

    [Theory]
    [InlineData("20 hazar 1 lakh", "20000|100000")]
    [InlineData("ek lakh, do lakh", "100000|200000")]
    [InlineData("20 ton 85k", "20|85000")]
    [InlineData("۲۰ ٹن، ڈیڑھ لاکھ", "20|150000")]
    public void FindAll_SeveralNumbers_GivesValuesInOrder(string input, string expected) =>
        Assert.Equal(
            expected.Split('|').Select(v => decimal.Parse(v, CultureInfo.InvariantCulture)),
            Find(input).Select(m => m.Value));

    [Theory]
    [InlineData("gari do")]
    [InlineData("no")]
    [InlineData("bara truck")]
    [InlineData("mere sath")]
    [InlineData("do ton")] // the unit, not the number, makes "do" a number: WeightInterpreter decides
    public void FindAll_AmbiguousWordAlone_IsMarkedWeak(string input) =>
        Assert.True(Assert.Single(Find(input)).Is(NumberTraits.Weak));

    [Theory]
    [InlineData("do hazar")]
    [InlineData("do sau")]
    [InlineData("paune do")]
    [InlineData("do lakh")]
    public void FindAll_AmbiguousWordInPhrase_IsNotWeak(string input) =>
        Assert.False(Assert.Single(Find(input)).Is(NumberTraits.Weak));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("karachi se lahore")]
    [InlineData("hello bhai kya haal hai")]
    [InlineData("so")]
    [InlineData("lakh")]
    [InlineData("hazar")]
    [InlineData("lahore k liye")]
    [InlineData("20/11")]
    [InlineData("10:30")]
    [InlineData("85,00")]
    [InlineData("1.2.3")]
    [InlineData("0300 1234567")]
    [InlineData("03001234567")]
    [InlineData("سلام بھائی")]
    [InlineData("👍👍👍")]
    [InlineData("saade")]
    [InlineData("!!!???")]
    public void FindAll_NoNumber_GivesNothing(string input) =>
        Assert.Empty(Find(input));

    [Theory]
    [InlineData("20t", 2)]
    [InlineData("500kg", 3)]
    public void FindAll_GluedUnit_KeepsSuffixForCaller(string input, int suffixStart)
    {
        var match = Assert.Single(Find(input));

        Assert.Equal(suffixStart, match.SuffixStart);
    }

    [Fact]
    public void FindAll_VeryLongInput_DoesNotThrow()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            builder.Append("99999999999999999999 crore lakh hazar sau saade paune ");
        }

        var matches = Find(builder.ToString());

        Assert.NotEmpty(matches);
    }

    [Fact]
    public void FindAll_RandomUnicode_DoesNotThrow()
    {
        var random = new Random(20261125);
        for (var n = 0; n < 500; n++)
        {
            var chars = new char[random.Next(0, 64)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = random.Next(4) switch
                {
                    0 => (char)random.Next('0', '9' + 1),
                    1 => (char)random.Next(0x0600, 0x06FF),
                    2 => " ,.k/-"[random.Next(6)],
                    _ => (char)random.Next(0, 0xD7FF),
                };
            }

            var text = Normalizer.Normalize(new string(chars) + "😀🚚");
            _ = NumberInterpreter.Default.FindAll(text);
            _ = MoneyInterpreter.Default.Interpret(text);
            _ = WeightInterpreter.Default.Interpret(text);
        }
    }

    [Fact]
    public void Lexicon_Embedded_HasUrduAndRomanSpellingForZeroToNinetyNine()
    {
        using var stream = typeof(NumberLexicon).Assembly.GetManifestResourceStream(NumberLexicon.ResourceName);
        Assert.NotNull(stream);
        using var document = System.Text.Json.JsonDocument.Parse(stream);
        var values = document.RootElement.GetProperty("values");

        for (var n = 0; n <= 99; n++)
        {
            var forms = values.GetProperty(n.ToString(CultureInfo.InvariantCulture)).EnumerateArray()
                .Select(f => Normalizer.Normalize(f.GetString()).Text).ToList();
            Assert.Contains(forms, f => f.Any(c => c is >= '\u0600' and <= '\u06FF'));
            Assert.Contains(forms, f => f.All(char.IsAsciiLetterLower));
            Assert.All(forms, f =>
            {
                Assert.True(NumberLexicon.Default.TryGetWord(f, out var word), f);
                Assert.Equal(n, word.Value);
            });
        }
    }

    [Theory]
    [InlineData("\"values\": { \"1\": [\"ek\"], \"2\": [\"ek\"] }")]
    [InlineData("\"values\": { \"1\": [\"ek do\"] }")]
    public void LexiconParse_ContradictoryOrMultiWordSpelling_Throws(string values)
    {
        var json = "{" + values + ", \"english\": [], \"hundreds\": [], \"multipliers\": {}, \"digitMultipliers\": {},"
                   + " \"fractions\": {}, \"prefixes\": {}, \"connectors\": [], \"weak\": [], \"currency\": [], \"weightUnits\": {} }";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        Assert.Throws<InvalidDataException>(() => NumberLexicon.Parse(stream));
    }
}
