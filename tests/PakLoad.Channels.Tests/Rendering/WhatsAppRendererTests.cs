using System.Text.Json.Nodes;
using PakLoad.Channels.Rendering;
using PakLoad.Channels.WhatsApp;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Common;
using static PakLoad.Channels.Tests.Rendering.Prompts;

namespace PakLoad.Channels.Tests.Rendering;

public sealed class WhatsAppRendererTests
{
    private readonly WhatsAppRenderer _renderer = new(PromptTexts.Default);

    [Theory]
    [InlineData(Language.En)]
    [InlineData(Language.UrLatn)]
    [InlineData(Language.Ur)]
    public void MainMenu_EightOptions_IsAListWithinLimits(Language language)
    {
        var messages = _renderer.Render([MainMenu("Dera Ismail Khan Goods Transport")], language);

        var list = Assert.IsType<WhatsAppList>(Assert.Single(messages));
        Assert.Equal(8, list.Rows.Count);
        Assert.All(list.Rows, r => Assert.InRange(r.Title.Length, 1, WhatsAppList.MaxRowTitle));
        Assert.Equal(["post", "myloads", "find", "mybids", "trips", "truck", "language", "help"], list.Rows.Select(r => r.Id));
        Assert.Equal(language == Language.Ur, HasUrduScript(list.Body + string.Concat(list.Rows.Select(r => r.Title)) + list.ButtonLabel));
    }

    [Fact]
    public void ThreeShortOptions_AreReplyButtons_WithOurIds()
    {
        var messages = _renderer.Render([Ask("chat.myloads.ask_action", PromptExpects.Choice, "chat.option.accept", "chat.option.counter", "chat.option.reject")], Language.En);

        var buttons = Assert.IsType<WhatsAppButtons>(Assert.Single(messages));
        Assert.Equal(["o0", "o1", "o2"], buttons.Buttons.Select(b => b.Id));
        Assert.Equal(["Accept", "Counter", "Reject"], buttons.Buttons.Select(b => b.Title));
    }

    [Fact]
    public void ButtonTitleOfTwentyOneCharacters_BecomesAList()
    {
        var messages = _renderer.Render([WithTitles("Pick one", "Dera Ismail Khan 1234", "Lahore")], Language.En);

        Assert.IsType<WhatsAppList>(Assert.Single(messages));
    }

    [Fact]
    public void RowTitleOverTwentyFour_OrElevenOptions_FallsBackToNumberedText()
    {
        var longTitle = _renderer.Render([WithTitles("Pick one", "Dera Ismail Khan -> Muzaffargarh", "Lahore")], Language.En);
        var eleven = _renderer.Render([WithTitles("Pick one", Enumerable.Range(1, 11).Select(i => "City " + i).ToArray())], Language.En);

        var text = Assert.IsType<WhatsAppText>(Assert.Single(longTitle));
        Assert.Equal("Pick one\n1. Dera Ismail Khan -> Muzaffargarh\n2. Lahore", text.Body);
        Assert.EndsWith("\n11. City 11", Assert.IsType<WhatsAppText>(Assert.Single(eleven)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public void LocationPrompt_IsALocationRequest()
    {
        var messages = _renderer.Render([new Prompt("chat.find.ask_location", [], [], PromptExpects.Location)], Language.UrLatn);

        var request = Assert.IsType<WhatsAppLocationRequest>(Assert.Single(messages));
        var json = request.ToGraph("+923001234567");
        Assert.Equal("location_request_message", (string?)json["interactive"]!["type"]);
        Assert.Equal("send_location", (string?)json["interactive"]!["action"]!["name"]);
    }

    [Fact]
    public void StatementsBeforeAQuestion_AreItsBody()
    {
        var messages = _renderer.Render(
            [Say("chat.onboard.welcome", new PromptArg("name", "ڈیرہ اسماعیل خان")), MainMenu("ڈیرہ اسماعیل خان")], Language.Ur);

        var list = Assert.IsType<WhatsAppList>(Assert.Single(messages));
        Assert.StartsWith("شکریہ ڈیرہ اسماعیل خان", list.Body, StringComparison.Ordinal);
        Assert.Contains('\n', list.Body);
    }

    [Fact]
    public void StatementsOnly_AreOneText()
    {
        var messages = _renderer.Render([Say("chat.updated"), Say("chat.language.changed")], Language.En);

        Assert.Equal("Updated.\nLanguage changed.", Assert.IsType<WhatsAppText>(Assert.Single(messages)).Body);
    }

    [Theory]
    [InlineData("123456789012345678901")]
    [InlineData("")]
    public void ButtonBuilder_RefusesBadTitles_BeforeAnyHttpCall(string title) =>
        Assert.Throws<ArgumentException>(() => new WhatsAppButtons("body", [new ReplyButton("a", title)]));

    [Fact]
    public void Builders_RefuseFourButtons_ElevenRows_DuplicateTitles_AndLongBodies()
    {
        Assert.Throws<ArgumentException>(() => new WhatsAppButtons("b", [new("1", "a"), new("2", "b"), new("3", "c"), new("4", "d")]));
        Assert.Throws<ArgumentException>(() => new WhatsAppButtons("b", [new("1", "a"), new("2", "a")]));
        Assert.Throws<ArgumentException>(() => new WhatsAppList("b", "Choose", Enumerable.Range(0, 11).Select(i => new ListRow("r" + i, "t")).ToList()));
        Assert.Throws<ArgumentException>(() => new WhatsAppList("b", "Choose", [new ListRow("r", new string('x', 25))]));
        Assert.Throws<ArgumentException>(() => new WhatsAppText(new string('x', 4097)));
        Assert.Throws<ArgumentException>(() => new WhatsAppLocationRequest(new string('x', 1025)));
    }

    [Fact]
    public void Buttons_SerialiseToGraphShape()
    {
        var json = new WhatsAppButtons("Bid?", [new ReplyButton("yes", "Yes"), new ReplyButton("no", "No")]).ToGraph("+923001234567");

        var expected = JsonNode.Parse("""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"+923001234567","type":"interactive",
             "interactive":{"type":"button","body":{"text":"Bid?"},"action":{"buttons":[
               {"type":"reply","reply":{"id":"yes","title":"Yes"}},{"type":"reply","reply":{"id":"no","title":"No"}}]}}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, json), json.ToJsonString());
    }
}
