using PakLoad.Conversations.Language;

namespace PakLoad.Conversations.Tests.Language;

public sealed class YesNoInterpreterTests
{
    private static Answer Read(string? message) => YesNoInterpreter.Default.Interpret(Normalizer.Normalize(message));

    [Theory]
    [InlineData("haan")]
    [InlineData("han")]
    [InlineData("haa")]
    [InlineData("Haaaan")]
    [InlineData("ji")]
    [InlineData("jee")]
    [InlineData("ji haan")]
    [InlineData("ok")]
    [InlineData("OK!")]
    [InlineData("okay bhai")]
    [InlineData("theek hai")]
    [InlineData("thik hai")]
    [InlineData("yes")]
    [InlineData("Y")]
    [InlineData("ہاں")]
    [InlineData("ہاں جی")]
    [InlineData("جی")]
    [InlineData("ٹھیک ہے")]
    [InlineData("👍")]
    public void Interpret_YesWordFirst_GivesYes(string message) => Assert.Equal(Answer.Yes, Read(message));

    [Theory]
    [InlineData("nahi")]
    [InlineData("nahin")]
    [InlineData("na")]
    [InlineData("no")]
    [InlineData("N")]
    [InlineData("nahi bhai")]
    [InlineData("ji nahi")]
    [InlineData("Jee nahin, galat hai")]
    [InlineData("نہیں")]
    [InlineData("نہ")]
    [InlineData("جی نہیں")]
    [InlineData("👎")]
    public void Interpret_NoWordFirst_GivesNo(string message) => Assert.Equal(Answer.No, Read(message));

    [Theory]
    [InlineData("pata nahi")]
    [InlineData("kal")]
    [InlineData("Karachi se Lahore")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("maybe")]
    [InlineData("20 ton")]
    [InlineData("🚚")]
    [InlineData("kya?")]
    public void Interpret_NoAnswerAtStart_GivesUnknown(string? message) => Assert.Equal(Answer.Unknown, Read(message));

    [Theory]
    [InlineData("bilkul", Answer.Yes)]
    [InlineData("BILKUL nahi", Answer.No)]
    [InlineData("haan", Answer.Unknown)]
    public void Interpret_LexiconLoadedFromJson_UsesOnlyItsWords(string message, Answer expected)
    {
        const string json = """
            { "dates": { "today": ["aaj"] }, "yes": ["bilkul"], "no": ["bilkul nahi"], "route": { "originAfter": ["se"] } }
            """;
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var interpreter = new YesNoInterpreter(WordLexicon.Load(stream));
        Assert.Equal(expected, interpreter.Interpret(Normalizer.Normalize(message)));
    }

    [Theory]
    [InlineData("se", true)]
    [InlineData("سے", true)]
    [InlineData("KAL", true)]
    [InlineData("gari", true)]
    [InlineData("karachi", false)]
    public void IsWord_Token_TellsLexiconWords(string token, bool expected) =>
        Assert.Equal(expected, WordLexicon.Default.IsWord(Normalizer.Normalize(token).Tokens[0]));

    [Fact]
    public void Interpret_HugeAndStrangeInput_DoesNotThrow()
    {
        foreach (var input in StrangeInputs.All)
        {
            _ = Read(input);
        }
    }
}
