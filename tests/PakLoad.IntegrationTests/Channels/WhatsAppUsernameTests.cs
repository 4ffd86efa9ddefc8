using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PakLoad.Channels.Tests.Fakes;
using PakLoad.Core.Data;
using PakLoad.Core.Localization;
using PakLoad.Core.Parties;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Channels;

/// <summary>
/// Checklist §5 item 9 on the real host: WhatsApp username users, who may write with Meta's business-scoped user id
/// (BSUID) and no phone. A BSUID that came with a phone before is answered as that phone; one we never saw is asked
/// for its mobile number, gets a code by SMS, and is linked once it types the code back on WhatsApp. Replies to an
/// unlinked BSUID go in Graph's <c>recipient</c> field.
/// </summary>
public sealed class WhatsAppUsernameTests : IAsyncLifetime, IAsyncDisposable
{
    private const string MessagesPath = $"/v25.0/{MetaWebhook.PhoneNumberId}/messages";
    private static readonly LocaleCatalog Locales = LocaleCatalog.Default;
    private readonly ApiFactory _api = new();
    private readonly FakeHttpServer _graph = new();
    private HttpClient _client = null!;
    private bool _disposed;

    public async Task InitializeAsync()
    {
        _api.Settings["PakLoad:WhatsApp:AppSecret"] = MetaWebhook.AppSecret;
        _api.Settings["PakLoad:WhatsApp:VerifyToken"] = MetaWebhook.VerifyToken;
        _api.Settings["PakLoad:WhatsApp:AccessToken"] = "graph-test-token";
        _api.Settings["PakLoad:WhatsApp:GraphBaseUrl"] = _graph.BaseUrl.ToString();
        _api.Settings["PakLoad:Channels:InboxPoll"] = "00:00:00.200";
        await _api.InitializeAsync();
        _client = _api.CreateClient();
    }

    [Fact]
    public async Task BsuidOnly_FromAUserWhoCameWithAPhoneBefore_IsAnsweredAsThatPhone()
    {
        var (phone, bsuid) = NewUser();
        await PostAsync(WithPhone(phone.E164[1..], bsuid, $"wamid.u1.first.{bsuid}", "hi"));
        await WaitAsync(db => db.ChannelInbox.CountAsync(r => r.Status == InboxStatus.Done), 1);
        await PostAsync(BsuidOnly(bsuid, $"wamid.u1.second.{bsuid}", "1"));
        await WaitAsync(db => db.ChannelInbox.CountAsync(r => r.Status == InboxStatus.Done), 2);

        await using var db = _api.CreateDbContext();
        var rows = await db.ChannelInbox.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        Assert.All(rows, r => Assert.Equal(("whatsapp:" + phone.E164, bsuid), (r.UserKey, r.ExternalUserId)));
        Assert.Equal(bsuid, (await db.ChannelContacts.AsNoTracking().SingleAsync(c => c.Phone == phone.E164)).WhatsAppUserId);
        Assert.Equal(2, await db.Transcripts.CountAsync(t => t.ConversationKey == "whatsapp:" + phone.E164));
        var replies = await db.ChannelOutbound.AsNoTracking().ToListAsync();
        Assert.NotEmpty(replies);
        Assert.All(replies, r => Assert.Equal(phone.E164, r.Recipient));
    }

    [Fact]
    public async Task BsuidOnly_NeverSeen_IsAskedForItsNumber_LinkedByAnSmsCode_ThenAnsweredAsThatPhone()
    {
        var (phone, bsuid) = NewUser();

        await PostAsync(BsuidOnly(bsuid, $"wamid.u2.1.{bsuid}", "salam"));
        Assert.Equal(Locales.Format("chat.link.phone_needed", Core.Common.Language.UrLatn), Assert.Single(await RepliesToAsync(bsuid, 1)));

        await PostAsync(BsuidOnly(bsuid, $"wamid.u2.2.{bsuid}", "0" + phone.E164[3..6] + " " + phone.E164[6..]));
        Assert.Equal(Locales.Format("chat.link.code_sent", Core.Common.Language.UrLatn, ("phone", phone.E164)), (await RepliesToAsync(bsuid, 2))[1]);
        var code = await _api.SentCodeAsync(o => o.RecipientPhone == phone && o.TemplateKey == "notifications.whatsapp.link_code");
        Assert.Matches("^[0-9]{6}$", code);

        var wrong = code == "000000" ? "۱۱۱ ۱۱۱" : "۰۰۰ ۰۰۰"; // Urdu digits, spaced: still read as a code
        await PostAsync(BsuidOnly(bsuid, $"wamid.u2.3.{bsuid}", wrong));
        Assert.Equal(Locales.Format("chat.link.code_wrong", Core.Common.Language.UrLatn), (await RepliesToAsync(bsuid, 3))[2]);
        await using (var db = _api.CreateDbContext())
        {
            Assert.Null((await db.ChannelContacts.AsNoTracking().SingleOrDefaultAsync(c => c.WhatsAppUserId == bsuid))?.Phone);
        }

        await PostAsync(BsuidOnly(bsuid, $"wamid.u2.4.{bsuid}", code));
        var afterLink = await RepliesToAsync(bsuid, 5);
        Assert.Equal(Locales.Format("chat.link.linked", Core.Common.Language.UrLatn, ("phone", phone.E164)), afterLink[3]);
        Assert.NotEqual(afterLink[0], afterLink[4]); // the conversation as that phone: the engine's first answer

        // Linked: a later BSUID-only message is stored and answered as the phone. The code is spent.
        await PostAsync(BsuidOnly(bsuid, $"wamid.u2.5.{bsuid}", "1"));
        await PostAsync(BsuidOnly(bsuid, $"wamid.u2.5.{bsuid}", "1")); // Meta redelivers it
        await WaitAsync(db => db.ChannelInbox.CountAsync(r => r.UserKey == "whatsapp:" + phone.E164 && r.Status == InboxStatus.Done), 1);
        await using var check = _api.CreateDbContext();
        Assert.Equal(phone.E164, (await check.ChannelContacts.AsNoTracking().SingleAsync(c => c.WhatsAppUserId == bsuid)).Phone);
        Assert.NotNull((await check.WhatsAppLinkCodes.AsNoTracking().SingleAsync(c => c.WhatsAppUserId == bsuid)).ConsumedAt);
        Assert.Equal(1, (await check.WhatsAppLinkCodes.AsNoTracking().SingleAsync(c => c.WhatsAppUserId == bsuid)).Attempts);
        Assert.Equal(2, await check.Transcripts.CountAsync(t => t.ConversationKey == "whatsapp:" + phone.E164));
        Assert.Equal(1, await check.ChannelInbox.CountAsync(r => r.ProviderMessageId == $"wamid.u2.5.{bsuid}"));
        Assert.Equal(5, await check.ChannelOutbound.CountAsync(o => o.Recipient == bsuid));
        Assert.True(await check.ChannelOutbound.AnyAsync(o => o.Recipient == phone.E164));
    }

