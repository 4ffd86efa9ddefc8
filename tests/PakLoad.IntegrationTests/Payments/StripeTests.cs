using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PakLoad.Api.Payments;
using PakLoad.Core.Common;
using PakLoad.Core.Escrow;
using PakLoad.Core.Payments;
using PakLoad.IntegrationTests.Escrow;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Payments;

/// <summary>The host configured for Stripe, pointed at the loopback fake, with a new and an old webhook secret (a rotation).</summary>
public sealed class StripeFixture : IAsyncLifetime
{
    public const string NewSecret = "whsec_new_0123456789abcdef";
    public const string OldSecret = "whsec_old_fedcba9876543210";

    internal FakeStripe Fake { get; private set; } = null!;

    public ApiFactory Api { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Fake = await FakeStripe.StartAsync();
        Api.Settings["Stripe:SecretKey"] = "sk_test_fake";
        Api.Settings["Stripe:ApiBase"] = Fake.BaseUrl;
        Api.Settings["Stripe:WebhookSecrets:0"] = NewSecret;
        Api.Settings["Stripe:WebhookSecrets:1"] = OldSecret;
        await Api.InitializeAsync();
        Client = Api.CreateClient();
        (await Client.GetAsync("/health/live")).Dispose();
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Fake.DisposeAsync();
    }
}

/// <summary>Stripe through Stripe.net against the fake: PaymentIntents, refunds, idempotency keys, and signed webhooks.</summary>
public sealed class StripeTests(StripeFixture stripe) : IClassFixture<StripeFixture>
{
    private TestDatabase Database => stripe.Api.Database;

    [Fact]
    public async Task FundingLink_Stripe_CreatesAutomaticCapturePaymentIntentWithOurKeyOnce()
    {
        var world = await WorldAsync();

        var link = (await world.LinkAsync()).ValueOrThrow();
        var again = (await world.LinkAsync()).ValueOrThrow();

        var call = Assert.Single(stripe.Fake.Calls, c => c.Form.GetValueOrDefault("metadata[payment_id]") == link.PaymentId.ToString());
        Assert.Equal("/v1/payment_intents", call.Path);
        Assert.Equal((EscrowWorld.Price + EscrowWorld.Fee).Paisa.ToString(System.Globalization.CultureInfo.InvariantCulture), call.Form["amount"]);
        Assert.Equal(("pkr", "automatic", "true"), (call.Form["currency"], call.Form["capture_method"], call.Form["automatic_payment_methods[enabled]"]));
        Assert.Equal($"payment:{link.PaymentId}", call.IdempotencyKey);
        Assert.Equal("Bearer sk_test_fake", call.Authorization);
        Assert.StartsWith("pi_", link.ClientSecret, StringComparison.Ordinal);
        Assert.Equal(link.PaymentId, again.PaymentId);
    }

    [Fact]
    public async Task Provider_StripeFailsThenRecovers_ErrorThenSameKeyGivesOneIntent()
    {
        var provider = new StripePaymentProvider(stripe.Fake.Client());
        var request = new CheckoutRequest(PaymentId.From(Guid.NewGuid()), BookingId.From(Guid.NewGuid()), Money.FromRupees(1_000), "+923001234567", $"payment:{Guid.NewGuid()}", "test");
        var created = stripe.Fake.Created;

        stripe.Fake.FailWith = 500;
        var failed = await provider.CreateCheckoutAsync(request, default);
        stripe.Fake.FailWith = null;
        var first = await provider.CreateCheckoutAsync(request, default);
        var retried = await provider.CreateCheckoutAsync(request, default);

        Assert.Equal("errors.payment.provider_failed", failed.Error?.Key);
        Assert.Equal(first.ValueOrThrow().ProviderRef, retried.ValueOrThrow().ProviderRef);
        Assert.Equal(created + 1, stripe.Fake.Created);
        Assert.All(stripe.Fake.Calls.Where(c => c.IdempotencyKey == request.IdempotencyKey), c => Assert.Equal("1000" + "00", c.Form["amount"]));
    }

