using PakLoad.Channels.Rendering;
using PakLoad.Channels.Sms;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Common;
using static PakLoad.Channels.Tests.Rendering.Prompts;

namespace PakLoad.Channels.Tests.Rendering;

public sealed class SmsRenderingTests
{
    private const string UrduSentence = "آپ کا لوڈ کراچی سے لاہور کے لیے بک ہو گیا ہے";

    public static TheoryData<string, SmsEncoding, int> Texts => new()
    {
        { new string('a', 160), SmsEncoding.Gsm7, 1 },
        { new string('a', 161), SmsEncoding.Gsm7, 2 },
        { new string('a', 306), SmsEncoding.Gsm7, 2 },
        { new string('a', 307), SmsEncoding.Gsm7, 3 },
        { new string('[', 80), SmsEncoding.Gsm7, 1 },
        { new string('[', 81), SmsEncoding.Gsm7, 2 },
        { new string('ک', 70), SmsEncoding.Ucs2, 1 },
        { new string('ک', 71), SmsEncoding.Ucs2, 2 },
        { new string('ک', 134), SmsEncoding.Ucs2, 2 },
        { new string('ک', 135), SmsEncoding.Ucs2, 3 },
        { UrduSentence, SmsEncoding.Ucs2, 1 },
        { new string('a', 159) + "’", SmsEncoding.Ucs2, 3 },
        { string.Empty, SmsEncoding.Gsm7, 1 },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Measure_GivesEncodingAndSegments(string text, SmsEncoding encoding, int segments)
    {
        var measured = SmsText.Measure(text);

        Assert.Equal(encoding, measured.Encoding);
        Assert.Equal(segments, measured.Segments);
    }

    [Theory]
    [InlineData(Language.En)]
    [InlineData(Language.UrLatn)]
    [InlineData(Language.Ur)]
    public void MainMenu_FitsTwoSegments_NumberedOptions(Language language)
    {
        var sms = new SmsRenderer(PromptTexts.Default).Render([Say("chat.onboard.welcome", new PromptArg("name", "Dera Ismail Khan")), MainMenu("Dera Ismail Khan")], language);

        Assert.InRange(SmsText.Measure(sms).Segments, 1, 2);
        Assert.Contains("\n1 ", sms, StringComparison.Ordinal);
    }

    [Fact]
    public void UrduTooLongForTwoUcs2Segments_FallsBackToRomanUrdu_CityNamesIncluded()
    {
        var prompts = new[] { Say("chat.post.ask_destination", new PromptArg("from", "ڈیرہ اسماعیل خان")), MainMenu("ڈیرہ اسماعیل خان") };

        var sms = new SmsRenderer(PromptTexts.Default).Render(prompts, Language.Ur);

        Assert.False(HasUrduScript(sms), sms);
        Assert.StartsWith("Dera Ismail Khan se kis sheher jana hai?", sms, StringComparison.Ordinal);
        Assert.Equal(SmsEncoding.Gsm7, SmsText.Measure(sms).Encoding);
        Assert.InRange(SmsText.Measure(sms).Segments, 1, 2);
    }

    [Fact]
    public void ShortUrdu_StaysInUrduScript()
    {
        var sms = new SmsRenderer(PromptTexts.Default).Render([Say("chat.updated")], Language.Ur);

        Assert.Equal("تبدیل کر دیا۔", sms);
    }

    [Fact]
    public void Fit_CutsAtAWordWithinTheBudget()
    {
        var text = string.Join(' ', Enumerable.Repeat("Karachi", 60));

        var fitted = SmsRenderer.Fit(text, 2);

        Assert.EndsWith("Karachi..", fitted, StringComparison.Ordinal);
        Assert.Equal(2, SmsText.Measure(fitted).Segments);
    }
}
