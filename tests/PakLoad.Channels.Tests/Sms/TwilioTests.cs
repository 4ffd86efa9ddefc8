using PakLoad.Channels.Sms;
using PakLoad.Channels.Tests.Fakes;
using Twilio.Clients;

namespace PakLoad.Channels.Tests.Sms;

public sealed class TwilioTests : IAsyncDisposable
{
    private const string AccountSid = "AC00000000000000000000000000000001";
    private readonly FakeHttpServer _twilio = new();

    private static readonly Dictionary<string, string> DocumentedParameters = new(StringComparer.Ordinal)
    {
        ["CallSid"] = "CA1234567890ABCDE",
        ["Caller"] = "+12349013030",
        ["Digits"] = "1234",
        ["From"] = "+12349013030",
        ["To"] = "+18005551212",
    };

    [Fact]
    public void Signature_TwilioDocumentedVector_Validates()
    {
        var options = new TwilioOptions { AuthToken = "12345" };

        Assert.True(TwilioSignature.IsValid(options, "https://mycompany.com/myapp.php?foo=1&bar=2", DocumentedParameters, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", null));
        Assert.False(TwilioSignature.IsValid(options, "http://mycompany.com/myapp.php?foo=1&bar=2", DocumentedParameters, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", null));
        Assert.False(TwilioSignature.IsValid(options, "https://mycompany.com/myapp.php?foo=1&bar=2", DocumentedParameters, null, null));
        Assert.False(TwilioSignature.IsValid(options, "https://mycompany.com/myapp.php?foo=1&bar=2", new Dictionary<string, string>(DocumentedParameters) { ["Digits"] = "9999" }, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", null));
    }

    [Fact]
    public void Signature_WebhooksRules_UsesTheSharedKeyAndSha256()
    {
        var options = new TwilioOptions { AuthToken = "12345", WebhookRulesKey = "rules-key" };
        var url = "https://api.pakload.pk/webhooks/sms/twilio";
        var form = new Dictionary<string, string>(StringComparer.Ordinal) { ["Body"] = "salam", ["From"] = "+923001234567" };
        var data = url + "Bodysalam" + "From+923001234567";
        var signature = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData("rules-key"u8, System.Text.Encoding.UTF8.GetBytes(data)));

        Assert.True(TwilioSignature.IsValid(options, url, form, signature, "key=abc,algorithm=HMAC_SHA256"));
        Assert.False(TwilioSignature.IsValid(options, url, form, signature, null));
    }

    [Theory]
    [InlineData(null, "https", "api.pakload.pk", "", "/webhooks/sms/twilio", "", "https://api.pakload.pk/webhooks/sms/twilio")]
    [InlineData("https://api.pakload.pk/", "http", "10.0.0.7:8080", "", "/webhooks/sms/twilio", "?x=1", "https://api.pakload.pk/webhooks/sms/twilio?x=1")]
    [InlineData(null, "https", "edge.pakload.pk", "/pk", "/webhooks/sms/twilio", "", "https://edge.pakload.pk/pk/webhooks/sms/twilio")]
    public void PublicUrl_PrefersTheConfiguredBase(string? publicBase, string scheme, string host, string pathBase, string path, string query, string expected) =>
        Assert.Equal(expected, TwilioSignature.PublicUrl(publicBase is null ? null : new Uri(publicBase), scheme, host, pathBase, path, query));

    private TwilioSmsGateway Gateway() => new(
        new TwilioRestClient(AccountSid, "token", httpClient: new Twilio.Http.SystemNetHttpClient(new HttpClient(new RebaseHandler(_twilio.BaseUrl)))),
        new TwilioOptions { AccountSid = AccountSid, AuthToken = "token", From = "PakLoad", MaxSendAttempts = 3 });

    [Fact]
    public async Task Send_Success_PostsTheMessagesResource_AndReturnsTheSid()
    {
        _twilio.Then(new FakeResponse(201, TwilioBodies.Created("SM0123456789abcdef0123456789abcdef")));

        var outcome = await Gateway().SendAsync("+923001234567", "Load post ho gaya", 1, CancellationToken.None);

        Assert.Equal("SM0123456789abcdef0123456789abcdef", outcome.ProviderMessageId);
        var request = Assert.Single(_twilio.Requests);
        Assert.Equal($"/2010-04-01/Accounts/{AccountSid}/Messages.json", request.Path);
        Assert.Contains("To=%2B923001234567", request.Body, StringComparison.Ordinal);
        Assert.Contains("Body=Load+post+ho+gaya", request.Body, StringComparison.Ordinal);
        Assert.StartsWith("Basic ", request.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_InvalidNumber_FailsWithoutRetry()
    {
        _twilio.Then(new FakeResponse(400, TwilioBodies.Error(21211, "Invalid 'To' Phone Number: +92300", 400)));

        var outcome = await Gateway().SendAsync("+92300", "x", 1, CancellationToken.None);

        Assert.Equal((false, null), (outcome.Sent, outcome.RetryIn));
        Assert.StartsWith("21211", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_TooManyRequests_RetriesLater()
    {
        _twilio.Then(new FakeResponse(429, TwilioBodies.Error(20429, "Too Many Requests", 429)));

        var outcome = await Gateway().SendAsync("+923001234567", "x", 1, CancellationToken.None);

        Assert.NotNull(outcome.RetryIn);
    }

    public ValueTask DisposeAsync() => _twilio.DisposeAsync();
}
