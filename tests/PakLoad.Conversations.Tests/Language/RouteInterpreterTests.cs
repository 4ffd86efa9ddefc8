using PakLoad.Conversations.Language;
using PakLoad.Core.Places;

namespace PakLoad.Conversations.Tests.Language;

public sealed class RouteInterpreterTests
{
    private static RouteReading Read(string? message) => RouteInterpreter.Default.Interpret(Normalizer.Normalize(message).Tokens);

    private static PlaceId? Id(string value) => value.Length == 0 ? null : new PlaceId(value);

    [Theory]
    [InlineData("Karachi se Lahore", "karachi", "lahore")]
    [InlineData("کراچی سے لاہور", "karachi", "lahore")]
    [InlineData("Karachi to Lahore", "karachi", "lahore")]
    [InlineData("from Faisalabad to Multan", "faisalabad", "multan")]
    [InlineData("to Lahore from Karachi", "karachi", "lahore")]
    [InlineData("Lahore ke liye Karachi se", "karachi", "lahore")]
    [InlineData("Lahore ko Faisalabad se", "faisalabad", "lahore")]
    [InlineData("Sukkur tak Quetta se", "quetta", "sukkur")]
    [InlineData("Peshawar کیلئے Karachi se", "karachi", "peshawar")]
    [InlineData("لاہور کے لیے کراچی سے", "karachi", "lahore")]
    [InlineData("Karachi Lahore", "karachi", "lahore")]
    [InlineData("karachi sy lahore", "karachi", "lahore")]
    [InlineData("KHI to LHR 22 wheeler 40 ton rate 1.8 lac", "karachi", "lahore")]
    [InlineData("کراچی سے پشاور ۳۰ ٹن سیمنٹ، پرسوں", "karachi", "peshawar")]
    [InlineData("Karachi se Lahore 20 ton kal 22 wheeler", "karachi", "lahore")]
    [InlineData("کراچی سے لاہور بیس ٹن کل", "karachi", "lahore")]
    [InlineData("Need a Mazda from Faisalabad to Multan tomorrow, 4 tons, 60k", "faisalabad", "multan")]
    [InlineData("dera ghazi khan se rahim yar khan", "dera-ghazi-khan", "rahim-yar-khan")]
    [InlineData("ڈیرہ غازی خان سے ملتان تک", "dera-ghazi-khan", "multan")]
    [InlineData("karachee se lahor", "karachi", "lahore")]
    [InlineData("faislabad se gujranwla", "faisalabad", "gujranwala")]
    [InlineData("peshawr se islamabat", "peshawar", "islamabad")]
    [InlineData("Multan ko Karachi", "karachi", "multan")]
    [InlineData("Karachi se", "karachi", "")]
    [InlineData("Multan se khali gari wapsi, koi load?", "multan", "")]
    [InlineData("from Quetta", "quetta", "")]
    [InlineData("Lahore tak", "", "lahore")]
    [InlineData("Lahore ko", "", "lahore")]
    [InlineData("Lahore ke liye gari chahiye, mazda, kal subah", "", "lahore")]
    [InlineData("lahore k liye", "", "lahore")]
    [InlineData("Islamabad ki taraf", "", "islamabad")]
    [InlineData("to Gwadar", "", "gwadar")]
    [InlineData("Lahore", "", "")]
    [InlineData("mujhe to kal chahiye", "", "")]
    [InlineData("hello bhai", "", "")]
    [InlineData("", "", "")]
    public void Interpret_WordOrder_GivesOriginAndDestination(string message, string origin, string destination)
    {
        var route = Read(message);
        Assert.Equal(Id(origin), route.Origin);
        Assert.Equal(Id(destination), route.Destination);
    }

    [Fact]
    public void Interpret_DestinationFirst_ReportsTokenSpans()
    {
        var route = Read("Lahore ke liye Karachi se");
        Assert.Equal(new TokenSpan(3, 1), route.OriginMatch.Span);
        Assert.Equal(new TokenSpan(0, 1), route.DestinationMatch.Span);
    }

    [Fact]
    public void Interpret_MultiTokenCity_ReportsWholeSpan()
    {
        var route = Read("from dera ghazi khan to multan");
        Assert.Equal(new TokenSpan(1, 3), route.OriginMatch.Span);
        Assert.Equal(new TokenSpan(5, 1), route.DestinationMatch.Span);
        Assert.True(route.IsComplete);
    }

    [Fact]
    public void Interpret_AmbiguousOrigin_KeepsCandidatesAndNoId()
    {
        var route = Read("lasoor se Karachi");
        Assert.Equal(PlaceMatchKind.Ambiguous, route.OriginMatch.Kind);
        Assert.Null(route.Origin);
        Assert.Equal(2, route.OriginMatch.Candidates.Count);
        Assert.Equal(new PlaceId("karachi"), route.Destination);
    }

    [Fact]
    public void Interpret_HugeAndStrangeInput_DoesNotThrow()
    {
        foreach (var input in StrangeInputs.All)
        {
            _ = Read(input);
        }
    }
}