    [Fact]
    public async Task BsuidOnly_AskingForCodesTooOften_IsToldToWait_AndNoFourthCodeIsSent()
    {
        var (phone, bsuid) = NewUser();
        for (var i = 1; i <= 4; i++)
        {
            await PostAsync(BsuidOnly(bsuid, $"wamid.u3.{i}.{bsuid}", "0" + phone.E164[3..]));
            await RepliesToAsync(bsuid, i);
        }

        var replies = await RepliesToAsync(bsuid, 4);
        Assert.Equal(Locales.Format("chat.link.wait", Core.Common.Language.UrLatn, ("minutes", "15")), replies[3]);
        Assert.All(replies[..3], r => Assert.Equal(Locales.Format("chat.link.code_sent", Core.Common.Language.UrLatn, ("phone", phone.E164)), r));
        await using var db = _api.CreateDbContext();
        Assert.Equal(3, await db.WhatsAppLinkCodes.CountAsync(c => c.WhatsAppUserId == bsuid));
        Assert.Equal(3, await db.Outbox.CountAsync(o => o.RecipientPhone == phone && o.TemplateKey == "notifications.whatsapp.link_code"));
    }

    /// <summary>A fresh phone and BSUID per test run: the test Redis keeps conversation sessions between runs.</summary>
    private static (PhoneNumber Phone, string Bsuid) NewUser()
    {
        var n = Random.Shared.Next(1_000_000);
        return (PhoneNumber.FromE164($"+92300{n:D7}"), $"PK.55{n:D7}{Random.Shared.Next(1000):D3}");
    }

    private async Task PostAsync(string body)
    {
        using var response = await _client.SendAsync(MetaWebhook.Post(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The text bodies sent to the BSUID through the Graph fake, once there are <paramref name="count"/>; each in `recipient`, never `to`.</summary>
    private async Task<List<string>> RepliesToAsync(string bsuid, int count)
    {
        for (var i = 0; i < 200; i++)
        {
            var sent = _graph.Requests.Where(r => r.Path == MessagesPath)
                .Select(r => JsonNode.Parse(r.Body)!)
                .Where(j => (string?)j["recipient"] == bsuid)
                .ToList();
            if (sent.Count >= count)
            {
                Assert.All(sent, j => Assert.Null(j["to"]));
                return sent.Select(j => (string?)j["text"]?["body"] ?? (string?)j["interactive"]?["body"]?["text"] ?? string.Empty).ToList();
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Fewer than {count} replies reached {bsuid}.");
    }

    private async Task WaitAsync(Func<PakLoadDbContext, Task<int>> count, int expected)
    {
        for (var i = 0; i < 200; i++)
        {
            await using var db = _api.CreateDbContext();
            if (await count(db) >= expected)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The inbox was not answered.");
    }

    private static string WithPhone(string from, string bsuid, string wamid, string body) => $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
          "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{MetaWebhook.PhoneNumberId}}}"},
          "contacts":[{"profile":{"name":"Test"},"wa_id":"{{{from}}}","user_id":"{{{bsuid}}}"}],
          "messages":[{"from":"{{{from}}}","from_user_id":"{{{bsuid}}}","id":"{{{wamid}}}","timestamp":"1749416383","type":"text","text":{"body":"{{{body}}}"}}]}}]}]}
        """;

    private static string BsuidOnly(string bsuid, string wamid, string body) => $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
          "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{MetaWebhook.PhoneNumberId}}}"},
          "contacts":[{"profile":{"name":"Test"},"user_id":"{{{bsuid}}}"}],
          "messages":[{"from_user_id":"{{{bsuid}}}","id":"{{{wamid}}}","timestamp":"1749416383","type":"text","text":{"body":"{{{body}}}"}}]}}]}]}
        """;

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _client.Dispose();
        await _graph.DisposeAsync();
        await _api.DisposeAsync();
    }
}
