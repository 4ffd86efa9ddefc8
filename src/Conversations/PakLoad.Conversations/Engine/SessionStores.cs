using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using PakLoad.Core.Common;
using PakLoad.Core.Conversations;

namespace PakLoad.Conversations.Engine;

/// <summary>
/// Where sessions live between turns. A save names the version it read; when another turn saved first the
/// save is refused (false) and the engine runs the turn again on the fresh copy. The turn's transcript row is
/// saved with the session, so the log never disagrees with the state.
/// </summary>
public interface ISessionStore
{
    Task<ConversationSession?> LoadAsync(ConversationKey key, CancellationToken ct);

    Task<bool> SaveAsync(ConversationKey key, ConversationSession session, TranscriptEntry turn, CancellationToken ct);

    /// <summary>
    /// Runs a whole turn (use cases, then the save) as one unit: with a database store, one transaction, so a
    /// refused save also undoes what the turn's use cases wrote. Commits only a successful result.
    /// </summary>
    Task<Result<T>> InTurnAsync<T>(Func<CancellationToken, Task<Result<T>>> turn, CancellationToken ct);
}

/// <summary>In-process sessions (tests, benchmarks, a single dev host): the same JSON and version rules.</summary>
public sealed class InMemorySessionStore : ISessionStore
{
    private readonly ConcurrentDictionary<string, (int Version, string Json)> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<TranscriptEntry> _transcript = new();

    public IReadOnlyCollection<TranscriptEntry> Transcript => _transcript;

    /// <summary>A new store holding only the saved documents (what survives a restart), for tests.</summary>
    public InMemorySessionStore Reload()
    {
        var copy = new InMemorySessionStore();
        foreach (var (key, saved) in _sessions)
        {
            copy._sessions[key] = saved;
        }

        foreach (var entry in _transcript)
        {
            copy._transcript.Enqueue(entry);
        }

        return copy;
    }

    public Task<ConversationSession?> LoadAsync(ConversationKey key, CancellationToken ct)
    {
        if (!_sessions.TryGetValue(key.ToString(), out var saved))
        {
            return Task.FromResult<ConversationSession?>(null);
        }

        var session = ConversationSession.Deserialize(saved.Json);
        session.Version = saved.Version;
        return Task.FromResult<ConversationSession?>(session);
    }

    public Task<bool> SaveAsync(ConversationKey key, ConversationSession session, TranscriptEntry turn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var id = key.ToString();
        var expected = session.Version;
        var next = expected + 1;
        session.Version = next;
        var json = session.Serialize();
        bool saved;
        if (expected == 0)
        {
            saved = _sessions.TryAdd(id, (next, json));
        }
        else
        {
            saved = _sessions.TryGetValue(id, out var current) && current.Version == expected
                    && _sessions.TryUpdate(id, (next, json), current);
        }

        if (!saved)
        {
            session.Version = expected;
            return Task.FromResult(false);
        }

        _transcript.Enqueue(turn);
        return Task.FromResult(true);
    }

    public Task<Result<T>> InTurnAsync<T>(Func<CancellationToken, Task<Result<T>>> turn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn(ct);
    }
}

/// <summary>The durable copy: a row per session in the conversations table, transcripts beside it.</summary>
public sealed class DatabaseSessionStore(IPakLoadDb db) : ISessionStore
{
    public async Task<ConversationSession?> LoadAsync(ConversationKey key, CancellationToken ct)
    {
        var id = key.ToString();
        var record = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Key == id, ct);
        if (record is null)
        {
            return null;
        }

        var session = ConversationSession.Deserialize(record.Document);
        session.Version = record.Version;
        return session;
    }

    public async Task<bool> SaveAsync(ConversationKey key, ConversationSession session, TranscriptEntry turn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var id = key.ToString();
        var expected = session.Version;
        session.Version = expected + 1;
        var json = session.Serialize();
        if (expected == 0)
        {
            db.Conversations.Add(ConversationRecord.Create(id, json, turn.At));
        }
        else
        {
            // No second read: the update names the version this turn read (a concurrency token) and fails if it moved.
            var record = ConversationRecord.AtVersion(id, expected);
            db.Conversations.Attach(record);
            record.Replace(json, turn.At);
        }

        db.Transcripts.Add(turn);
        try
        {
            // Always inside InTurnAsync's transaction (or its savepoint), which a refused save (false) rolls back.
            await db.SaveWithoutSavepointAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (db.IsConflict(ex))
        {
            db.DiscardChanges();
            session.Version = expected;
            return false;
        }
    }

    public Task<Result<T>> InTurnAsync<T>(Func<CancellationToken, Task<Result<T>>> turn, CancellationToken ct) =>
        db.InTransactionAsync(turn, ct);
}

/// <summary>
/// The fast copy in front of the durable one (Redis through <see cref="IDistributedCache"/> when configured).
/// Reads try the cache first; writes go to the durable store, then the cache. A stale cached copy can only
/// cost a refused save, after which the cache entry is dropped and the turn re-runs on the durable copy.
/// </summary>
public sealed class CachedSessionStore(ISessionStore durable, IDistributedCache cache, TimeSpan lifetime) : ISessionStore
{
    private static string CacheKey(ConversationKey key) => CacheKey(key.ToString());

    private static string CacheKey(string conversationKey) => $"pakload:session:{conversationKey}";

    /// <summary>
    /// Drops the fast copy of a conversation ("whatsapp:+923001234567"). The copy is written when the turn saves,
    /// before the caller's transaction commits: after a turn whose transaction died (a crash, a failed attempt) the
    /// next turn must read the durable copy, or it takes the message for one it has seen.
    /// </summary>
    public static Task ForgetAsync(IDistributedCache cache, string conversationKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return cache.RemoveAsync(CacheKey(conversationKey), ct);
    }

    public async Task<ConversationSession?> LoadAsync(ConversationKey key, CancellationToken ct)
    {
        var cached = await cache.GetStringAsync(CacheKey(key), ct);
        if (cached is not null)
        {
            return ConversationSession.Deserialize(cached);
        }

        return await durable.LoadAsync(key, ct);
    }

    public async Task<bool> SaveAsync(ConversationKey key, ConversationSession session, TranscriptEntry turn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!await durable.SaveAsync(key, session, turn, ct))
        {
            await cache.RemoveAsync(CacheKey(key), ct);
            return false;
        }

        // Every turn writes the copy again, so an absolute lifetime from now slides with the conversation; a sliding
        // one would cost a second round trip (a refresh) on every read.
        await cache.SetStringAsync(CacheKey(key), session.Serialize(), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime }, ct);
        return true;
    }

    public Task<Result<T>> InTurnAsync<T>(Func<CancellationToken, Task<Result<T>>> turn, CancellationToken ct) =>
        durable.InTurnAsync(turn, ct);
}
