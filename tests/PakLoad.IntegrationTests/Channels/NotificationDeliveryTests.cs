using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PakLoad.Channels.Sms;
using PakLoad.Channels.Tests.Fakes;
using PakLoad.Channels.Tests.Sms;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.Core.Notifications;
using PakLoad.Core.Parties;
using PakLoad.IntegrationTests.Api;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Channels;

/// <summary>
/// Core's outbox notifications delivered on PostgreSQL through the real host to the loopback Graph and Twilio
/// fakes: rendered for the recipient's channel and language, once per notification even with two host instances,
/// retried on 5xx, a template outside the 24-hour window (and on 131047), SMS for SMS users, and no second send
/// after a crash when Meta's status echo says the first one arrived.
/// </summary>
public sealed class NotificationDeliveryTests
{
    private const string MessagesPath = $"/v25.0/{MetaWebhook.PhoneNumberId}/messages";

    private static ApiFactory Host(FakeHttpServer graph, FakeHttpServer? twilio = null, ApiFactory? sharing = null)
    {
        var api = new ApiFactory { SharesDatabaseWith = sharing };
        api.Settings["PakLoad:WhatsApp:AppSecret"] = MetaWebhook.AppSecret;
        api.Settings["PakLoad:WhatsApp:VerifyToken"] = MetaWebhook.VerifyToken;
        api.Settings["PakLoad:WhatsApp:AccessToken"] = "graph-test-token";
        api.Settings["PakLoad:WhatsApp:GraphBaseUrl"] = graph.BaseUrl.ToString();
        api.Settings["PakLoad:Channels:WhatsAppPhoneNumberId"] = MetaWebhook.PhoneNumberId;
        api.Settings["PakLoad:Channels:OutboundPoll"] = "00:00:00.200";
        api.Settings["PakLoad:Channels:ReconcileGrace"] = "00:00:03";
        api.Settings["PakLoad:Outbox:Poll"] = "00:00:00.200";
        if (twilio is not null)
        {
            api.Settings["PakLoad:Twilio:AccountSid"] = "AC00000000000000000000000000000001";
            api.Settings["PakLoad:Twilio:AuthToken"] = "twilio-auth-token";
            api.Settings["PakLoad:Twilio:From"] = "+15005550006";
            api.Settings["PakLoad:Twilio:ApiBaseUrl"] = twilio.BaseUrl.ToString();
        }

        return api;
    }

    /// <summary>A party straight in the database, on the given channel, optionally having written to us on WhatsApp.</summary>
    private static async Task<Party> PartyAsync(ApiFactory api, Channel channel, Language language = Language.En, DateTimeOffset? lastInbound = null)
    {
        var phone = PhoneNumber.Parse(Scenario.NextPhone()).ValueOrThrow();
        var party = Party.Register(phone, "Notified Party", PartyRole.Shipper, language, channel, TimeProvider.System).ValueOrThrow();
        await using var db = api.CreateDbContext();
        db.Parties.Add(party);
        if (lastInbound is { } at)
        {
            db.ChannelContacts.Add(new ChannelContactRecord { Phone = phone.E164, LastWhatsAppInboundAt = at });
        }

        await db.SaveChangesAsync();
        return party;
    }

    private static async Task<OutboxMessage> NotifyAsync(ApiFactory api, Party party, string dedupe)
    {
        var message = OutboxMessage.To(party, "notifications.bid.received", dedupe, TimeProvider.System, ("route", "Karachi - Lahore"), ("amount", "Rs 85,000"));
        await using var db = api.CreateDbContext();
        db.Outbox.Add(message);
        await db.SaveChangesAsync();
        return message;
    }

