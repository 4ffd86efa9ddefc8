using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Time.Testing;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Bids;
using PakLoad.Core.Common;
using PakLoad.Core.Conversations;
using Microsoft.Extensions.Caching.Distributed;
using PakLoad.Core.Data.ReferenceData;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Conversations;

/// <summary>
/// Sessions on real PostgreSQL (and Redis in front): a conversation survives a restart between every turn,
/// each turn leaves one transcript row, a refused save undoes the turn's use cases, and two hosts answering
/// the same phone at once lose nothing.
/// </summary>
public sealed class ConversationPersistenceTests
{
    private static readonly PhoneNumber Shipper = PhoneNumber.FromE164("+923001234567");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 5, 0, 0, TimeSpan.Zero));

    private static async Task<TestDatabase> DatabaseAsync()
    {
        var database = await TestDatabase.CreateAsync(Provider.Postgres);
        await using var db = database.CreateContext();
        await ReferenceDataSeeder.SeedAsync(db, Gazetteer.Default, VehicleCatalogue.Default);
        await new RegisterPartyHandler(db, TimeProvider.System, VehicleCatalogue.Default)
            .HandleAsync(new RegisterPartyCommand(Shipper, "Ali Traders", PartyRole.Shipper, Language.UrLatn, Channel.WhatsApp), default);
        return database;
    }

    /// <summary>A turn as a host runs it: a fresh scope (DbContext, store, market, engine) per message.</summary>
    private async Task<TurnResult> TurnAsync(TestDatabase database, string id, string text, Func<ISessionStore, ISessionStore>? wrap = null, TurnLocks? locks = null)
    {
        _clock.Advance(TimeSpan.FromSeconds(5));
        await using var db = database.CreateContext();
        ISessionStore store = new DatabaseSessionStore(db);
        store = wrap?.Invoke(store) ?? store;
        var engine = new ConversationEngine(store, new Market(db, _clock, Gazetteer.Default, VehicleCatalogue.Default, new MarketplaceOptions()), _clock, locks: locks ?? new TurnLocks());
        return await engine.HandleAsync(InboundMessage.TextFrom(Channel.WhatsApp, Shipper, id, text));
    }

    [Fact]
    public async Task A_conversation_survives_a_restart_between_every_turn_and_leaves_one_transcript_row_per_turn()
    {
        await using var database = await DatabaseAsync();

        var first = await TurnAsync(database, "wamid.1", "Karachi se Lahore");
        var second = await TurnAsync(database, "wamid.2", "20 ton");
        var third = await TurnAsync(database, "wamid.3", "kal");
        var fourth = await TurnAsync(database, "wamid.4", "haan");

        Assert.Equal(["PostWeight", "PostDate", "PostConfirm", "Idle"], new[] { first, second, third, fourth }.Select(t => t.StepAfter));
        Assert.Contains("chat.post.posted", fourth.PromptKeys);
        Assert.Equal(["PostLoad"], fourth.UseCases.Where(u => u == "PostLoad"));
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Loads.CountAsync());
        var row = await db.Conversations.SingleAsync();
        Assert.Equal("whatsapp:+923001234567", row.Key);
        Assert.Equal(4, row.Version);
        var transcript = await db.Transcripts.OrderBy(t => t.At).ThenBy(t => t.Id).ToListAsync();
        Assert.Equal(["wamid.1", "wamid.2", "wamid.3", "wamid.4"], transcript.Select(t => t.MessageId));
        Assert.Equal(["Idle", "PostWeight", "PostDate", "PostConfirm"], transcript.Select(t => t.StepBefore));
        Assert.Equal("karachi se lahore", transcript[0].Input);
        Assert.Contains("chat.post.ask_weight", transcript[0].Prompts, StringComparison.Ordinal);
        Assert.Contains("PostLoad", transcript[3].UseCases, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redelivered_message_is_answered_once_and_changes_nothing()
    {
        await using var database = await DatabaseAsync();
        await TurnAsync(database, "wamid.1", "Karachi se Lahore 20 ton kal");
        var yes = await TurnAsync(database, "wamid.2", "haan");
        var again = await TurnAsync(database, "wamid.2", "haan");

        Assert.Contains("chat.post.posted", yes.PromptKeys);
        Assert.True(again.Duplicate);
        Assert.Empty(again.Prompts);
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Loads.CountAsync());
        Assert.Equal(2, await db.Transcripts.CountAsync());
    }

    [Fact]
    public async Task A_refused_save_rolls_back_the_turns_use_case_and_the_rerun_posts_exactly_once()
    {
        await using var database = await DatabaseAsync();
        await TurnAsync(database, "wamid.1", "Karachi se Lahore 20 ton kal");
        var refusals = 0;

        var posted = await TurnAsync(database, "wamid.2", "haan", store => new RefuseOnce(store, () => refusals++));

        Assert.Equal(1, refusals);
        Assert.Contains("chat.post.posted", posted.PromptKeys);
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Loads.CountAsync());
        Assert.Equal(2, (await db.Conversations.SingleAsync()).Version);
    }

    [Fact]
    public async Task Two_hosts_answering_one_phone_at_once_keep_both_turns()
    {
        await using var database = await DatabaseAsync();
        await TurnAsync(database, "wamid.0", "menu");

        // Separate lock tables: two processes. Only the version check serialises them.
        var turns = await Task.WhenAll(
            TurnAsync(database, "wamid.a", "1", locks: new TurnLocks()),
            TurnAsync(database, "wamid.b", "help", locks: new TurnLocks()));

        Assert.All(turns, t => Assert.False(t.Duplicate));
        await using var db = database.CreateContext();
        var row = await db.Conversations.SingleAsync();
        Assert.Equal(3, row.Version);
        var session = ConversationSession.Deserialize(row.Document);
        Assert.Contains("wamid.a", session.RecentMessages);
        Assert.Contains("wamid.b", session.RecentMessages);
        Assert.Equal(3, await db.Transcripts.CountAsync());
    }

    [Fact]
    public async Task Redis_holds_the_fast_copy_and_a_stale_copy_costs_only_a_rerun()
    {
        await using var database = await DatabaseAsync();
        using var cache = new RedisCache(new RedisCacheOptions { Configuration = await TestServers.RedisAsync(), InstanceName = $"t{Guid.NewGuid():N}:" });
        ISessionStore Cached(ISessionStore durable) => new CachedSessionStore(durable, cache, TimeSpan.FromMinutes(5));

        await TurnAsync(database, "wamid.1", "Karachi se Lahore", Cached);
        var cachedJson = await cache.GetStringAsync("pakload:session:whatsapp:+923001234567");
        Assert.NotNull(cachedJson);
        Assert.Equal(1, ConversationSession.Deserialize(cachedJson).Version);

        // Another host answers without the cache (or its cache write was lost): the cached copy is now stale.
        await TurnAsync(database, "wamid.2", "20 ton");
        var third = await TurnAsync(database, "wamid.3", "kal", Cached);

        Assert.Equal("PostConfirm", third.StepAfter);
        await using var db = database.CreateContext();
        Assert.Equal(3, (await db.Conversations.SingleAsync()).Version);
        Assert.Equal(3, ConversationSession.Deserialize((await cache.GetStringAsync("pakload:session:whatsapp:+923001234567"))!).Version);
    }

    private sealed class RefuseOnce(ISessionStore inner, Action refused) : ISessionStore
    {
        private bool _refused;

        public Task<ConversationSession?> LoadAsync(ConversationKey key, CancellationToken ct) => inner.LoadAsync(key, ct);

        public async Task<bool> SaveAsync(ConversationKey key, ConversationSession session, TranscriptEntry turn, CancellationToken ct)
        {
            if (!_refused)
            {
                _refused = true;
                refused();
                return false;
            }

            return await inner.SaveAsync(key, session, turn, ct);
        }

        public Task<Result<T>> InTurnAsync<T>(Func<CancellationToken, Task<Result<T>>> turn, CancellationToken ct) => inner.InTurnAsync(turn, ct);
    }
}
