using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stripe;

namespace PakLoad.IntegrationTests.Payments;

/// <summary>One request as the fake received it: path, form fields and the Idempotency-Key header.</summary>
internal sealed record StripeCall(string Path, IReadOnlyDictionary<string, string> Form, string? IdempotencyKey, string? Authorization);

/// <summary>
/// A loopback stand-in for api.stripe.com speaking its wire format: form-encoded POSTs to /v1/payment_intents and
/// /v1/refunds, JSON objects back, Stripe's error envelope, and Stripe's idempotency contract (the same key
/// returns the first response and creates nothing new).
/// </summary>
internal sealed class FakeStripe : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _byKey = new(StringComparer.Ordinal);

    private FakeStripe(WebApplication app) => _app = app;

    public ConcurrentQueue<StripeCall> Calls { get; } = new();

    /// <summary>When set, the next calls answer this HTTP status with Stripe's error envelope.</summary>
    public int? FailWith { get; set; }

    public int Created { get; private set; }

    /// <summary>What GET /v1/balance_transactions lists, oldest first, <see cref="PageSize"/> per page (has_more, starting_after).</summary>
    public List<Dictionary<string, object?>> BalanceTransactions { get; } = [];

    public int PageSize { get; set; } = 2;

    public string BaseUrl => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<FakeStripe> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeStripe(app);
        app.MapPost("/v1/payment_intents", (Delegate)((HttpContext http) => fake.HandleAsync(http, Intent)));
        app.MapPost("/v1/refunds", (Delegate)((HttpContext http) => fake.HandleAsync(http, Refund)));
        app.MapGet("/v1/balance_transactions", (Delegate)((HttpContext http) => fake.BalanceTransactionsPage(http)));
        await app.StartAsync();
        return fake;
    }

    public StripeClient Client() => new("sk_test_fake", httpClient: new SystemNetHttpClient(new HttpClient(), maxNetworkRetries: 0), apiBase: BaseUrl);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A Stripe event around <paramref name="dataObject"/>, in the API version this Stripe.net expects.</summary>
    public static string Event(string id, string type, object dataObject) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = id,
        ["object"] = "event",
        ["api_version"] = StripeConfiguration.ApiVersion,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["request"] = new Dictionary<string, object?> { ["id"] = null, ["idempotency_key"] = null },
        ["type"] = type,
        ["data"] = new Dictionary<string, object?> { ["object"] = dataObject },
    });

    public static Dictionary<string, object?> IntentObject(string id, long amount, string status, Guid paymentId) => new()
    {
        ["id"] = id,
        ["object"] = "payment_intent",
        ["amount"] = amount,
        ["currency"] = "pkr",
        ["status"] = status,
        ["capture_method"] = "automatic",
        ["metadata"] = new Dictionary<string, string> { ["payment_id"] = paymentId.ToString() },
    };

    public static Dictionary<string, object?> RefundObject(string id, long amount, string status, Guid refundId) => new()
    {
        ["id"] = id,
        ["object"] = "refund",
        ["amount"] = amount,
        ["currency"] = "pkr",
        ["status"] = status,
        ["metadata"] = new Dictionary<string, string> { ["refund_id"] = refundId.ToString() },
    };

    /// <summary>A balance transaction as Stripe lists it, its source expanded (a charge names its PaymentIntent).</summary>
    public static Dictionary<string, object?> BalanceTransaction(string type, long amount, long fee, DateTimeOffset created, Dictionary<string, object?> source) => new()
    {
        ["id"] = $"txn_{Guid.NewGuid():N}"[..28],
        ["object"] = "balance_transaction",
        ["amount"] = amount,
        ["available_on"] = created.AddDays(2).ToUnixTimeSeconds(),
        ["created"] = created.ToUnixTimeSeconds(),
        ["currency"] = "pkr",
        ["description"] = null,
        ["exchange_rate"] = null,
        ["fee"] = fee,
        ["fee_details"] = fee == 0 ? Array.Empty<object>() : new object[] { new Dictionary<string, object?> { ["amount"] = fee, ["currency"] = "pkr", ["type"] = "stripe_fee", ["description"] = "Stripe processing fees", ["application"] = null } },
        ["net"] = amount - fee,
        ["reporting_category"] = type,
        ["source"] = source,
        ["status"] = "pending",
        ["type"] = type,
    };

    public static Dictionary<string, object?> ChargeObject(string paymentIntent, long amount) => new()
    {
        ["id"] = $"ch_{Guid.NewGuid():N}"[..27],
        ["object"] = "charge",
        ["amount"] = amount,
        ["currency"] = "pkr",
        ["paid"] = true,
        ["status"] = "succeeded",
        ["payment_intent"] = paymentIntent,
    };

    public static Dictionary<string, object?> PayoutObject(long amount) => new()
    {
        ["id"] = $"po_{Guid.NewGuid():N}"[..27],
        ["object"] = "payout",
        ["amount"] = amount,
        ["currency"] = "pkr",
        ["status"] = "paid",
    };

    /// <summary>The Stripe-Signature header: t=…, then one v1=HMAC-SHA256(secret, "t.body") per secret (two while rotating).</summary>
    public static string Sign(string body, DateTimeOffset at, params string[] secrets)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signatures = secrets.Select(secret =>
            "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"))));
        return $"t={t}," + string.Join(',', signatures);
    }

    private async Task<IResult> HandleAsync(HttpContext http, Func<Dictionary<string, string>, object> create)
    {
        var form = (await http.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        Calls.Enqueue(new StripeCall(http.Request.Path, form, key.Length == 0 ? null : key, http.Request.Headers.Authorization));
        if (FailWith is { } status)
        {
            return Results.Json(new { error = new { type = "api_error", message = "Fake failure" } }, statusCode: status);
        }

        var answer = _byKey.GetOrAdd(key.Length == 0 ? Guid.NewGuid().ToString() : key, _ =>
        {
            Created++;
            return (200, JsonSerializer.Serialize(create(form)));
        });
        return Results.Content(answer.Body, "application/json", Encoding.UTF8, answer.Status);
    }

    private IResult BalanceTransactionsPage(HttpContext http)
    {
        var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        Calls.Enqueue(new StripeCall(http.Request.Path, query, null, http.Request.Headers.Authorization));
        if (FailWith is { } status)
        {
            return Results.Json(new { error = new { type = "api_error", message = "Fake failure" } }, statusCode: status);
        }

        var after = query.GetValueOrDefault("starting_after");
        var start = after is null ? 0 : BalanceTransactions.FindIndex(t => (string)t["id"]! == after) + 1;
        var page = BalanceTransactions.Skip(start).Take(PageSize).ToList();
        return Results.Json(new Dictionary<string, object?>
        {
            ["object"] = "list",
            ["url"] = "/v1/balance_transactions",
            ["has_more"] = start + page.Count < BalanceTransactions.Count,
            ["data"] = page,
        });
    }

    private static Dictionary<string, object?> Intent(Dictionary<string, string> form)
    {
        var id = $"pi_{Guid.NewGuid():N}"[..27];
        var intent = IntentObject(id, long.Parse(form["amount"], CultureInfo.InvariantCulture), "requires_payment_method", Guid.Parse(form["metadata[payment_id]"]));
        intent["client_secret"] = $"{id}_secret_fake";
        return intent;
    }

    private static Dictionary<string, object?> Refund(Dictionary<string, string> form)
    {
        var refund = RefundObject($"re_{Guid.NewGuid():N}"[..27], long.Parse(form["amount"], CultureInfo.InvariantCulture), "pending", Guid.Parse(form["metadata[refund_id]"]));
        refund["payment_intent"] = form["payment_intent"];
        return refund;
    }
}
