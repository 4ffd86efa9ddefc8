using PakLoad.Channels.Rendering;
using PakLoad.Channels.Ussd;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Common;
using static PakLoad.Channels.Tests.Rendering.Prompts;

namespace PakLoad.Channels.Tests.Rendering;

public sealed class UssdRendererTests
{
    private readonly UssdRenderer _renderer = new(PromptTexts.Default);

    public static TheoryData<Language, string> Names => new()
    {
        { Language.En, "Dera Ismail Khan" },
        { Language.UrLatn, "Dera Ismail Khan" },
        { Language.Ur, "ڈیرہ اسماعیل خان" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void MainMenu_WithTheLongestCityName_FitsScreensOfGsm7(Language language, string name)
    {
        var pages = _renderer.Pages([MainMenu(name)], language);

        Assert.All(pages, p => Assert.True(p.Length <= 160 && Gsm7.CanEncode(p), $"{p.Length}: {p}"));
        var all = string.Join('\n', pages);
        for (var i = 1; i <= 8; i++)
        {
            Assert.Contains($"{i}. ", all, StringComparison.Ordinal);
        }

        Assert.Contains("Dera Ismail Khan", all, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyOptions_ArePagedBehind98_KeepingTheirNumbers()
    {
        var titles = Enumerable.Range(1, 20).Select(i => $"Dera Ismail Khan {i}").ToArray();

        var pages = _renderer.Pages([WithTitles("Pick a city", titles)], Language.En);

        Assert.True(pages.Count > 1);
        Assert.All(pages.SkipLast(1), p => Assert.EndsWith("\n98. More", p, StringComparison.Ordinal));
        Assert.DoesNotContain("98. More", pages[^1], StringComparison.Ordinal);
        Assert.All(pages, p => Assert.InRange(p.Length, 1, 160));
        Assert.StartsWith("Pick a city\n1. ", pages[0], StringComparison.Ordinal);
        Assert.Contains("\n20. Dera Ismail Khan 20", pages[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void UrduSession_IsRenderedInRomanUrdu()
    {
        var pages = _renderer.Pages([Say("chat.post.ask_destination", new PromptArg("from", "ڈیرہ اسماعیل خان"))], Language.Ur);

        Assert.Equal("Dera Ismail Khan se kis sheher jana hai?", Assert.Single(pages));
    }

    [Fact]
    public void UssdOverride_IsUsed()
    {
        var pages = _renderer.Pages([Say("chat.menu.not_understood")], Language.En);

        Assert.Equal("Not understood. Pick a number.", Assert.Single(pages));
    }

    [Theory]
    [InlineData("کراچی")]
    [InlineData("emoji 👍")]
    public void Validate_ThrowsOnNonGsm7(string screen) =>
        Assert.Throws<ArgumentException>(() => UssdRenderer.Validate(screen));

    [Fact]
    public void Validate_ThrowsOverOneHundredSixty()
    {
        Assert.Equal(160, UssdRenderer.Validate(new string('a', 160)).Length);
        Assert.Throws<ArgumentException>(() => UssdRenderer.Validate(new string('a', 161)));
    }

    [Fact]
    public void UnknownUrduArgument_NeverLeaksOntoTheScreen()
    {
        var pages = _renderer.Pages([Say("chat.did_you_mean", new PromptArg("city", "نامعلوم"))], Language.Ur);

        Assert.True(Gsm7.CanEncode(Assert.Single(pages)));
    }
}