    private static async Task<OutboxMessage> WaitForOutboxAsync(ApiFactory api, string dedupe, OutboxStatus status = OutboxStatus.Sent)
    {
        for (var i = 0; i < 300; i++)
        {
            await using var db = api.CreateDbContext();
            var row = await db.Outbox.AsNoTracking().SingleAsync(o => o.DedupeKey == dedupe);
            if (row.Status == status)
            {
                return row;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Outbox row {dedupe} never became {status}.");
    }

    private static async Task<OutboundRecord> OutboundAsync(ApiFactory api, string dedupe)
    {
        await using var db = api.CreateDbContext();
        return await db.ChannelOutbound.AsNoTracking().SingleAsync(o => o.DedupeKey == "outbox:" + dedupe);
    }

    /// <summary>Graph sends that carried <paramref name="dedupe"/>'s callback key, in arrival order.</summary>
    private static List<JsonObject> Sends(FakeHttpServer graph, string dedupe) =>
        graph.Requests.Where(r => r.Path == MessagesPath)
            .Select(r => JsonNode.Parse(r.Body)!.AsObject())
            .Where(b => (string?)b["biz_opaque_callback_data"] == "outbox:" + dedupe)
            .ToList();

    [Fact]
    public async Task BidPlacedThroughTheApi_ReachesTheShippersWhatsAppOnce_AsATemplateWhenTheWindowIsClosed()
    {
        await using var graph = new FakeHttpServer();
        var api = Host(graph);
        await api.InitializeAsync();
        try
        {
            var shipper = await api.SignInAsync(Scenario.NextPhone(), "Shipper", "Shipper Sahib");
            var carrier = await api.SignInAsync(Scenario.NextPhone(), "Carrier", "Carrier Khan");
            await using (var db = api.CreateDbContext())
            {
                var party = await db.Parties.SingleAsync(p => p.Id == PartyId.From(shipper.PartyId));
                party.ChangePreferredChannel(Channel.WhatsApp);
                await db.SaveChangesAsync();
            }

            var load = await shipper.Client.PostJsonAsync("/api/v1/loads", Scenario.LoadBody());
            var bid = await carrier.Client.PostJsonAsync($"/api/v1/loads/{load.Id()}/bids", new { amount = 300_000 });

            var dedupe = $"bid-received:{bid.Id()}:1";
            var sent = await WaitForOutboxAsync(api, dedupe);
            await Task.Delay(1000);
            var send = Assert.Single(Sends(graph, dedupe));
            Assert.Equal("template", (string?)send["type"]);
            Assert.Equal("pakload_update", (string?)send["template"]!["name"]);
            var words = (string?)send["template"]!["components"]![0]!["parameters"]![0]!["text"];
            Assert.Contains("nayi boli", words, StringComparison.Ordinal);
            var row = await OutboundAsync(api, dedupe);
            Assert.Equal((OutboundStatus.Sent, "wamid.default", sent.RecipientPhone.E164), (row.Status, row.ProviderMessageId, row.Recipient));
            Assert.Equal(1, sent.Attempts);
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task TwoHostInstancesDispatchingTogether_SendEachNotificationOnce_InOrderPerRecipient()
    {
        await using var graph = new FakeHttpServer();
        var first = Host(graph);
        await first.InitializeAsync();
        var second = Host(graph, sharing: first);
        await second.InitializeAsync();
        try
        {
            _ = first.Services;
            _ = second.Services;
            var parties = new List<Party>();
            for (var i = 0; i < 8; i++)
            {
                parties.Add(await PartyAsync(first, Channel.WhatsApp, Language.En, DateTimeOffset.UtcNow));
            }

            // Written where neither host sees the commit: both pick them up at their next poll, at the same moment.
            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var expected = new List<(string Phone, string Dedupe)>();
            await using (var db = first.CreateDbContext())
            {
                for (var round = 0; round < 5; round++)
                {
                    foreach (var party in parties)
                    {
                        var dedupe = $"two-hosts:{party.Id.Value}:{round}";
                        // A kind that is never merged into a digest: every row is its own message.
                        db.Outbox.Add(OutboxMessage.To(party, "notifications.bid.countered", dedupe, clock, ("route", "Karachi - Lahore"), ("amount", $"Rs {round}")));
                        expected.Add((party.Phone.E164, "outbox:" + dedupe));
                        clock.Advance(TimeSpan.FromMilliseconds(1));
                    }
                }

                await db.SaveChangesAsync();
            }

            foreach (var (_, dedupe) in expected)
            {
                await WaitForOutboxAsync(first, dedupe["outbox:".Length..]);
            }

            await Task.Delay(1000);
            var sends = graph.Requests.Where(r => r.Path == MessagesPath).Select(r => JsonNode.Parse(r.Body)!.AsObject())
                .Where(b => ((string?)b["biz_opaque_callback_data"] ?? string.Empty).StartsWith("outbox:two-hosts:", StringComparison.Ordinal)).ToList();
            Assert.Equal(expected.Count, sends.Count);
            Assert.Equal(expected.Count, sends.Select(s => (string?)s["biz_opaque_callback_data"]).Distinct().Count());
            foreach (var party in parties)
            {
                var wanted = expected.Where(e => e.Phone == party.Phone.E164).Select(e => e.Dedupe).ToList();
                var got = sends.Where(s => (string?)s["to"] == party.Phone.E164).Select(s => (string?)s["biz_opaque_callback_data"] ?? string.Empty).ToList();
                Assert.Equal(wanted, got);
            }
        }
        finally
        {
            await second.DisposeAsync();
            await first.DisposeAsync();
        }
    }

    [Fact]
    public async Task ABurstOfBidsToOneShipper_IsOneDigest_OtherNewsBetweenKeepsItsPlace()
    {
        await using var graph = new FakeHttpServer();
        var api = Host(graph);
        await api.InitializeAsync();
        try
        {
            _ = api.Services;
            var busy = await PartyAsync(api, Channel.WhatsApp, Language.En, DateTimeOffset.UtcNow);
            var quiet = await PartyAsync(api, Channel.WhatsApp, Language.En, DateTimeOffset.UtcNow);
            var interrupted = await PartyAsync(api, Channel.WhatsApp, Language.En, DateTimeOffset.UtcNow);
            var tag = Guid.NewGuid().ToString("N");
            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
            OutboxMessage Notice(Party party, string template, string name, int amount)
            {
                clock.Advance(TimeSpan.FromMilliseconds(1));
                return OutboxMessage.To(party, template, $"burst:{tag}:{name}", clock, ("route", $"Route {name}"), ("amount", $"Rs {amount}"));
            }

            // Written where the host does not see the commit: its next poll claims them as one batch.
            var rows = new[]
            {
                Notice(busy, "notifications.bid.received", "b1", 101),
                Notice(quiet, "notifications.bid.received", "q1", 201),
                Notice(busy, "notifications.bid.received", "b2", 102),
                Notice(interrupted, "notifications.bid.received", "i1", 301),
                Notice(busy, "notifications.bid.received", "b3", 103),
                Notice(interrupted, "notifications.bid.countered", "i2", 302),
                Notice(interrupted, "notifications.bid.received", "i3", 303),
            };
            await using (var db = api.CreateDbContext())
            {
                db.Outbox.AddRange(rows);
                await db.SaveChangesAsync();
            }

            foreach (var head in new[] { "b1", "q1", "i1", "i2", "i3" })
            {
                await WaitForOutboxAsync(api, $"burst:{tag}:{head}");
            }

            await Task.Delay(500);
            string Words(JsonObject send) => (string?)send["text"]!["body"] ?? string.Empty;
            List<JsonObject> To(Party party) => graph.Requests.Where(r => r.Path == MessagesPath).Select(r => JsonNode.Parse(r.Body)!.AsObject())
                .Where(b => (string?)b["to"] == party.Phone.E164).ToList();

            var digest = Assert.Single(To(busy));
            Assert.Equal($"outbox:burst:{tag}:b1", (string?)digest["biz_opaque_callback_data"]);
            Assert.Contains("3 new bids", Words(digest), StringComparison.Ordinal);
            Assert.Contains("Route b3: Rs 103", Words(digest), StringComparison.Ordinal);
            Assert.Contains("Route q1: Rs 201", Words(Assert.Single(To(quiet))), StringComparison.Ordinal);
            Assert.Equal(["Route i1: Rs 301", "Route i2: Rs 302", "Route i3: Rs 303"], To(interrupted).Select(s => Words(s)[(Words(s).IndexOf("Route", StringComparison.Ordinal))..].TrimEnd('.')));
            await using var after = api.CreateDbContext();
            var statuses = await after.Outbox.AsNoTracking().Where(o => o.DedupeKey.StartsWith($"burst:{tag}:")).ToDictionaryAsync(o => o.DedupeKey[(o.DedupeKey.LastIndexOf(':') + 1)..], o => o.Status);
            Assert.Equal(OutboxStatus.Sent, statuses["b1"]);
            Assert.Equal((OutboxStatus.Merged, OutboxStatus.Merged), (statuses["b2"], statuses["b3"]));
            Assert.All(new[] { "q1", "i1", "i2", "i3" }, k => Assert.Equal(OutboxStatus.Sent, statuses[k]));
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task RowsStampedAtTheSameInstant_AreAllDispatched()
    {
        await using var graph = new FakeHttpServer();
        var api = Host(graph);
        await api.InitializeAsync();
        try
        {
            _ = api.Services;
            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var tag = Guid.NewGuid().ToString("N");
            await using (var db = api.CreateDbContext())
            {
                for (var i = 0; i < 4; i++)
                {
                    var party = await PartyAsync(api, Channel.WhatsApp, Language.En, DateTimeOffset.UtcNow);
                    db.Outbox.Add(OutboxMessage.To(party, "notifications.bid.countered", $"same-instant:{tag}:{i}", clock, ("route", "Karachi - Lahore"), ("amount", "Rs 1")));
                }

                await db.SaveChangesAsync();
            }

            for (var i = 0; i < 4; i++)
            {
                Assert.Equal(OutboxStatus.Sent, (await WaitForOutboxAsync(api, $"same-instant:{tag}:{i}")).Status);
            }
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task A5xxThenSuccess_IsRetried_AndSentOnce()
    {
        await using var graph = new FakeHttpServer();
        var api = Host(graph);
        await api.InitializeAsync();
        try
        {
            _ = api.Services;
            var party = await PartyAsync(api, Channel.WhatsApp);
            graph.Then(Meta.Unavailable);
            await NotifyAsync(api, party, "retry-5xx");

            await WaitForOutboxAsync(api, "retry-5xx");
            var sends = Sends(graph, "retry-5xx");
            Assert.Equal(2, sends.Count);
            var row = await OutboundAsync(api, "retry-5xx");
            Assert.Equal((OutboundStatus.Sent, 2, "wamid.default"), (row.Status, row.Attempts, row.ProviderMessageId));
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task InsideTheWindow_ATextIsSent_And131047FallsBackToTheTemplate()
    {
        await using var graph = new FakeHttpServer();
        var api = Host(graph);
        await api.InitializeAsync();
        try
        {
            _ = api.Services;
            var party = await PartyAsync(api, Channel.WhatsApp, Language.UrLatn, DateTimeOffset.UtcNow.AddHours(-2));
            graph.Then(Meta.ReEngagement);
            await NotifyAsync(api, party, "window-131047");

            await WaitForOutboxAsync(api, "window-131047");
            var sends = Sends(graph, "window-131047");
            Assert.Equal(new string?[] { "text", "template" }, sends.Select(s => (string?)s["type"]).ToArray());
            Assert.Contains("nayi boli", (string?)sends[0]["text"]!["body"], StringComparison.Ordinal);
            Assert.Equal("pakload_new_reply", (string?)sends[1]["template"]!["name"]);
            var row = await OutboundAsync(api, "window-131047");
            Assert.Equal((OutboundStatus.Sent, "131047: sent as template"), (row.Status, row.LastError));
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task AnSmsPreferringShipper_GetsTheBidNoticeAsOneSmsOfAtMostTwoSegments()
    {
        await using var graph = new FakeHttpServer();
        await using var twilio = new FakeHttpServer { Default = new FakeResponse(201, TwilioBodies.Created("SM22222222222222222222222222222222")) };
        var api = Host(graph, twilio);
        await api.InitializeAsync();
        try
        {
            var shipperPhone = Scenario.NextPhone();
            var shipper = await api.SignInAsync(shipperPhone, "Shipper", "Shipper Sahib");
            var carrier = await api.SignInAsync(Scenario.NextPhone(), "Carrier", "Carrier Khan");
            await using (var db = api.CreateDbContext())
            {
                var party = await db.Parties.SingleAsync(p => p.Id == PartyId.From(shipper.PartyId));
                party.ChangePreferredChannel(Channel.Sms);
                await db.SaveChangesAsync();
            }

            var load = await shipper.Client.PostJsonAsync("/api/v1/loads", Scenario.LoadBody());
            var bid = await carrier.Client.PostJsonAsync($"/api/v1/loads/{load.Id()}/bids", new { amount = 300_000 });

            await WaitForOutboxAsync(api, $"bid-received:{bid.Id()}:1");
            await Task.Delay(500);
            var e164 = PhoneNumber.Parse(shipperPhone).ValueOrThrow().E164;
            var texts = twilio.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/Messages.json", StringComparison.Ordinal))
                .Select(r => System.Web.HttpUtility.ParseQueryString(r.Body))
                .Where(f => f["To"] == e164 && (f["Body"] ?? string.Empty).Contains("nayi boli", StringComparison.Ordinal))
                .ToList();
            var sms = Assert.Single(texts);
            Assert.True(SmsText.Measure(sms["Body"]!).Segments <= 2);
            Assert.DoesNotContain(graph.Requests, r => r.Path == MessagesPath && r.Body.Contains(e164, StringComparison.Ordinal));
            var row = await OutboundAsync(api, $"bid-received:{bid.Id()}:1");
            Assert.Equal(("sms", "SM22222222222222222222222222222222"), (row.Channel, row.ProviderMessageId));
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    /// <summary>
    /// The state a crash between "sent" and "mark sent" leaves: a pending row whose send was started and whose lease
    /// lapsed. Meta's status webhook echoes the dedupe key; with it the row is marked sent and never sent again.
    /// Without an echo (Twilio has no idempotency key; or Meta never got it) it is sent again once after the grace.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ACrashBetweenSendAndMark_DoesNotSendAgain_WhenMetaEchoesTheKey(bool echo)
    {
        await using var graph = new FakeHttpServer();
        var api = Host(graph);

        // With the echo, the grace is long enough that only the echo can settle the row: a slow first request to a
        // cold host on a busy machine must not let the resend win the race (it did once in CI with 3 s).
        api.Settings["PakLoad:Channels:ReconcileGrace"] = echo ? "00:01:00" : "00:00:03";
        await api.InitializeAsync();
        try
        {
            using var client = api.CreateClient();
            var party = await PartyAsync(api, Channel.WhatsApp);
            var dedupe = $"outbox:crash:{echo}";
            var started = DateTimeOffset.UtcNow;
            await using (var db = api.CreateDbContext())
            {
                db.ChannelOutbound.Add(new OutboundRecord
                {
                    Channel = "whatsapp", Recipient = party.Phone.E164, Kind = "text", DedupeKey = dedupe, Language = "en", Status = OutboundStatus.Pending,
                    Payload = $$$"""{"messaging_product":"whatsapp","recipient_type":"individual","to":"{{{party.Phone.E164}}}","type":"text","text":{"body":"New bid"}}""",
                    CreatedAt = started, AttemptStartedAt = started, ClaimedUntil = started.AddMilliseconds(-1),
                });
                await db.SaveChangesAsync();
            }

            if (echo)
            {
                var body = $$$"""
                    {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
                      "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{MetaWebhook.PhoneNumberId}}}"},
                      "statuses":[{"id":"wamid.before-crash","status":"sent","timestamp":"1749416390","recipient_id":"{{{party.Phone.E164.TrimStart('+')}}}",
                        "biz_opaque_callback_data":"{{{dedupe}}}","pricing":{"billable":true,"pricing_model":"PMP","category":"utility"}}]}}]}]}
                    """;
                using var response = await client.SendAsync(MetaWebhook.Post(body));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            // Settled: by the echo at once, or by the resend after the 3 s grace.
            OutboundRecord row;
            var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
            while (true)
            {
                await using var check = api.CreateDbContext();
                row = await check.ChannelOutbound.AsNoTracking().SingleAsync(o => o.DedupeKey == dedupe);
                if (row.Status != OutboundStatus.Pending || DateTimeOffset.UtcNow > deadline)
                {
                    break;
                }

                await Task.Delay(200);
            }

            await Task.Delay(500); // a second send, if there were one, would have left by now

            var resent = graph.Requests.Count(r => r.Path == MessagesPath && r.Body.Contains(dedupe, StringComparison.Ordinal));
            Assert.Equal(OutboundStatus.Sent, row.Status);
            Assert.Null(row.AttemptStartedAt);
            if (echo)
            {
                Assert.Equal((0, "wamid.before-crash"), (resent, row.ProviderMessageId));
            }
            else
            {
                Assert.Equal((1, "wamid.default"), (resent, row.ProviderMessageId));
            }
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task OutboxCommit_WakesTheDispatcher_WithoutWaitingForThePoll()
    {
        await using var graph = new FakeHttpServer();
        var api = Host(graph);
        api.Settings["PakLoad:Outbox:Poll"] = "00:10:00";
        await api.InitializeAsync();
        try
        {
            var shipper = await api.SignInAsync(Scenario.NextPhone(), "Shipper", "Shipper Sahib");
            var carrier = await api.SignInAsync(Scenario.NextPhone(), "Carrier", "Carrier Khan");
            var load = await shipper.Client.PostJsonAsync("/api/v1/loads", Scenario.LoadBody());
            var bid = await carrier.Client.PostJsonAsync($"/api/v1/loads/{load.Id()}/bids", new { amount = 250_000 });

            // A ten-minute poll: only the commit signal can have dispatched it within the test's wait.
            var row = await WaitForOutboxAsync(api, $"bid-received:{bid.Id()}:1");
            Assert.Equal(Channel.Web, row.Channel);
            Assert.Equal("sms", (await OutboundAsync(api, row.DedupeKey)).Channel);
        }
        finally
        {
            await api.DisposeAsync();
        }
    }
}
