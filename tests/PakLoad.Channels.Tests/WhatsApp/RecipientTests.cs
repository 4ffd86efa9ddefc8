using System.Text.Json.Nodes;
using PakLoad.Channels.WhatsApp;

namespace PakLoad.Channels.Tests.WhatsApp;

/// <summary>A phone goes in Graph's <c>to</c>; a business-scoped user id (a username user's) in <c>recipient</c>.</summary>
public sealed class RecipientTests
{
    [Theory]
    [InlineData("+923001234567", "to")]
    [InlineData("923001234567", "to")]
    [InlineData("PK.1502576394655843", "recipient")]
    [InlineData("US.ENT.11815799212886844830", "recipient")]
    public void ToGraph_PutsThePhoneInTo_AndABsuidInRecipient(string id, string field)
    {
        var json = JsonNode.Parse(new WhatsAppText("salam").ToGraph(id).ToJsonString())!.AsObject();

        Assert.Equal(id, (string?)json[field]);
        Assert.False(json.ContainsKey(field == "to" ? "recipient" : "to"));
        Assert.Equal(("whatsapp", "individual"), ((string?)json["messaging_product"], (string?)json["recipient_type"]));
    }

    [Theory]
    [InlineData("PK.1502576394655843", true)]
    [InlineData("BR.ENT.abc123", true)]
    [InlineData("pk.1502576394655843", false)]
    [InlineData("PK.", false)]
    [InlineData("PK...", false)]
    [InlineData("PK.15025-76394", false)]
    [InlineData("+923001234567", false)]
    [InlineData("", false)]
    public void BusinessScopedUserId_IsTwoCapitalsADotAndLettersOrDigits(string id, bool expected) =>
        Assert.Equal(expected, WhatsAppMessage.IsBusinessScopedUserId(id));
}
