using System.Net;
using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Data;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Channels;

/// <summary>The inbox worker's own retry on PostgreSQL + Redis: a turn that failed once is answered by the next attempt.</summary>
public sealed class InboxRetryTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly ApiFactory _api = new();

    public async Task InitializeAsync()
    {
        _api.Settings["PakLoad:WhatsApp:AppSecret"] = MetaWebhook.AppSecret;
        _api.Settings["PakLoad:WhatsApp:VerifyToken"] = MetaWebhook.VerifyToken;
        _api.Settings["PakLoad:Channels:MaxInboxAttempts"] = "3";
        await _api.InitializeAsync();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task TurnFailingAfterTheSessionWasCached_IsAnsweredByTheRetry_NotTakenForADuplicate()
    {
        await using (var db = _api.CreateDbContext())
        {
            // The first reply row of any turn is refused (a sequence is outside the transaction, so only once): the
            // turn fails after the engine wrote the session, seen message included, to Redis.
            await db.Database.ExecuteSqlRawAsync("""
                CREATE SEQUENCE test_fail_once;
                CREATE FUNCTION test_fail_once() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN IF nextval('test_fail_once') = 1 THEN RAISE EXCEPTION 'test: first attempt refused'; END IF; RETURN NEW; END $$;
                CREATE TRIGGER test_fail_once BEFORE INSERT ON channel_outbound
                    FOR EACH ROW WHEN (NEW.dedupe_key LIKE 'inbox:%') EXECUTE FUNCTION test_fail_once();
                """);
        }

        // Fresh number and id: the test Redis outlives each test's database.
        var from = $"92300127{Random.Shared.Next(0, 10_000):D4}";
        var wamid = $"wamid.retry.{Guid.NewGuid():N}";
        using var client = _api.CreateClient();
        using (var stored = await client.SendAsync(MetaWebhook.Post(MetaWebhook.Text(from, wamid, "hi"))))
        {
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }

        InboxRecord? row = null;
        for (var i = 0; i < 200 && row is null; i++)
        {
            await Task.Delay(100);
            await using var db = _api.CreateDbContext();
            row = await db.ChannelInbox.AsNoTracking().SingleOrDefaultAsync(r => r.ProviderMessageId == wamid && r.Status != InboxStatus.Pending);
        }

        await using var after = _api.CreateDbContext();
        Assert.NotNull(row);
        Assert.Equal((InboxStatus.Done, 2), (row.Status, row.Attempts));
        Assert.Contains("first attempt refused", row.LastError ?? string.Empty, StringComparison.Ordinal);
        Assert.True(await after.ChannelOutbound.CountAsync(o => o.DedupeKey.StartsWith($"inbox:{row.Id}:")) > 0, "The retried turn sent no reply.");
    }
}
