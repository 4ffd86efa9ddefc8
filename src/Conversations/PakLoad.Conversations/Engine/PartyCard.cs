using System.Text.Json.Serialization;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;
using PakLoad.Core.Vehicles;
using CoreLanguage = PakLoad.Core.Common.Language;

namespace PakLoad.Conversations.Engine;

/// <summary>
/// What a conversation needs to know of its party (who, which roles, which vehicle), kept in the session so
/// most turns need no lookup; refreshed from the database when older than
/// <see cref="ConversationOptions.PartyRefreshAfter"/>. Menus may lag a role change by that long; every write
/// is still authorised by Core against the database.
/// </summary>
public sealed record PartyCard(Guid PartyId, string Name, string PhoneE164, List<PartyRole> Roles, CoreLanguage Language, string? Vehicle, DateTimeOffset SeenAt)
{
    [JsonIgnore]
    public PartyId Id => new(PartyId);

    [JsonIgnore]
    public PhoneNumber Phone => PhoneNumber.FromE164(PhoneE164);

    [JsonIgnore]
    public VehicleClassId? DefaultVehicle => Vehicle is null ? null : new VehicleClassId(Vehicle);

    public bool Has(PartyRole role) => Roles.Contains(role);

    /// <summary>A card from a freshly read party; <see cref="SeenAt"/> is set by the engine when it saves.</summary>
    public static implicit operator PartyCard?(Party? party) => party is null ? null : Of(party, DateTimeOffset.MinValue);

    public static PartyCard Of(Party party, DateTimeOffset seenAt)
    {
        ArgumentNullException.ThrowIfNull(party);
        return new PartyCard(party.Id.Value, party.Name, party.Phone.E164, [.. party.Roles], party.Language, party.DefaultVehicle?.Value, seenAt);
    }
}
