namespace PakLoad.Core.Data;

public enum InboxStatus
{
    Pending,
    Done,

    /// <summary>Gave up after the retries: visible to admins, never answered automatically.</summary>
    Dead,

    /// <summary>An admin looked at a dead letter and set it aside (<see cref="InboxRecord.DiscardedBy"/>): kept, not shown.</summary>
    Discarded,
}

/// <summary>
/// One inbound provider message, stored before anything else happens to it under the provider's own id
/// (unique), so a redelivery is refused by the database. The worker answers pending rows per user in
/// <see cref="Id"/> order.
/// </summary>
public sealed class InboxRecord
{
    public long Id { get; set; }

    /// <summary>"whatsapp", "twilio", "ussd-at" …: provider ids are only unique within one provider.</summary>
    public required string Provider { get; set; }

    public required string ProviderMessageId { get; set; }

    /// <summary>Whose turn it is ("whatsapp:+923001234567"): the unit of ordering.</summary>
    public required string UserKey { get; set; }

    /// <summary>Meta's business-scoped user id, when sent (a username user may come without a phone).</summary>
    public string? ExternalUserId { get; set; }

    /// <summary>The decoded message (the channel's envelope JSON).</summary>
    public required string Payload { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public InboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>The admin who discarded this dead letter, and when.</summary>
    public PakLoad.Core.Common.PartyId? DiscardedBy { get; set; }

    public DateTimeOffset? DiscardedAt { get; set; }
}

public enum OutboundStatus
{
    Pending,
    Sent,

    /// <summary>The provider refused it for good (not a WhatsApp number, template missing, bad credentials).</summary>
    Failed,

    /// <summary>Retryable errors until the last attempt: parked for admins (like inbox dead letters), never sent automatically.</summary>
    Dead,

    /// <summary>An admin set a dead letter aside (<see cref="OutboundRecord.DiscardedBy"/>): kept, never sent.</summary>
    Discarded,
}

/// <summary>
/// One message for a provider, rendered for its channel and written in the same transaction as the turn that
/// caused it (<see cref="DedupeKey"/> unique: "inbox:42:0", "outbox:…"). The sender delivers pending rows in
/// <see cref="Id"/> order per recipient; provider receipts move <see cref="DeliveryStatus"/> forward only.
/// </summary>
public sealed class OutboundRecord
{
    public long Id { get; set; }

    public required string Channel { get; set; }

    public required string Recipient { get; set; }

    /// <summary>Our sending number (WhatsApp phone_number_id), so a reply leaves from the number that was written to.</summary>
    public string? SenderId { get; set; }

    public required string Kind { get; set; }

    public required string Payload { get; set; }

    public required string DedupeKey { get; set; }

    /// <summary>The language the words are in (for a template fallback outside the 24-hour window).</summary>
    public string? Language { get; set; }

    public OutboundStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? ProviderMessageId { get; set; }

    public string? DeliveryStatus { get; set; }

    public string? LastError { get; set; }

    /// <summary>A sender owns the row until then (several host instances share the table); expired leases are free.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>
    /// Set (and committed) just before a send, cleared with the outcome. Still set after a crash: the send may or may
    /// not have reached the provider, so the row waits for the provider's status echo before it is sent again.
    /// </summary>
    public DateTimeOffset? AttemptStartedAt { get; set; }

    /// <summary>The admin who discarded this dead letter, and when.</summary>
    public PakLoad.Core.Common.PartyId? DiscardedBy { get; set; }

    public DateTimeOffset? DiscardedAt { get; set; }
}

/// <summary>
/// What the channels know about one phone: when it last wrote to us on WhatsApp, which opens Meta's 24-hour
/// customer-service window (free-form messages inside it, approved templates outside).
/// </summary>
public sealed class ChannelContactRecord
{
    public required string Phone { get; set; }

    public DateTimeOffset? LastWhatsAppInboundAt { get; set; }

    /// <summary>
    /// Meta's business-scoped user id (BSUID) last seen with this phone: a username user's later messages may carry
    /// only the BSUID, and this is how they are still answered as this phone.
    /// </summary>
    public string? WhatsAppUserId { get; set; }
}

/// <summary>
/// A code sent by SMS to the phone a WhatsApp username user (known to us only by their BSUID) says is theirs. Typing
/// it back on WhatsApp proves the SIM is in their hand and links the BSUID to that phone. Stored hashed (purpose
/// "whatsapp-link", so a sign-in code never links and a link code never signs in), short-lived, single use,
/// limited tries; rows also count the codes sent per BSUID and per phone (against SMS pumping).
/// </summary>
public sealed class WhatsAppLinkCodeRecord
{
    public long Id { get; set; }

    public required string WhatsAppUserId { get; set; }

    public required string Phone { get; set; }

    public required string CodeHash { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? ConsumedAt { get; set; }
}

/// <summary>
/// A USSD gateway's end-of-session report (Africa's Talking posts one per session to its own callback URL): how the
/// session ended (<c>Success</c>, <c>Incomplete</c>: dropped while waiting for input, <c>Failed</c>: our side erred)
/// and, for a failure, the gateway's error. One row per (gateway, session): a re-sent report is stored once.
/// The inputs the user typed are not kept (they can hold a one-time code).
/// </summary>
public sealed class UssdSessionEndRecord
{
    public long Id { get; set; }

    /// <summary>"at" (Africa's Talking).</summary>
    public required string Gateway { get; set; }

    public required string SessionId { get; set; }

    /// <summary>E.164 when the gateway's number parsed as a Pakistani mobile, else what it sent.</summary>
    public string? Phone { get; set; }

    public string? ServiceCode { get; set; }

    public string? NetworkCode { get; set; }

    public required string Status { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>What the gateway charged, as it wrote it ("KES 0.0100").</summary>
    public string? Cost { get; set; }

    public long? DurationMs { get; set; }

    public int? Hops { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>
/// A voice note, photo or document a user sent, fetched from the provider at once (Meta's media URL expires in
/// minutes and the media id after 7 days) and kept by us: the row says what it is; the bytes are in
/// <see cref="Content"/> (PostgreSQL, shared by every host instance) or in a file under the data directory
/// (<see cref="StoredPath"/>, the embedded default). A failed fetch is kept with its <see cref="Error"/> for admins.
/// </summary>
public sealed class MediaRecord
{
    public long Id { get; set; }

    public required string Provider { get; set; }

    /// <summary>The provider's id of the message that carried it (wamid): one row per message.</summary>
    public required string MessageId { get; set; }

    public required string Phone { get; set; }

    public required string MediaId { get; set; }

    /// <summary>"voice", "image", "document".</summary>
    public required string Kind { get; set; }

    public string? MimeType { get; set; }

    /// <summary>Lowercase hex SHA-256 of the bytes we stored (checked against Meta's when it sent one).</summary>
    public string? Sha256 { get; set; }

    public long? SizeBytes { get; set; }

    public byte[]? Content { get; set; }

    public string? StoredPath { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? StoredAt { get; set; }

    public string? Error { get; set; }
}
