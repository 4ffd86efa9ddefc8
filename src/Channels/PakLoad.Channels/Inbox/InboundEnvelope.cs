using System.Text.Json;
using System.Text.Json.Serialization;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;

using CoreChannel = PakLoad.Core.Common.Channel;

namespace PakLoad.Channels.Inbox;

/// <summary>
/// What the inbox stores for one inbound message: the engine's input plus where a reply must leave from.
/// Provider-neutral, so the worker needs no provider parsing.
/// </summary>
public sealed record InboundEnvelope(
    CoreChannel Channel,
    string Phone,
    string MessageId,
    InboundKind Kind,
    string? Text = null,
    string? ButtonId = null,
    double? Latitude = null,
    double? Longitude = null,
    string? MediaId = null,
    string? ReplyFrom = null,
    string? ExternalUserId = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The conversation key; derived, so never stored in the payload (it throws without a stored phone).</summary>
    [JsonIgnore]
    public string UserKey => new ConversationKey(Channel, PhoneNumber.FromE164(Phone)).ToString();

    public InboundMessage ToEngine() => new(
        Channel,
        PhoneNumber.FromE164(Phone),
        MessageId,
        Kind,
        Text,
        ButtonId,
        Latitude is { } lat && Longitude is { } lon ? new GeoPoint(lat, lon) : null,
        MediaId);

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static InboundEnvelope Deserialize(string json) =>
        JsonSerializer.Deserialize<InboundEnvelope>(json, Json) ?? throw new JsonException("An empty inbox payload.");
}
