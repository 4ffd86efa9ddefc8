using PakLoad.Channels.WhatsApp;

using CoreLanguage = PakLoad.Core.Common.Language;

namespace PakLoad.Channels.Outbound;

/// <summary>
/// One stored outbound message, as the sender sees it. <c>DedupeKey</c> is unique per message: passed to the
/// provider as its idempotency or callback key where it has one.
/// </summary>
public sealed record OutboundWork(long Id, string Channel, string Recipient, string? SenderId, string Kind, string Payload, CoreLanguage Language, int Attempt, string? DedupeKey = null);

/// <summary>Delivers outbound messages of one channel to its provider.</summary>
public interface IChannelSender
{
    string Channel { get; }

    Task<SendOutcome> SendAsync(OutboundWork work, CancellationToken ct);
}

public static class ChannelNames
{
    public const string WhatsApp = "whatsapp";
    public const string Sms = "sms";
}

/// <summary>The WhatsApp Cloud API behind <see cref="IChannelSender"/>; the reply leaves from the number written to.</summary>
public sealed class WhatsAppChannelSender(WhatsAppSender sender, string defaultPhoneNumberId) : IChannelSender
{
    public string Channel => ChannelNames.WhatsApp;

    public Task<SendOutcome> SendAsync(OutboundWork work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        return sender.SendAsync(work.SenderId ?? defaultPhoneNumberId, work.Recipient, work.Payload, work.Language, work.Attempt, ct, work.DedupeKey);
    }
}

/// <summary>
/// The embedded default without provider credentials: messages are recorded (the row itself is the record,
/// shown in the simulator) and marked sent with a local id.
/// </summary>
public sealed class RecordingSender(string channel) : IChannelSender
{
    public string Channel => channel;

    public Task<SendOutcome> SendAsync(OutboundWork work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Task.FromResult(SendOutcome.Done($"local.{channel}.{work.Id}"));
    }
}
