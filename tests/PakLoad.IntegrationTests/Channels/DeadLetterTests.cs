using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.Core.Parties;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Channels;

/// <summary>
/// The real host on PostgreSQL + Redis with one inbox attempt, an admin and a shipper signed in. Dead letters are
/// made the way production makes them: the turn's transaction fails (a test trigger refuses its reply rows), the
/// worker records the failure and, at its last attempt, parks the row as Dead.
/// </summary>
public sealed class DeadLetterWorld : IAsyncLifetime
{
    // A random start: the test Redis outlives each run's database, and a user's cached session with it.
    private static int _next = Random.Shared.Next(0, 50_000);

    public ApiFactory Api { get; } = new();

    public SignedInClient Admin { get; private set; } = null!;

    public SignedInClient Shipper { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api.Settings["PakLoad:WhatsApp:AppSecret"] = MetaWebhook.AppSecret;
        Api.Settings["PakLoad:WhatsApp:VerifyToken"] = MetaWebhook.VerifyToken;
        Api.Settings["PakLoad:Channels:MaxInboxAttempts"] = "1";
        await Api.InitializeAsync();
        Anonymous = Api.CreateClient();
        Shipper = await Api.SignInAsync("03001270001", "Shipper", "Dead Letter Shipper");
        Admin = await AdminAsync(Api, "03001270002");
    }

    public async Task DisposeAsync()
    {
        Anonymous.Dispose();
        await Api.DisposeAsync();
    }

    /// <summary>Admins cannot register themselves: a signed-in party is given the role in the database, then signs in again.</summary>
    public static async Task<SignedInClient> AdminAsync(ApiFactory api, string phone)
    {
        var first = await api.SignInAsync(phone, "Shipper", "Ops Admin");
        await using (var db = api.CreateDbContext())
        {
            var party = await db.Parties.SingleAsync(p => p.Id == PartyId.From(first.PartyId));
            party.AddRole(PartyRole.Admin);
            await db.SaveChangesAsync();
        }

        first.Client.Dispose();
        return await api.SignInAsync(phone, "Shipper", "Ops Admin");
    }

    /// <summary>A fresh WhatsApp number (digits, no plus) for one test.</summary>
    public static string NextWhatsApp() => $"9230012{Interlocked.Increment(ref _next) % 60_000:D5}";

