using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PakLoad.Api.Channels;
using PakLoad.Channels.Inbox;
using PakLoad.Channels.Outbound;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Channels;

/// <summary>
/// Rows handed from the webhook to the inbox lane, and from the turn to the outbound lane, skip the read back; they
/// are claimed only as their user's (recipient's) oldest pending row, so per-user order holds against rows this
/// process was never handed (stored by another instance, or waiting for a retry). The polls are slowed to a minute
/// here, so only the handed-over signal can start a drain.
/// </summary>
public sealed class HandoverTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly ApiFactory _api = new();

    public async Task InitializeAsync()
    {
        _api.Settings["PakLoad:WhatsApp:AppSecret"] = MetaWebhook.AppSecret;
        _api.Settings["PakLoad:WhatsApp:VerifyToken"] = MetaWebhook.VerifyToken;
        _api.Settings["PakLoad:Channels:InboxPoll"] = "00:01:00";
        _api.Settings["PakLoad:Channels:OutboundPoll"] = "00:01:00";
        await _api.InitializeAsync();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task AMessageHandedOver_WaitsForAnOlderPendingRowOfItsUser_StoredElsewhere()
    {
        // Fresh number: the test Redis outlives each test's database.
        var phone = $"+92300128{Random.Shared.Next(0, 10_000):D4}";
        var older = new InboundEnvelope(Channel.WhatsApp, phone, $"wamid.older.{Guid.NewGuid():N}", InboundKind.Text, "hi");
        using var client = _api.CreateClient(); // the host starts here: its start-up recovery must not see the row below
        long olderId;
        await using (var db = _api.CreateDbContext())
        {
            // As a webhook-only instance stores it: pending, and no signal reaches this process.
            var row = new InboxRecord
            {
                Provider = ChannelNames.WhatsApp,
                ProviderMessageId = older.MessageId,
                UserKey = older.UserKey,
                Payload = older.Serialize(),
                ReceivedAt = DateTimeOffset.UtcNow,
                Status = InboxStatus.Pending,
            };
            db.ChannelInbox.Add(row);
            await db.SaveChangesAsync();
            olderId = row.Id;
        }

        var newer = $"wamid.newer.{Guid.NewGuid():N}";
        using (var stored = await client.SendAsync(MetaWebhook.Post(MetaWebhook.Text(phone[1..], newer, "1"))))
        {
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }

        var rows = await _api.WaitForAsync(async db =>
        {
            var done = await db.ChannelInbox.AsNoTracking().Where(r => r.UserKey == older.UserKey && r.Status == InboxStatus.Done).ToListAsync();
            return done.Count == 2 ? done : null;
        });

        // The older row's turn ran first: its transcript entry and its replies come before the newer one's.
        var newerId = rows.Single(r => r.ProviderMessageId == newer).Id;
        await using var after = _api.CreateDbContext();
        var turns = await after.Transcripts.AsNoTracking().Where(t => t.ConversationKey == older.UserKey).OrderBy(t => t.At).Select(t => t.MessageId).ToListAsync();
        Assert.Equal([older.MessageId, newer], turns);
        var replies = await after.ChannelOutbound.AsNoTracking().Where(o => o.Recipient == phone).OrderBy(o => o.Id).Select(o => o.DedupeKey).ToListAsync();
        Assert.StartsWith($"inbox:{olderId}:", replies[0], StringComparison.Ordinal);
        Assert.StartsWith($"inbox:{newerId}:", replies[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepliesHandedOver_WaitBehindAnOlderRowOfTheirRecipient_ThatWaitsForARetry()
    {
        var phone = $"+92300129{Random.Shared.Next(0, 10_000):D4}";
        using var client = _api.CreateClient(); // the host starts here, before the clock below runs
        var due = DateTimeOffset.UtcNow.AddSeconds(4);
        await using (var db = _api.CreateDbContext())
        {
            // A notification whose first send failed: due again in four seconds, and it must still go first.
            db.ChannelOutbound.Add(new OutboundRecord
            {
                Channel = ChannelNames.WhatsApp,
                Recipient = phone,
                Kind = "text",
                Payload = $$$"""{"messaging_product":"whatsapp","to":"{{{phone[1..]}}}","type":"text","text":{"body":"earlier"}}""",
                DedupeKey = $"test:earlier:{phone}",
                Status = OutboundStatus.Pending,
                Attempts = 1,
                NextAttemptAt = due,
                LastError = "503 from the provider",
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        using (var stored = await client.SendAsync(MetaWebhook.Post(MetaWebhook.Text(phone[1..], $"wamid.behind.{Guid.NewGuid():N}", "hi"))))
        {
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }

        // The reply is written at once but held: the older row is not due yet.
        var held = await _api.WaitForAsync(async db =>
            await db.ChannelOutbound.AsNoTracking().Where(o => o.Recipient == phone && o.DedupeKey.StartsWith("inbox:")).ToListAsync() is { Count: > 0 } rows ? rows : null);
        Assert.All(held, r => Assert.Equal(OutboundStatus.Pending, r.Status));
        await using (var db = _api.CreateDbContext())
        {
            Assert.Equal(OutboundStatus.Pending, (await db.ChannelOutbound.AsNoTracking().SingleAsync(o => o.DedupeKey == $"test:earlier:{phone}")).Status);
        }

        while (DateTimeOffset.UtcNow < due)
        {
            await Task.Delay(100);
        }

        // Once it is due, the outbound poll signals the recipient (here a minute apart, so the test does what it does).
        _api.Services.GetRequiredService<OutboundWorker>().Signal(OutboundWorker.Key(ChannelNames.WhatsApp, phone));
        var sent = await _api.WaitForAsync(async db =>
            await db.ChannelOutbound.AsNoTracking().Where(o => o.Recipient == phone).OrderBy(o => o.Id).ToListAsync() is { } rows && rows.All(r => r.Status == OutboundStatus.Sent) ? rows : null);
        Assert.Equal($"test:earlier:{phone}", sent[0].DedupeKey);
        Assert.True(sent.Skip(1).All(r => r.SentAt > sent[0].SentAt), "A reply went out before the older row of its recipient.");
    }
}
