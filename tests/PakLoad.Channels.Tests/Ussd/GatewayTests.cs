using System.Text;
using System.Text.Json;
using PakLoad.Channels.Ussd;

namespace PakLoad.Channels.Tests.Ussd;

public sealed class GatewayTests
{
    private static UssdRequest At(string text) => AfricasTalking.Parse(new Dictionary<string, string>
    {
        ["sessionId"] = "ATUid_1", ["serviceCode"] = "*384*123#", ["phoneNumber"] = "+923001234567", ["networkCode"] = "41001", ["text"] = text,
    })!;

    [Theory]
    [InlineData("", null, "")]
    [InlineData("1", "", "1")]
    [InlineData("1*2", "1", "2")]
    [InlineData("1*2*03001234567", "1*2", "03001234567")]
    [InlineData("1*Lahore*Cantt", "1", "Lahore*Cantt")]
    [InlineData("1*2*3", "9*9", "3")]
    [InlineData("1*2", null, "2")]
    public void AfricasTalking_OnlyTheNewestInputIsNew_AStarInsideAnAnswerSurvives(string text, string? previous, string expected) =>
        Assert.Equal(expected, At(text).LatestInput(previous));

    [Fact]
    public void AfricasTalking_ResponseIsConOrEnd()
    {
        Assert.Equal("CON Choose:\n1. Post", AfricasTalking.Format(new UssdResponse("Choose:\n1. Post", true)));
        Assert.Equal("END Shukriya", AfricasTalking.Format(new UssdResponse("Shukriya", false)));
    }

    [Theory]
    [InlineData("Success", "Success")]
    [InlineData("Incomplete", "Incomplete")]
    [InlineData("Failed", "Failed")]
    [InlineData("failed", "Unknown")]
    [InlineData("", "Unknown")]
    public void AfricasTalking_EndOfSession_StatusIsOneOfFour(string sent, string expected)
    {
        var report = AfricasTalking.ParseEnd(new Dictionary<string, string> { ["sessionId"] = "ATUid_1", ["status"] = sent });

        Assert.Equal(expected, report!.Status);
    }

    [Fact]
    public void AfricasTalking_EndOfSession_ReadsItsFields_CutsLongText_AndNeedsASession()
    {
        var report = AfricasTalking.ParseEnd(new Dictionary<string, string>
        {
            ["sessionId"] = "ATUid_1", ["phoneNumber"] = "+923001234567", ["serviceCode"] = "*384*123#", ["networkCode"] = "41001",
            ["status"] = "Failed", ["errorMessage"] = new string('e', 5000), ["cost"] = "KES 0.0100", ["durationInMillis"] = "1200",
            ["hopsCount"] = "x",
        })!;

        Assert.Equal(("at", "ATUid_1", "+923001234567", "*384*123#", "41001", "KES 0.0100", 1200L), (report.Gateway, report.SessionId, report.Phone, report.ServiceCode, report.NetworkCode, report.Cost, report.DurationMs));
        Assert.Equal(1000, report.ErrorMessage!.Length);
        Assert.Null(report.Hops);
        Assert.Null(AfricasTalking.ParseEnd(new Dictionary<string, string> { ["status"] = "Success" }));
        Assert.Null(AfricasTalking.ParseEnd(new Dictionary<string, string> { ["sessionId"] = string.Empty }));
    }

    [Fact]
    public void AfricasTalking_WithoutSessionOrPhone_IsNotARequest() =>
        Assert.Null(AfricasTalking.Parse(new Dictionary<string, string> { ["text"] = "1" }));

    [Fact]
    public void AfricasTalking_HopIdIsTheFullText()
    {
        var hop = At("1*2");

        Assert.Equal(("at", "ATUid_1", "1*2", "+923001234567"), (hop.Gateway, hop.SessionId, hop.HopId, hop.Msisdn));
    }

    [Fact]
    public void Hubtel_MapsTypesAndTheLatestInput()
    {
        static UssdRequest Parse(string json) => HubtelJson.Parse(Encoding.UTF8.GetBytes(json))!;

        var start = Parse("""{"Mobile":"+923001234567","SessionId":"s1","ServiceCode":"713","Type":"Initiation","Message":"*713#","Operator":"Jazz","Sequence":1,"ClientState":""}""");
        var hop = Parse("""{"Mobile":"+923001234567","SessionId":"s1","ServiceCode":"713","Type":"Response","Message":"2","Operator":"Jazz","Sequence":2}""");
        var timeout = Parse("""{"Mobile":"+923001234567","SessionId":"s1","Type":"Timeout","Message":"","Sequence":3}""");

        Assert.Equal(("", "1", false), (start.LatestInput(null), start.HopId, start.IsEnd));
        Assert.Equal(("2", "2"), (hop.LatestInput("anything"), hop.HopId));
        Assert.True(timeout.IsEnd);
        Assert.Null(HubtelJson.Parse("not json"u8));
        Assert.Null(HubtelJson.Parse("""{"SessionId":"s1"}"""u8));
    }

    [Fact]
    public void Hubtel_ResponseIsResponseOrRelease()
    {
        var open = JsonDocument.Parse(HubtelJson.Format(new UssdResponse("Menu", true))).RootElement;
        var closed = JsonDocument.Parse(HubtelJson.Format(new UssdResponse("Bye", false))).RootElement;

        Assert.Equal(("Response", "Menu"), (open.GetProperty("Type").GetString(), open.GetProperty("Message").GetString()));
        Assert.Equal("Release", closed.GetProperty("Type").GetString());
    }
}
