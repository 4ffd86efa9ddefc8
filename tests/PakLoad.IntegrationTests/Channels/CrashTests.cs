using System.Net;
using Microsoft.EntityFrameworkCore;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Channels;

/// <summary>
/// The real host binary is killed (SIGKILL) in the middle of a replay and started again on the same database:
/// every message it acknowledged with 200 is still there and answered, and no message is answered twice.
/// </summary>
public sealed class CrashTests
{
    [Fact]
    public async Task KilledDuringReplay_AfterRestart_NothingAcknowledgedIsLost_NothingIsAnsweredTwice()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Postgres);
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
            ["ConnectionStrings__Redis"] = await TestServers.RedisAsync(),
            ["PakLoad__MigrateAtStart"] = "true",
            ["PakLoad__WhatsApp__AppSecret"] = MetaWebhook.AppSecret,
            ["PakLoad__WhatsApp__VerifyToken"] = MetaWebhook.VerifyToken,
            ["PakLoad__RateLimit__PerSecond"] = "100000",
            ["PakLoad__RateLimit__Burst"] = "100000",
        };
        var (wire, unique) = Replay.Build(users: 100, perUser: 10, seed: 7);
        var acknowledged = new HashSet<string>(StringComparer.Ordinal);

        var host = await HostProcess.StartAsync(environment);
        var killed = false;
        try
        {
            using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var delivery = DeliverRecordingAsync(client, wire, acknowledged);
            while (true)
            {
                await Task.Delay(100);
                await using var db = database.CreateContext();
                if (await db.ChannelInbox.CountAsync() >= unique / 3 || delivery.IsCompleted)
                {
                    break;
                }
            }

            killed = true;
            await host.DisposeAsync(); // Process.Kill: SIGKILL, mid-stream and mid-turn
            await delivery;
        }
        finally
        {
            if (!killed)
            {
                await host.DisposeAsync();
            }
        }

        Assert.InRange(acknowledged.Count, 1, unique - 1);
        await using var restarted = await HostProcess.StartAsync(environment);

        // Meta redelivers whatever was not acknowledged; here the whole stream comes again.
        var codes = await Replay.DeliverAsync(restarted.Client, wire, parallel: 8);

        Assert.All(codes, c => Assert.Equal(HttpStatusCode.OK, c));
        await Replay.WaitForQuietAsync(() => database.CreateContext(), TimeSpan.FromMinutes(4));
        await using var check = database.CreateContext();
        var stored = await check.ChannelInbox.Select(r => r.ProviderMessageId).ToListAsync();
        Assert.Empty(acknowledged.Except(stored));
        await Replay.AssertAnsweredOnceInOrderAsync(check, unique);
    }

    private static async Task DeliverRecordingAsync(HttpClient client, List<Replay.Delivery> wire, HashSet<string> acknowledged) =>
        await Parallel.ForEachAsync(wire, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (d, ct) =>
        {
            using var request = MetaWebhook.Post(MetaWebhook.Text(d.User, d.Wamid, d.Body));
            try
            {
                using var response = await client.SendAsync(request, ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    lock (acknowledged)
                    {
                        acknowledged.Add(d.Wamid);
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                // The host is gone: Meta would retry this delivery.
            }
        });
}
