using PakLoad.Core.Common;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Parties;

/// <summary>
/// A person or firm on the exchange, known by their mobile number. Language and channel are how PakLoad
/// talks to them; roles are what they may do.
/// </summary>
public sealed class Party
{
    public const int MaxNameLength = 80;

    private readonly List<PartyRole> _roles = [];

    private Party(PartyId id, PhoneNumber phone, string name, Language language, Channel preferredChannel, DateTimeOffset createdAt)
    {
        Id = id;
        Phone = phone;
        Name = name;
        Language = language;
        PreferredChannel = preferredChannel;
        CreatedAt = createdAt;
    }

    public PartyId Id { get; private set; }

    public PhoneNumber Phone { get; private set; }

    public string Name { get; private set; }

    public IReadOnlyList<PartyRole> Roles => _roles;

    public Language Language { get; private set; }

    public Channel PreferredChannel { get; private set; }

    public Cnic? Cnic { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The vehicle a carrier usually drives, asked once at onboarding so empty-truck posts need not ask.</summary>
    public VehicleClassId? DefaultVehicle { get; private set; }

    public static Result<Party> Register(
        PhoneNumber phone, string? name, PartyRole role, Language language, Channel preferredChannel, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(phone);
        ArgumentNullException.ThrowIfNull(clock);
        var validName = ValidateName(name);
        if (!validName.IsSuccess)
        {
            return validName.Error;
        }

        var party = new Party(PartyId.New(clock), phone, validName.Value, language, preferredChannel, clock.GetUtcNow());
        party._roles.Add(role);
        return party;
    }

    public bool Has(PartyRole role) => _roles.Contains(role);

    /// <summary>Adds a role; adding one the party already has changes nothing.</summary>
    public void AddRole(PartyRole role)
    {
        if (!_roles.Contains(role))
        {
            _roles.Add(role);
        }
    }

    public Result<Party> Rename(string? name)
    {
        var validName = ValidateName(name);
        if (!validName.IsSuccess)
        {
            return validName.Error;
        }

        Name = validName.Value;
        return this;
    }

    public void ChangeLanguage(Language language) => Language = language;

    public void ChooseDefaultVehicle(VehicleClassId vehicle) => DefaultVehicle = vehicle;

    public void ChangePreferredChannel(Channel channel) => PreferredChannel = channel;

    public void RecordCnic(Cnic cnic) => Cnic = cnic ?? throw new ArgumentNullException(nameof(cnic));

    private static Result<string> ValidateName(string? name)
    {
        var trimmed = string.Join(' ', (name ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (trimmed.Length == 0)
        {
            return Error.Of("errors.party.name_required");
        }

        return trimmed.Length > MaxNameLength || trimmed.Any(char.IsControl)
            ? Error.Of("errors.party.name_invalid", ("max", MaxNameLength.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            : trimmed;
    }
}