    [Fact]
    public async Task Provider_Refund_PostsPaymentIntentAmountAndKey()
    {
        var provider = new StripePaymentProvider(stripe.Fake.Client());
        var refundId = PaymentRefundId.From(Guid.NewGuid());

        var receipt = (await provider.RefundAsync(new RefundRequest(refundId, "pi_abc", Money.FromRupees(250), $"refund:{refundId}"), default)).ValueOrThrow();

        var call = Assert.Single(stripe.Fake.Calls, c => c.IdempotencyKey == $"refund:{refundId}");
        Assert.Equal(("/v1/refunds", "pi_abc", "25000", refundId.ToString()), (call.Path, call.Form["payment_intent"], call.Form["amount"], call.Form["metadata[refund_id]"]));
        Assert.StartsWith("re_", receipt.ProviderRef, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_ValidSignature_FundsEscrowOnce()
    {
        var (world, link, body) = await SucceededEventAsync();

        var response = await PostAsync(body, FakeStripe.Sign(body, DateTimeOffset.UtcNow, StripeFixture.NewSecret));

        Assert.Equal((HttpStatusCode.OK, "Applied"), (response.Status, response.Outcome));
        Assert.Equal(link.Amount, await world.EscrowBalanceAsync());
        await LedgerInvariants.AssertAsync(Database);
    }

    [Fact]
    public async Task Webhook_TamperedBody_400AndNothingStored()
    {
        var (world, _, body) = await SucceededEventAsync();
        var signature = FakeStripe.Sign(body, DateTimeOffset.UtcNow, StripeFixture.NewSecret);

        var response = await PostAsync(body.Replace("\"pkr\"", "\"usd\"", StringComparison.Ordinal), signature);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(Money.Zero, await world.EscrowBalanceAsync());
        Assert.False(await EventStoredAsync(body));
    }

    [Fact]
    public async Task Webhook_StaleTimestamp_400AndNothingStored()
    {
        var (world, _, body) = await SucceededEventAsync();

        var response = await PostAsync(body, FakeStripe.Sign(body, DateTimeOffset.UtcNow.AddMinutes(-6), StripeFixture.NewSecret));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(Money.Zero, await world.EscrowBalanceAsync());
        Assert.False(await EventStoredAsync(body));
    }

    [Theory]
    [InlineData("old", HttpStatusCode.OK)]
    [InlineData("both", HttpStatusCode.OK)]
    [InlineData("unknown", HttpStatusCode.BadRequest)]
    [InlineData("none", HttpStatusCode.BadRequest)]
    public async Task Webhook_SecretRotation_OldOrNewAcceptedOthersRefused(string signedWith, HttpStatusCode expected)
    {
        var (world, link, body) = await SucceededEventAsync();
        var now = DateTimeOffset.UtcNow;
        var header = signedWith switch
        {
            "old" => FakeStripe.Sign(body, now, StripeFixture.OldSecret),
            "both" => FakeStripe.Sign(body, now, "whsec_unknown", StripeFixture.NewSecret),
            "unknown" => FakeStripe.Sign(body, now, "whsec_somebody_else"),
            _ => string.Empty,
        };

        var response = await PostAsync(body, header);

        Assert.Equal(expected, response.Status);
        Assert.Equal(expected == HttpStatusCode.OK ? link.Amount : Money.Zero, await world.EscrowBalanceAsync());
    }

    [Fact]
    public async Task Webhook_DuplicateDelivery_AppliedOnceThenDuplicate()
    {
        var (world, link, body) = await SucceededEventAsync();
        var signature = FakeStripe.Sign(body, DateTimeOffset.UtcNow, StripeFixture.NewSecret);

        var first = await PostAsync(body, signature);
        var second = await PostAsync(body, FakeStripe.Sign(body, DateTimeOffset.UtcNow, StripeFixture.NewSecret));

        Assert.Equal(("Applied", "Duplicate"), (first.Outcome, second.Outcome));
        Assert.Equal(link.Amount, await world.EscrowBalanceAsync());
        Assert.Equal(1, await world.TransactionsAsync(LedgerTransactionKind.Funding));
        await LedgerInvariants.AssertAsync(Database);
    }

    [Fact]
    public async Task Webhook_OutOfOrder_FailedAfterSucceededChangesNothingAndUnknownTypesAreIgnored()
    {
        var (world, link, succeeded) = await SucceededEventAsync();
        var intent = FakeStripe.IntentObject(await ProviderRefAsync(link.PaymentId), link.Amount.Paisa, "requires_payment_method", link.PaymentId.Value);
        var failed = FakeStripe.Event($"evt_{Guid.NewGuid():N}", "payment_intent.payment_failed", intent);
        var created = FakeStripe.Event($"evt_{Guid.NewGuid():N}", "payment_intent.created", intent);
        var now = DateTimeOffset.UtcNow;

        var outcomes = new List<string?>();
        foreach (var body in new[] { succeeded, created, failed })
        {
            outcomes.Add((await PostAsync(body, FakeStripe.Sign(body, now, StripeFixture.NewSecret))).Outcome);
        }

        Assert.Equal(["Applied", "Ignored", "NoChange"], outcomes);
        Assert.Equal(link.Amount, await world.EscrowBalanceAsync());
        await using var db = Database.CreateContext();
        Assert.Equal(PaymentStatus.Succeeded, (await db.Payments.SingleAsync(p => p.Id == link.PaymentId)).Status);
        await LedgerInvariants.AssertAsync(Database);
    }

    private async Task<EscrowWorld> WorldAsync()
    {
        var world = await EscrowWorld.CreateAsync(Database);
        world.Providers = new PaymentProviders([new SandboxPaymentProvider(), new StripePaymentProvider(stripe.Fake.Client())]);
        world.Options = EscrowOptions.Default with { Provider = StripePaymentProvider.ProviderName };
        return world;
    }

    private async Task<(EscrowWorld World, FundingLink Link, string Body)> SucceededEventAsync()
    {
        var world = await WorldAsync();
        var link = (await world.LinkAsync()).ValueOrThrow();
        var body = FakeStripe.Event(
            $"evt_{Guid.NewGuid():N}", "payment_intent.succeeded",
            FakeStripe.IntentObject(await ProviderRefAsync(link.PaymentId), link.Amount.Paisa, "succeeded", link.PaymentId.Value));
        return (world, link, body);
    }

    private async Task<string> ProviderRefAsync(PaymentId id)
    {
        await using var db = Database.CreateContext();
        return (await db.Payments.SingleAsync(p => p.Id == id)).ProviderRef!;
    }

    private async Task<bool> EventStoredAsync(string body)
    {
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString();
        await using var db = Database.CreateContext();
        return await db.PaymentEvents.AnyAsync(e => e.EventId == id);
    }

    private async Task<(HttpStatusCode Status, string? Outcome)> PostAsync(string body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        }

        using var response = await stripe.Client.SendAsync(request);
        var outcome = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString() : null;
        return (response.StatusCode, outcome);
    }
}
