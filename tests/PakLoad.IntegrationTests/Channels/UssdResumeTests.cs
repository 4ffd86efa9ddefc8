using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Common;
using PakLoad.Core.Localization;
using PakLoad.Core.Places;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Channels;

/// <summary>
/// Checklist §5 item 34 on the real host (PostgreSQL + Redis): a half-posted load is kept per MSISDN when the USSD
/// session drops without an END, and the next session, once the engine's USSD idle threshold has passed, opens with
/// "1 Continue 2 Start again". Time moves on the host's clock (<see cref="ShiftedClock"/>), not by waiting.
/// </summary>
public sealed class UssdResumeTests : IAsyncLifetime, IAsyncDisposable
{
    private static readonly LocaleCatalog Locales = LocaleCatalog.Default;
    private readonly ShiftedClock _clock = new();
    private readonly ApiFactory _api;
    private HttpClient _client = null!;
    private bool _disposed;

    public UssdResumeTests() => _api = new ApiFactory { Clock = _clock };

    public async Task InitializeAsync()
    {
        await _api.InitializeAsync();
        _client = _api.CreateClient();
    }

    /// <summary>The engine's idle threshold for USSD, as the host has it (2 minutes by default).</summary>
    private TimeSpan IdleAfter => _api.Services.GetRequiredService<ConversationOptions>().IdleAfter[Channel.Ussd];

    /// <summary>The resume offer as the USSD renderer words it: the question, then the numbered options.</summary>
    private static string ResumeOffer => string.Join(
        '\n',
        "CON " + Text("chat.resume.ask"),
        "1. " + Text("chat.option.continue"),
        "2. " + Text("chat.option.start_again"));

    private static string Text(string key) => Locales.Template(key, Language.En, "ussd");

    private static string RandomPhone() => string.Create(CultureInfo.InvariantCulture, $"+9230012{Random.Shared.Next(100_000):D5}");

    /// <summary>
    /// Registers through USSD (English, shipper, "Ali Traders", no CNIC), starts a load by naming its origin, answers
    /// the destination, and hangs up at the weight question: the gateway simply stops calling (no END).
    /// </summary>
    private async Task<string> DraftUpToTheWeightAsync(string phone)
    {
        var first = new DialledSession(_client, phone);
        Assert.Contains(Text("chat.onboard.ask_language"), await first.SendAsync(string.Empty), StringComparison.Ordinal);
        await first.SendAsync("3");
        await first.SendAsync("1");
        await first.SendAsync("Ali Traders");
        Assert.Contains(Locales.Format("chat.menu.title", Language.En, ("name", "Ali Traders")), await first.SendAsync("1"), StringComparison.Ordinal);
        Assert.Equal("CON " + Locales.Format("chat.post.ask_destination", Language.En, ("from", "Karachi")), await first.SendAsync("Karachi"));
        var weight = await first.SendAsync("Lahore");
        Assert.Equal("CON " + Text("chat.post.ask_weight"), weight);
        return weight;
    }

    [Fact]
    public async Task IdleDraft_NewSessionOffersContinueOrStartAgain_OneResumesAtTheSameQuestion_TheDraftIsPosted()
    {
        var phone = RandomPhone();
        var weight = await DraftUpToTheWeightAsync(phone);

        // Redialled before the threshold: straight back to the open question, no offer.
        _clock.Advance(IdleAfter / 2);
        var soon = await new DialledSession(_client, phone).SendAsync(string.Empty);

        // Dropped again and redialled after the threshold (idle counts from the last turn): the offer comes first.
        _clock.Advance(IdleAfter + TimeSpan.FromMinutes(1));
        var next = new DialledSession(_client, phone);
        var offer = await next.SendAsync(string.Empty);
        var resumed = await next.SendAsync("1");
        await next.SendAsync("20");
        await next.SendAsync("1");
        await next.SendAsync("2");
        var posted = await next.SendAsync("1");

        Assert.EndsWith(Text("chat.post.ask_weight"), soon, StringComparison.Ordinal);
        Assert.DoesNotContain(Text("chat.resume.ask"), soon, StringComparison.Ordinal);
        Assert.Equal(ResumeOffer, offer);
        Assert.Equal(weight, resumed);
        Assert.StartsWith("END ", posted, StringComparison.Ordinal);

        // Origin and destination were answered only in the first session: the draft survived the drop.
        await using var db = _api.CreateDbContext();
        var load = await db.Loads.AsNoTracking().SingleAsync();
        var shipper = await db.Parties.AsNoTracking().SingleAsync(p => p.Id == load.ShipperId);
        Assert.Equal((phone, new PlaceId("karachi"), new PlaceId("lahore"), 20_000), (shipper.Phone.E164, load.OriginCity, load.DestinationCity, load.WeightKg));
        var steps = await db.Transcripts.AsNoTracking().Where(t => t.ConversationKey == "ussd:" + phone).OrderBy(t => t.At).Select(t => t.StepAfter).ToListAsync();
        Assert.Equal(1, steps.Count(s => s == "ResumeOffer"));
    }

    [Fact]
    public async Task IdleDraft_NewSessionOffersContinueOrStartAgain_TwoStartsAgainAtTheMainMenu_TheDraftIsDropped()
    {
        var phone = RandomPhone();
        await DraftUpToTheWeightAsync(phone);

        _clock.Advance(IdleAfter + TimeSpan.FromMinutes(1));
        var next = new DialledSession(_client, phone);
        var offer = await next.SendAsync(string.Empty);
        var menu = await next.SendAsync("2");
        var post = await next.SendAsync("1");

        Assert.Equal(ResumeOffer, offer);
        Assert.StartsWith("CON " + Locales.Format("chat.menu.title", Language.En, ("name", "Ali Traders")) + "\n1. " + Text("chat.menu.post"), menu, StringComparison.Ordinal);

        // Posting again starts at the origin: Karachi and Lahore are gone.
        Assert.Equal("CON " + Text("chat.post.ask_origin"), post);
        await using var db = _api.CreateDbContext();
        Assert.Equal(0, await db.Loads.CountAsync());
    }

    /// <summary>One dialled session on Africa's Talking: every hop posts the whole input so far, joined by '*'.</summary>
    private sealed class DialledSession(HttpClient client, string phone)
    {
        private readonly string _id = $"ATUid_resume_{Guid.NewGuid():N}";
        private string? _text;

        public async Task<string> SendAsync(string input)
        {
            _text = _text is null ? input : _text + "*" + input;
            using var response = await client.PostAsync("/webhooks/ussd/at", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["sessionId"] = _id, ["serviceCode"] = "*384*123#", ["phoneNumber"] = phone, ["networkCode"] = "41001", ["text"] = _text,
            }));
            response.EnsureSuccessStatusCode();
            Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
            return await response.Content.ReadAsStringAsync();
        }
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _client.Dispose();
        await _api.DisposeAsync();
    }
}
