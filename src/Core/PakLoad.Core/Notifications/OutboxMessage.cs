using System.Text.Json;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;

namespace PakLoad.Core.Notifications;

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,

    /// <summary>Rendered for the recipient's channel and handed to the channel sender (its row carries "outbox:" + the dedupe key).</summary>
    Queued,

    /// <summary>
    /// Told inside another row's digest ("3 new bids…"): it came in the same burst to the same person, and that row's
    /// channel message speaks for it. Final.
    /// </summary>
    Merged,
}

/// <summary>
/// A message some change causes, written in the same transaction as that change and sent later by the
/// channel workers. <see cref="DedupeKey"/> is unique: the same event never notifies the same person twice.
/// The text is a locale key plus arguments, rendered for the recipient's language and channel at send time.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    public OutboxMessageId Id { get; private set; }

    public PartyId? RecipientId { get; private set; }

    public PhoneNumber RecipientPhone { get; private set; } = null!;

    public Language Language { get; private set; }

    public Channel Channel { get; private set; }

    public string TemplateKey { get; private set; } = string.Empty;

    public string ArgumentsJson { get; private set; } = "{}";

    public string DedupeKey { get; private set; } = string.Empty;

    public OutboxStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public IReadOnlyDictionary<string, string> Arguments =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(ArgumentsJson) ?? [];

    public static OutboxMessage To(Party recipient, string templateKey, string dedupeKey, TimeProvider clock, params (string Name, string Value)[] args)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return Create(recipient.Id, recipient.Phone, recipient.Language, recipient.PreferredChannel, templateKey, dedupeKey, clock, args);
    }

    /// <summary>For people who are not parties (a consignee): SMS in Roman Urdu, the lowest common denominator.</summary>
    public static OutboxMessage ToPhone(PhoneNumber phone, string templateKey, string dedupeKey, TimeProvider clock, params (string Name, string Value)[] args) =>
        Create(null, phone, Language.UrLatn, Channel.Sms, templateKey, dedupeKey, clock, args);

    public void MarkSent(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Status = OutboxStatus.Sent;
        Attempts++;
        SentAt = clock.GetUtcNow();
    }

    /// <summary>
    /// Once delivered, one-time codes (sign-in, proof of delivery) are blanked in the stored arguments: the
    /// outbox keeps what was said, not a secret someone could replay.
    /// </summary>
    public void RedactSecrets()
    {
        var arguments = new Dictionary<string, string>(Arguments, StringComparer.Ordinal);
        if (arguments.ContainsKey(SecretArgument))
        {
            arguments[SecretArgument] = "******";
            ArgumentsJson = JsonSerializer.Serialize(arguments);
        }
    }

    /// <summary>The argument name that carries a one-time code in every template that sends one.</summary>
    public const string SecretArgument = "code";

    /// <summary>Rendered and handed to the channel sender in the same transaction; Sent or Failed follow its outcome.</summary>
    public void MarkQueued()
    {
        Status = OutboxStatus.Queued;
    }

    /// <summary>Another row's digest tells this one (same recipient, same kind of news, same burst).</summary>
    public void MarkMerged()
    {
        Status = OutboxStatus.Merged;
    }

    public void MarkFailed()
    {
        Status = OutboxStatus.Failed;
        Attempts++;
    }

    /// <summary>
    /// An admin retried the channel message that failed it: it is with the channel sender again, so Sent or Failed
    /// follow its new outcome. Only a failed row goes back; any other state is left as it is (false).
    /// </summary>
    public bool RequeueAfterFailure()
    {
        if (Status != OutboxStatus.Failed)
        {
            return false;
        }

        Status = OutboxStatus.Queued;
        return true;
    }

    private static OutboxMessage Create(
        PartyId? recipientId, PhoneNumber phone, Language language, Channel channel, string templateKey, string dedupeKey, TimeProvider clock, (string Name, string Value)[] args)
    {
        ArgumentNullException.ThrowIfNull(phone);
        ArgumentNullException.ThrowIfNull(clock);
        return new OutboxMessage
        {
            Id = OutboxMessageId.New(clock),
            RecipientId = recipientId,
            RecipientPhone = phone,
            Language = language,
            Channel = channel,
            TemplateKey = templateKey,
            ArgumentsJson = JsonSerializer.Serialize(args.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal)),
            DedupeKey = dedupeKey,
            Status = OutboxStatus.Pending,
            CreatedAt = clock.GetUtcNow(),
        };
    }
}
