using PakLoad.Conversations.Language;
using PakLoad.Core.Places;

namespace PakLoad.Conversations.Tests.Language;

public sealed class PlaceInterpreterTests
{
    private static PlaceMatch Read(string? message) => PlaceInterpreter.Default.Interpret(Normalizer.Normalize(message).Tokens);

    [Theory]
    [InlineData("karachi", "karachi", 0, 1)]
    [InlineData("KARACHI", "karachi", 0, 1)]
    [InlineData("KHI", "karachi", 0, 1)]
    [InlineData("کراچی", "karachi", 0, 1)]
    [InlineData("كراچي", "karachi", 0, 1)]
    [InlineData("karachee", "karachi", 0, 1)]
    [InlineData("lahor", "lahore", 0, 1)]
    [InlineData("faislabad", "faisalabad", 0, 1)]
    [InlineData("gujranwla", "gujranwala", 0, 1)]
    [InlineData("faisal abad", "faisalabad", 0, 2)]
    [InlineData("فیصل آباد", "faisalabad", 0, 2)]
    [InlineData("dera ghazi khan", "dera-ghazi-khan", 0, 3)]
    [InlineData("D.G. Khan", "dera-ghazi-khan", 0, 3)]
    [InlineData("ڈیرہ غازی خان", "dera-ghazi-khan", 0, 3)]
    [InlineData("rahim yar khan", "rahim-yar-khan", 0, 3)]
    [InlineData("gari rahim yar khan ke liye", "rahim-yar-khan", 1, 3)]
    [InlineData("RYK", "rahim-yar-khan", 0, 1)]
    [InlineData("mujhe Sukkur bhejna hai", "sukkur", 1, 1)]
    [InlineData("سكھر", "sukkur", 0, 1)]
    [InlineData("lyallpur", "faisalabad", 0, 1)]
    [InlineData("ملتا ن", "multan", 0, 2)]
    [InlineData("dera ghazi khn", "dera-ghazi-khan", 0, 2)]
    public void Interpret_ListedSpelling_GivesExactPlace(string message, string expected, int start, int length)
    {
        var match = Read(message);
        Assert.Equal(PlaceMatchKind.Exact, match.Kind);
        Assert.Equal(new PlaceId(expected), match.Place);
        Assert.Equal(new TokenSpan(start, length), match.Span);
    }

    [Theory]
    [InlineData("lahoure", "lahore")]
    [InlineData("karachhi", "karachi")]
    [InlineData("peshawr", "peshawar")]
    [InlineData("islamabat", "islamabad")]
    [InlineData("multn", "multan")]
    [InlineData("quettaa", "quetta")]
    [InlineData("gujranwaal", "gujranwala")]
    [InlineData("faislabaad", "faisalabad")]
    [InlineData("hyderbaad", "hyderabad")]
    [InlineData("dera ghazee khan", "dera-ghazi-khan")]
    [InlineData("rahim yaar khn", "rahim-yar-khan")]
    [InlineData("ملتاں", "multan")]
    [InlineData("پشاوور", "peshawar")]
    public void Interpret_CloseMisspelling_GivesFuzzyPlace(string message, string expected)
    {
        var match = Read(message);
        Assert.Equal(PlaceMatchKind.Fuzzy, match.Kind);
        Assert.Equal(new PlaceId(expected), match.Place);
    }

    [Theory]
    [InlineData("kohta", "kohat", "quetta")]
    [InlineData("lasoor", "lahore", "kasur")]
    public void Interpret_MisspellingEquallyCloseToTwoCities_GivesAmbiguousWithBoth(string message, string one, string other)
    {
        var match = Read(message);
        Assert.Equal(PlaceMatchKind.Ambiguous, match.Kind);
        Assert.Null(match.Place);
        Assert.Equal(new[] { one, other }.Order(StringComparer.Ordinal), match.Candidates.Select(c => c.Value).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("se")]
    [InlineData("kal")]
    [InlineData("gari chahiye")]
    [InlineData("hello bhai")]
    [InlineData("xyzxyz")]
    [InlineData("20 ton")]
    [InlineData("mazda dala")]
    [InlineData("load rate tons")]
    [InlineData("wahan")]
    [InlineData("🚚🚛")]
    [InlineData("karachixyzw")]
    [InlineData("chawal")]
    [InlineData("matlab")]
    [InlineData("dobara bhejo")]
    [InlineData("jana hai")]
    public void Interpret_NoCity_GivesNone(string? message) => Assert.Equal(PlaceMatchKind.None, Read(message).Kind);

    [Fact]
    public void FindAll_TwoCities_GivesBothInOrder()
    {
        var found = PlaceInterpreter.Default.FindAll(Normalizer.Normalize("dera ghazi khan se lahor").Tokens);
        Assert.Equal([new PlaceId("dera-ghazi-khan"), new PlaceId("lahore")], found.Select(f => f.Place!.Value));
    }

    [Fact]
    public void Interpret_HugeAndStrangeInput_DoesNotThrow()
    {
        foreach (var input in StrangeInputs.All)
        {
            _ = Read(input);
            _ = PlaceInterpreter.Default.FindAll(Normalizer.Normalize(input).Tokens);
        }
    }
}
