using System.Net;
using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Data;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Channels;

/// <summary>A shuffled stream of Meta deliveries: some duplicated once, some five times.</summary>
internal static class Replay
{
    public sealed record Delivery(string User, string Wamid, string Body);

    public static (List<Delivery> Wire, int Unique) Build(int users, int perUser, int seed)
    {
        var random = new Random(seed);
        var unique = new List<Delivery>();
        string[] words = ["hi", "2", "Ali Traders", "1", "Karachi se Lahore", "20 ton", "kal", "haan", "menu", "help"];
        // Numbers differ per run: the test Redis outlives a run and caches sessions (with their seen ids) by phone.
        var run = Random.Shared.Next(0, 50_000);
        for (var u = 0; u < users; u++)
        {
            var user = $"923{run / 1000:D2}{run % 1000:D3}{u:D4}";
            for (var m = 0; m < perUser; m++)
            {
                unique.Add(new Delivery(user, $"wamid.replay.{u}.{m}", words[m % words.Length]));
            }
        }

        // A global shuffle in which each user's messages keep the order they were typed in.
        var order = unique.OrderBy(_ => random.Next()).ToList();
        var queues = unique.GroupBy(d => d.User).ToDictionary(g => g.Key, g => new Queue<Delivery>(g));
        var first = order.Select(slot => queues[slot.User].Dequeue()).ToList();

        // Copies go anywhere after the original: 8 % once more, 2 % four more times (five deliveries).
        var wire = first.Select((d, i) => (Position: (double)i, Delivery: d)).ToList();
        for (var i = 0; i < first.Count; i++)
        {
            var roll = random.NextDouble();
            var copies = roll < 0.02 ? 4 : roll < 0.10 ? 1 : 0;
            for (var c = 0; c < copies; c++)
            {
                wire.Add((i + (random.NextDouble() * (first.Count - i)), first[i]));
            }
        }

        return (wire.OrderBy(w => w.Position).Select(w => w.Delivery).ToList(), unique.Count);
    }

    public static async Task<List<HttpStatusCode>> DeliverAsync(HttpClient client, IEnumerable<Delivery> wire, int parallel, CancellationToken ct = default)
    {
        var codes = new List<HttpStatusCode>();
        await Parallel.ForEachAsync(wire.Select((d, i) => (d, i)), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (item, token) =>
        {
            using var request = MetaWebhook.Post(MetaWebhook.Text(item.d.User, item.d.Wamid, item.d.Body));
            try
            {
                using var response = await client.SendAsync(request, token);
                lock (codes)
                {
                    codes.Add(response.StatusCode);
                }
            }
            catch (HttpRequestException)
            {
                lock (codes)
                {
                    codes.Add(HttpStatusCode.ServiceUnavailable);
                }
            }
        });
        return codes;
    }

    /// <summary>Waits until every stored message is answered and every reply handed over.</summary>
    public static async Task WaitForQuietAsync(Func<PakLoadDbContext> db, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            await using var context = db();
            if (!await context.ChannelInbox.AnyAsync(r => r.Status == InboxStatus.Pending)
                && !await context.ChannelOutbound.AnyAsync(o => o.Status == OutboundStatus.Pending))
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The inbox did not drain.");
    }

    /// <summary>Each stored message answered by exactly one turn, in the user's arrival order.</summary>
    public static async Task AssertAnsweredOnceInOrderAsync(PakLoadDbContext db, int unique)
    {
        Assert.Equal(unique, await db.ChannelInbox.CountAsync());
        Assert.Equal(0, await db.ChannelInbox.CountAsync(r => r.Status != InboxStatus.Done));
        var turns = await db.Transcripts.AsNoTracking().Where(t => t.MessageId.StartsWith("wamid.replay.")).Select(t => new { t.ConversationKey, t.MessageId, t.At }).ToListAsync();
        Assert.Equal(unique, turns.Count);
        Assert.Equal(unique, turns.Select(t => t.MessageId).Distinct().Count());
        // Replies: the rows a turn wrote carry its inbox id ("inbox:42:0"); the unique index on that key means a
        // row's replies exist once. A turn may legitimately say nothing (a handful in this stream), so the bound
        // is: no more answered rows than messages, and nearly all of them answered.
        var answered = (await db.ChannelOutbound.AsNoTracking().Select(o => o.DedupeKey).ToListAsync()).Select(k => k.Split(':')[1]).Distinct().Count();
        Assert.InRange(answered, unique * 99 / 100, unique);
        var inbox = await db.ChannelInbox.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.UserKey, r.ProviderMessageId }).ToListAsync();
        var arrival = inbox.GroupBy(r => r.UserKey).ToDictionary(g => g.Key, g => g.Select(r => r.ProviderMessageId).ToList());
        foreach (var user in turns.GroupBy(t => t.ConversationKey))
        {
            Assert.Equal(arrival[user.Key], user.OrderBy(t => t.At).Select(t => t.MessageId).ToList());
        }
    }
}

/// <summary>
/// 10,000 messages from 1,000 users, 10 % delivered twice and 2 % five times, shuffled, through the real
/// webhook on PostgreSQL + Redis: every message is answered by exactly one turn, in each user's order.
/// </summary>
public sealed class ReplayTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly ApiFactory _api = new();
    private bool _disposed;

    public async Task InitializeAsync()
    {
        _api.Settings["PakLoad:WhatsApp:AppSecret"] = MetaWebhook.AppSecret;
        _api.Settings["PakLoad:WhatsApp:VerifyToken"] = MetaWebhook.VerifyToken;
        await _api.InitializeAsync();
    }

    [Fact]
    public async Task TenThousandShuffledMessagesWithDuplicates_AreAnsweredOnceEach_InPerUserOrder()
    {
        var (wire, unique) = Replay.Build(users: 1000, perUser: 10, seed: 20261126);
        using var client = _api.CreateClient();

        var codes = await Replay.DeliverAsync(client, wire, parallel: 16);

        Assert.True(wire.Count > unique * 1.1, $"{wire.Count} deliveries for {unique} messages");
        Assert.All(codes, c => Assert.Equal(HttpStatusCode.OK, c));
        await Replay.WaitForQuietAsync(_api.CreateDbContext, TimeSpan.FromMinutes(6));
        await using var db = _api.CreateDbContext();
        await Replay.AssertAnsweredOnceInOrderAsync(db, unique);
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _api.DisposeAsync();
    }
}
