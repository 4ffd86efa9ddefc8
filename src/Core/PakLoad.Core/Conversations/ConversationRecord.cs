using PakLoad.Core.Common;

namespace PakLoad.Core.Conversations;

/// <summary>
/// The durable copy of one chat session: a phone on a channel, its state as one JSON document, and a version
/// that every save must name (optimistic concurrency). The conversation engine owns the document's shape;
/// Core only keeps it.
/// </summary>
public sealed class ConversationRecord
{
    public const int MaxKeyLength = 40;

    private ConversationRecord()
    {
    }

    /// <summary>"whatsapp:+923001234567": the channel and the E.164 number.</summary>
    public string Key { get; private set; } = string.Empty;

    public string Document { get; private set; } = string.Empty;

    public int Version { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static ConversationRecord Create(string key, string document, DateTimeOffset at) =>
        new() { Key = key, Document = document, Version = 1, UpdatedAt = at };

    /// <summary>
    /// A stand-in for the stored row at the version a turn read, to attach and <see cref="Replace"/> without reading
    /// it again: the version is a concurrency token, so the update names it and fails when another turn saved first.
    /// </summary>
    public static ConversationRecord AtVersion(string key, int version) => new() { Key = key, Version = version };

    /// <summary>Replaces the document; the caller has checked the version it read is still current.</summary>
    public void Replace(string document, DateTimeOffset at)
    {
        Document = document;
        Version++;
        UpdatedAt = at;
    }
}

/// <summary>
/// One turn of a conversation as the back office shows it: what came in (normalised), how it was read, where
/// the conversation stood before and after, and which prompts went out.
/// </summary>
public sealed class TranscriptEntry
{
    public const int MaxTextLength = 2000;

    private TranscriptEntry()
    {
    }

    public Guid Id { get; private set; }

    public string ConversationKey { get; private set; } = string.Empty;

    public string MessageId { get; private set; } = string.Empty;

    public Channel Channel { get; private set; }

    public string Input { get; private set; } = string.Empty;

    public string Interpretation { get; private set; } = string.Empty;

    public string StepBefore { get; private set; } = string.Empty;

    public string StepAfter { get; private set; } = string.Empty;

    /// <summary>The prompt keys sent, space-separated.</summary>
    public string Prompts { get; private set; } = string.Empty;

    /// <summary>The Core use cases the turn invoked, space-separated.</summary>
    public string UseCases { get; private set; } = string.Empty;

    public DateTimeOffset At { get; private set; }

    public static TranscriptEntry Record(
        string conversationKey, string messageId, Channel channel, string input, string interpretation,
        string stepBefore, string stepAfter, string prompts, string useCases, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new TranscriptEntry
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            ConversationKey = conversationKey,
            MessageId = Clip(messageId, 200),
            Channel = channel,
            Input = Clip(input, MaxTextLength),
            Interpretation = Clip(interpretation, MaxTextLength),
            StepBefore = stepBefore,
            StepAfter = stepAfter,
            Prompts = Clip(prompts, MaxTextLength),
            UseCases = Clip(useCases, 500),
            At = clock.GetUtcNow(),
        };
    }

    private static string Clip(string? text, int max) =>
        text is null ? string.Empty : text.Length <= max ? text : text[..max];
}