    /// <summary>Sends a WhatsApp text whose turn fails (its replies are refused) and waits until the worker parks it as Dead.</summary>
    public async Task<InboxRecord> DeadInboundAsync(string from, string text)
    {
        await using (var db = Api.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE OR REPLACE FUNCTION test_refuse_replies() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'test: replies refused'; END $$;
                DROP TRIGGER IF EXISTS test_refuse_replies ON channel_outbound;
                CREATE TRIGGER test_refuse_replies BEFORE INSERT ON channel_outbound
                    FOR EACH ROW WHEN (NEW.dedupe_key LIKE 'inbox:%') EXECUTE FUNCTION test_refuse_replies();
                """);
        }

        var wamid = $"wamid.dead.{from}.{Guid.NewGuid():N}";
        try
        {
            using var client = Api.CreateClient();
            using var stored = await client.SendAsync(MetaWebhook.Post(MetaWebhook.Text(from, wamid, text)));
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
            return await WaitAsync(async db => await db.ChannelInbox.AsNoTracking().SingleOrDefaultAsync(r => r.ProviderMessageId == wamid && r.Status == InboxStatus.Dead));
        }
        finally
        {
            await using var db = Api.CreateDbContext();
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS test_refuse_replies ON channel_outbound;");
        }
    }

    public Task<T> WaitAsync<T>(Func<PakLoadDbContext, Task<T?>> probe)
        where T : class => Api.WaitForAsync(probe);
}

/// <summary>
/// Admins see the channels' dead letters (REST and the back-office page), retry them (the worker answers once) and
/// discard them (kept, stamped); nobody else can.
/// </summary>
public sealed class DeadLetterTests(DeadLetterWorld world) : IClassFixture<DeadLetterWorld>
{
    private static async Task<JsonElement> ListAsync(HttpClient client, string query = "")
    {
        using var response = await client.GetAsync($"/api/v1/admin/dead-letters{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonElement? Find(JsonElement page, string direction, long id) =>
        page.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("direction").GetString() == direction && i.GetProperty("id").GetInt64() == id)
            .Select(i => (JsonElement?)i).FirstOrDefault();

    [Fact]
    public async Task DeadInboundMessage_IsListedForAdmins_WithTheLastFourDigitsOnly_AndCodesMasked()
    {
        var from = DeadLetterWorld.NextWhatsApp();
        var dead = await world.DeadInboundAsync(from, "code 482913 for Lahore");

        var masked = "+" + new string('•', from.Length - 4) + from[^4..];
        var page = await ListAsync(world.Admin.Client, "?direction=inbound&channel=whatsapp");
        var html = WebUtility.HtmlDecode(await world.Admin.Client.GetStringAsync("/admin/dead-letters?direction=inbound"));

        var item = Find(page, "Inbound", dead.Id) ?? throw new Xunit.Sdk.XunitException("The dead letter is not listed.");
        Assert.Equal(("whatsapp", "text", 1), (item.GetProperty("channel").GetString(), item.GetProperty("kind").GetString(), item.GetProperty("attempts").GetInt32()));
        Assert.Equal(masked, item.GetProperty("maskedPhone").GetString());
        Assert.Equal("code •••••• for Lahore", item.GetProperty("text").GetString());
        Assert.Contains("test: replies refused", item.GetProperty("lastError").GetString() ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains(masked, html, StringComparison.Ordinal);
        Assert.DoesNotContain(from[2..], html, StringComparison.Ordinal);
        Assert.DoesNotContain("482913", html, StringComparison.Ordinal);
        Assert.DoesNotContain("482913", page.GetRawText(), StringComparison.Ordinal);
        Assert.Null(Find(await ListAsync(world.Admin.Client, "?direction=outbound"), "Inbound", dead.Id));
        Assert.Null(Find(await ListAsync(world.Admin.Client, "?channel=sms"), "Inbound", dead.Id));
    }

    [Fact]
    public async Task Retry_DeadInboundMessage_WorkerAnswersItOnce_AndASecondRetryChangesNothing()
    {
        var dead = await world.DeadInboundAsync(DeadLetterWorld.NextWhatsApp(), "hi");

        using var retried = await world.Admin.Client.PostAsync($"/api/v1/admin/dead-letters/inbound/{dead.Id}/retry", null);
        var retriedBody = await retried.Content.ReadFromJsonAsync<JsonElement>();
        var done = await world.WaitAsync(db => db.ChannelInbox.AsNoTracking().SingleOrDefaultAsync(r => r.Id == dead.Id && r.Status == InboxStatus.Done));
        var replies = await world.WaitAsync(async db =>
        {
            var rows = await db.ChannelOutbound.AsNoTracking().Where(o => o.DedupeKey.StartsWith($"inbox:{dead.Id}:")).ToListAsync();
            return rows.Count > 0 && rows.All(o => o.Status == OutboundStatus.Sent) ? rows : null;
        });
        using var again = await world.Admin.Client.PostAsync($"/api/v1/admin/dead-letters/inbound/{dead.Id}/retry", null);
        await Task.Delay(300);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.True(retriedBody.GetProperty("changed").GetBoolean());
        Assert.Equal(1, done.Attempts);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("errors.dead_letter.not_dead", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        await using var db = world.Api.CreateDbContext();
        Assert.Equal(replies.Count, await db.ChannelOutbound.CountAsync(o => o.DedupeKey.StartsWith($"inbox:{dead.Id}:")));
        Assert.Equal(1, await db.Transcripts.CountAsync(t => t.MessageId == dead.ProviderMessageId));
        Assert.Null(Find(await ListAsync(world.Admin.Client), "Inbound", dead.Id));
    }

    [Fact]
    public async Task Retry_RowAlreadyPending_ChangesNothing()
    {
        var dead = await world.DeadInboundAsync(DeadLetterWorld.NextWhatsApp(), "hi");
        await using (var db = world.Api.CreateDbContext())
        {
            // Pending again with attempts on it: the worker's poll may answer it meanwhile (attempts + 1), but a retry must not reset them.
            await db.ChannelInbox.Where(r => r.Id == dead.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, InboxStatus.Pending).SetProperty(r => r.Attempts, 3));
        }

        using var retried = await world.Admin.Client.PostAsync($"/api/v1/admin/dead-letters/inbound/{dead.Id}/retry", null);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.False((await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetBoolean());
        await using var after = world.Api.CreateDbContext();
        var row = await after.ChannelInbox.AsNoTracking().SingleAsync(r => r.Id == dead.Id);
        Assert.InRange(row.Attempts, 3, 4);
        Assert.NotEqual(InboxStatus.Dead, row.Status);
    }

    [Fact]
    public async Task Discard_HidesTheDeadLetter_KeepsTheRowStampedWithTheAdmin_AndIsIdempotent()
    {
        var dead = await world.DeadInboundAsync(DeadLetterWorld.NextWhatsApp(), "hi");

        using var discarded = await world.Admin.Client.PostAsync($"/api/v1/admin/dead-letters/inbound/{dead.Id}/discard", null);
        using var again = await world.Admin.Client.PostAsync($"/api/v1/admin/dead-letters/inbound/{dead.Id}/discard", null);
        using var retry = await world.Admin.Client.PostAsync($"/api/v1/admin/dead-letters/inbound/{dead.Id}/retry", null);

        Assert.Equal(HttpStatusCode.OK, discarded.StatusCode);
        Assert.True((await discarded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Null(Find(await ListAsync(world.Admin.Client), "Inbound", dead.Id));
        await using var db = world.Api.CreateDbContext();
        var row = await db.ChannelInbox.AsNoTracking().SingleAsync(r => r.Id == dead.Id);
        Assert.Equal((InboxStatus.Discarded, PartyId.From(world.Admin.PartyId)), (row.Status, row.DiscardedBy));
        Assert.NotNull(row.DiscardedAt);
        Assert.Equal(dead.Payload, row.Payload);
    }

    [Fact]
    public async Task NonAdmins_AreRefused_AndChangeNothing()
    {
        var dead = await world.DeadInboundAsync(DeadLetterWorld.NextWhatsApp(), "hi");

        using var list = await world.Shipper.Client.GetAsync("/api/v1/admin/dead-letters");
        using var retry = await world.Shipper.Client.PostAsync($"/api/v1/admin/dead-letters/inbound/{dead.Id}/retry", null);
        using var discard = await world.Shipper.Client.PostAsync($"/api/v1/admin/dead-letters/inbound/{dead.Id}/discard", null);
        using var page = await world.Shipper.Client.GetAsync("/admin/dead-letters");
        using var anonymousList = await world.Anonymous.GetAsync("/api/v1/admin/dead-letters");
        using var anonymousPage = await world.Anonymous.GetAsync("/admin/dead-letters");

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal("errors.forbidden", (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, discard.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousList.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousPage.StatusCode);
        await using var db = world.Api.CreateDbContext();
        var row = await db.ChannelInbox.AsNoTracking().SingleAsync(r => r.Id == dead.Id);
        Assert.Equal((InboxStatus.Dead, 1), (row.Status, row.Attempts));
    }

    [Fact]
    public async Task Page_PostWithoutAntiForgeryToken_IsRefused_AndChangesNothing()
    {
        var dead = await world.DeadInboundAsync(DeadLetterWorld.NextWhatsApp(), "hi");

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["box"] = "inbound", ["id"] = dead.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var posted = await world.Admin.Client.PostAsync("/admin/dead-letters?handler=Retry", form);

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        await using var db = world.Api.CreateDbContext();
        Assert.Equal(InboxStatus.Dead, await db.ChannelInbox.Where(r => r.Id == dead.Id).Select(r => r.Status).SingleAsync());
    }

    [Fact]
    public async Task DeadSignInCode_IsListedWithoutItsText()
    {
        // The admin's own sign-in code went out as an SMS; parked as a dead letter it must not show its words.
        OutboundRecord otp;
        await using (var db = world.Api.CreateDbContext())
        {
            otp = await db.ChannelOutbound.AsNoTracking().Where(o => o.DedupeKey.StartsWith("outbox:otp:")).OrderByDescending(o => o.Id).FirstAsync();
            await db.ChannelOutbound.Where(o => o.Id == otp.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboundStatus.Dead).SetProperty(o => o.LastError, "test: gave up"));
        }

        var code = System.Text.RegularExpressions.Regex.Match(otp.Payload, @"(\d{4,})").Groups[1].Value;
        var page = await ListAsync(world.Admin.Client, "?direction=outbound");
        var html = WebUtility.HtmlDecode(await world.Admin.Client.GetStringAsync("/admin/dead-letters?direction=outbound"));

        var item = Find(page, "Outbound", otp.Id) ?? throw new Xunit.Sdk.XunitException("The dead sign-in code is not listed.");
        Assert.True(item.GetProperty("textHidden").GetBoolean());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("text").ValueKind);
        Assert.NotEmpty(code);
        Assert.DoesNotContain(code, html, StringComparison.Ordinal);
        Assert.DoesNotContain(code, page.GetRawText(), StringComparison.Ordinal);
        Assert.Contains($"data-letter=\"outbound-{otp.Id}\"", html, StringComparison.Ordinal);
        Assert.Contains(LanguageCodes.All, l => html.Contains(Core.Localization.LocaleCatalog.Default.Format("admin.dead_letters.text_hidden", l), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retry_DeadOutboundNotification_IsSentOnce_AndCompletesItsOutboxRow()
    {
        // A notification whose SMS the sender gave up on: the outbox row Failed, its channel row Dead (as RecordAsync leaves them).
        var phone = PhoneNumber.FromE164("+" + DeadLetterWorld.NextWhatsApp());
        var notice = Core.Notifications.OutboxMessage.ToPhone(phone, "notifications.delivery.code", $"dead-test:{Guid.NewGuid():N}", TimeProvider.System, ("origin", "Lahore"), ("code", "739154"));
        notice.MarkQueued();
        notice.MarkFailed();
        var row = new OutboundRecord
        {
            Channel = "sms", Recipient = phone.E164, Kind = "text", DedupeKey = "outbox:" + notice.DedupeKey, Language = "ur-Latn",
            Payload = "PakLoad: goods from Lahore are booked for you. Give the driver code 739154 only when you receive them.",
            Status = OutboundStatus.Dead, Attempts = 8, LastError = "test: provider kept failing", CreatedAt = DateTimeOffset.UtcNow,
        };
        await using (var db = world.Api.CreateDbContext())
        {
            db.Outbox.Add(notice);
            db.ChannelOutbound.Add(row);
            await db.SaveChangesAsync();
        }

        var listed = Find(await ListAsync(world.Admin.Client, "?direction=outbound&channel=sms"), "Outbound", row.Id);
        using var retried = await world.Admin.Client.PostAsync($"/api/v1/admin/dead-letters/outbound/{row.Id}/retry", null);
        var sent = await world.WaitAsync(db => db.ChannelOutbound.AsNoTracking().SingleOrDefaultAsync(o => o.Id == row.Id && o.Status == OutboundStatus.Sent));
        await using var after = world.Api.CreateDbContext();
        var completed = await after.Outbox.AsNoTracking().SingleAsync(o => o.DedupeKey == notice.DedupeKey);

        Assert.True(listed?.GetProperty("textHidden").GetBoolean());
        Assert.DoesNotContain("739154", listed?.GetRawText() ?? "739154", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(1, sent.Attempts);
        Assert.Equal(Core.Notifications.OutboxStatus.Sent, completed.Status);
        Assert.Equal("******", completed.Arguments[Core.Notifications.OutboxMessage.SecretArgument]);
    }

    [Fact]
    public async Task List_BadFilter_IsATypedError()
    {
        using var direction = await world.Admin.Client.GetAsync("/api/v1/admin/dead-letters?direction=sideways");
        using var channel = await world.Admin.Client.GetAsync("/api/v1/admin/dead-letters?channel=fax");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, direction.StatusCode);
        Assert.Equal("errors.dead_letter.direction_invalid", (await direction.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, channel.StatusCode);
        Assert.Equal("errors.dead_letter.channel_invalid", (await channel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
