using PakLoad.Conversations.Language;

namespace PakLoad.Conversations.Tests.Language;

public sealed class NormalizerTests
{
    [Theory]
    [InlineData("KARACHI se LAHORE", "karachi se lahore")]
    [InlineData("  bhaiiiii   jaan  ", "bhaii jaan")]
    [InlineData("۲۰ ٹن", "20 ٹن")]
    [InlineData("٢٠ طن", "20 طن")]
    [InlineData("كراچي", "کراچی")]
    [InlineData("لاهور", "لاہور")]
    [InlineData("\u200Fلاہور\u200E", "لاہور")]
    [InlineData("فیصل\u200Cآباد", "فیصلاباد")]
    [InlineData("ملـــتان", "ملتان")]
    [InlineData("Multān", "multan")]
    [InlineData("line\nbreak\ttab", "line break tab")]
    [InlineData("1000 rupay", "1000 rupay")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Normalize_TypedText_GivesOneSpelling(string? input, string expected) =>
        Assert.Equal(expected, Normalizer.Normalize(input).Text);

    [Theory]
    [InlineData("Karachi se Lahore, 20 ton!", new[] { "karachi", "se", "lahore", "20", "ton" })]
    [InlineData("1.5 lakh", new[] { "1.5", "lakh" })]
    [InlineData("kal 20/11 ko", new[] { "kal", "20/11", "ko" })]
    [InlineData("Rs 1,20,000.", new[] { "rs", "1,20,000" })]
    [InlineData("22-wheeler", new[] { "22", "wheeler" })]
    [InlineData("کراچی سے لاہور۔", new[] { "کراچی", "سے", "لاہور" })]
    public void Tokens_OfAMessage_KeepNumbersWhole(string input, string[] expected) =>
        Assert.Equal(expected, Normalizer.Normalize(input).Tokens);

    [Fact]
    public void Normalize_VeryLongInput_IsClippedNotRefused()
    {
        var result = Normalizer.Normalize(new string('a', 10_000) + " end");

        Assert.True(result.Text.Length <= Normalizer.MaxInputLength);
    }

    [Theory]
    [InlineData("\uD83D")] // a lone high surrogate
    [InlineData("abc\uDC00def")] // a lone low surrogate
    [InlineData("kal \uD83D\uDE9A aaunga")] // a whole emoji (🚚) survives
    public void Normalize_BrokenOrWholeSurrogates_NeverThrows(string input)
    {
        var result = Normalizer.Normalize(input);

        // Valid UTF-16 throughout: IsNormalized itself throws on a lone surrogate.
        Assert.True(result.Text.IsNormalized(System.Text.NormalizationForm.FormC));
    }

    [Fact]
    public void Normalize_EmojiAcrossTheCut_IsNotSplit()
    {
        var input = new string('a', Normalizer.MaxInputLength - 1) + "\uD83D\uDE9A";

        var result = Normalizer.Normalize(input);

        Assert.False(char.IsHighSurrogate(result.Text[^1]));
    }
}
