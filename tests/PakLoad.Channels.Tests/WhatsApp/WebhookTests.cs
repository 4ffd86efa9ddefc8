using System.Text;
using PakLoad.Channels.WhatsApp;
using PakLoad.Conversations.Engine;

namespace PakLoad.Channels.Tests.WhatsApp;

public sealed class WebhookTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("secret");

    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    [Fact]
    public void Signature_KnownVector_Validates()
    {
        var body = Encoding.UTF8.GetBytes("test");
        const string header = "sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914";

        Assert.True(MetaSignature.IsValid(body, header, Secret));
        Assert.Equal(header, MetaSignature.Sign(body, Secret));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha1=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914")]
    [InlineData("sha256=0329A06B62CD16B33EB6792BE8C60B158D89A2EE3A876FCE9A881EBB488C0915")]
    [InlineData("sha256=zz29a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914")]
    [InlineData("sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c091")]
    public void Signature_MissingMalformedOrWrong_Fails(string? header) =>
        Assert.False(MetaSignature.IsValid(Encoding.UTF8.GetBytes("test"), header, Secret));

    [Fact]
    public void Signature_IsOverTheRawBytes_NotReserialisedJson()
    {
        // Meta escapes non-ASCII: the raw body holds \u00e9, a re-serialised one would hold é.
        var raw = Encoding.UTF8.GetBytes("""{"text":{"body":"caf\u00e9"}}""");
        var header = MetaSignature.Sign(raw, Secret);

        Assert.True(MetaSignature.IsValid(raw, header, Secret));
        Assert.False(MetaSignature.IsValid(Encoding.UTF8.GetBytes("""{"text":{"body":"café"}}"""), header, Secret));
    }

    [Fact]
    public void VerifyToken_ComparesExactly()
    {
        Assert.True(MetaSignature.TokenMatches("tok-123", "tok-123"));
        Assert.False(MetaSignature.TokenMatches("tok-124", "tok-123"));
        Assert.False(MetaSignature.TokenMatches(null, "tok-123"));
        Assert.False(MetaSignature.TokenMatches("", ""));
    }

    [Fact]
    public void Parser_WalksEveryEntryChangeMessageAndStatus()
    {
        var webhook = WebhookParser.Parse(Fixture("whatsapp-mixed.json"))!;

        Assert.Equal(
            ["wamid.text1", "wamid.button1", "wamid.list1", "wamid.tpl1", "wamid.voice1", "wamid.loc1", "wamid.img1", "wamid.doc1", "wamid.unsup1", "wamid.unknown1", "wamid.reaction1", "wamid.bsuid1"],
            webhook.Messages.Select(m => m.MessageId));
        Assert.Equal(["delivered", "failed"], webhook.Statuses.Select(s => s.Status));
        Assert.Equal(131047, webhook.Statuses[1].ErrorCode);
        Assert.Equal(0, webhook.Errors);
        Assert.All(webhook.Messages, m => Assert.Equal("106540352242922", m.PhoneNumberId));
    }

    [Fact]
    public void Parser_ReadsEachMessageType()
    {
        var m = WebhookParser.Parse(Fixture("whatsapp-mixed.json"))!.Messages.ToDictionary(x => x.MessageId);

        Assert.Equal((InboundKind.Text, "Karachi se Lahore 20 ton kal"), (m["wamid.text1"].Kind, m["wamid.text1"].Text));
        Assert.Equal("+923001234567", m["wamid.text1"].Phone!.E164);
        Assert.Equal("PK.1502576394655843", m["wamid.text1"].UserId);
        Assert.Equal((InboundKind.Button, "accept", "wamid.ours1"), (m["wamid.button1"].Kind, m["wamid.button1"].ButtonId, m["wamid.button1"].ContextId));
        Assert.Equal((InboundKind.Button, "find"), (m["wamid.list1"].Kind, m["wamid.list1"].ButtonId));
        Assert.Equal((InboundKind.Button, "ACCEPT:123", "wamid.template1"), (m["wamid.tpl1"].Kind, m["wamid.tpl1"].ButtonId, m["wamid.tpl1"].ContextId));
        Assert.Equal((InboundKind.Voice, "1003383421387256", true), (m["wamid.voice1"].Kind, m["wamid.voice1"].MediaId, m["wamid.voice1"].Voice));
        Assert.Equal(InboundKind.Location, m["wamid.loc1"].Kind);
        Assert.Equal(31.5204, m["wamid.loc1"].Location!.Value.Latitude, 6);
        Assert.Equal(74.3587, m["wamid.loc1"].Location!.Value.Longitude, 6);
        Assert.Equal((InboundKind.Image, "2754859441498128"), (m["wamid.img1"].Kind, m["wamid.img1"].MediaId));
        Assert.Equal(InboundKind.Document, m["wamid.doc1"].Kind);
        Assert.Equal((InboundKind.Unsupported, 131051), (m["wamid.unsup1"].Kind, m["wamid.unsup1"].ErrorCode));
        Assert.Equal(InboundKind.Unsupported, m["wamid.unknown1"].Kind);
        Assert.Equal(InboundKind.Unsupported, m["wamid.reaction1"].Kind);
    }

    [Fact]
    public void Parser_UsernameUserWithoutFrom_KeepsTheBsuid()
    {
        var bsuid = WebhookParser.Parse(Fixture("whatsapp-mixed.json"))!.Messages.Single(x => x.MessageId == "wamid.bsuid1");

        Assert.Null(bsuid.WaId);
        Assert.Null(bsuid.Phone);
        Assert.Equal("PK.9988776655", bsuid.UserId);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"object":"page","entry":[]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":{}}""")]
    [InlineData("[1,2,3]")]
    public void Parser_NotAWhatsAppWebhook_IsNull(string body) =>
        Assert.Null(WebhookParser.Parse(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void Parser_OneBadItem_DoesNotDropTheOthers()
    {
        var body = """
            {"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"1"},
             "messages":[{"from":"923001234567","type":"text","text":{"body":"no id"}},
                         {"from":"923001234567","id":"wamid.ok","type":"location","location":{"latitude":"north"}},
                         {"from":"923001234567","id":"wamid.ok2","type":"text","text":{"body":"hi"}}],
             "statuses":[{"status":"sent"}]}}]}]}
            """;

        var webhook = WebhookParser.Parse(Encoding.UTF8.GetBytes(body))!;

        Assert.Equal("wamid.ok2", Assert.Single(webhook.Messages).MessageId);
        Assert.Equal(3, webhook.Errors);
    }
}
