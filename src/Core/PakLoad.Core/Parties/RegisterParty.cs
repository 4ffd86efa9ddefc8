using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Parties;

/// <summary>
/// A phone joins by chat. The channel has proved the number (WhatsApp and SMS deliver from it), so no code is
/// asked. A number already known gains the role and keeps its id: registering twice changes nothing else.
/// </summary>
public sealed record RegisterPartyCommand(
    PhoneNumber Phone,
    string? Name,
    PartyRole Role,
    Language Language,
    Channel Channel,
    string? Vehicle = null,
    string? Cnic = null);

public sealed class RegisterPartyHandler(IPakLoadDb db, TimeProvider clock, VehicleCatalogue vehicles)
{
    public async Task<Result<Party>> HandleAsync(RegisterPartyCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        VehicleClass? vehicle = null;
        if (!string.IsNullOrWhiteSpace(command.Vehicle))
        {
            var found = vehicles.FindClass(command.Vehicle);
            if (!found.IsSuccess)
            {
                return found.Error;
            }

            vehicle = found.Value;
        }

        Cnic? cnic = null;
        if (!string.IsNullOrWhiteSpace(command.Cnic))
        {
            var parsed = Parties.Cnic.Parse(command.Cnic);
            if (!parsed.IsSuccess)
            {
                return parsed.Error;
            }

            cnic = parsed.Value;
        }

        var party = await db.Parties.SingleOrDefaultAsync(p => p.Phone == command.Phone, ct);
        if (party is null)
        {
            var registered = Party.Register(command.Phone, command.Name, command.Role, command.Language, command.Channel, clock);
            if (!registered.IsSuccess)
            {
                return registered.Error;
            }

            party = registered.Value;
            db.Parties.Add(party);
        }
        else
        {
            party.AddRole(command.Role);
            party.ChangeLanguage(command.Language);
        }

        if (vehicle is not null)
        {
            party.ChooseDefaultVehicle(vehicle.Id);
        }

        if (cnic is not null)
        {
            party.RecordCnic(cnic);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (db.IsConflict(ex))
        {
            // The same number registered by a racing turn: the other one won; read it back.
            db.DiscardChanges();
            var existing = await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Phone == command.Phone, ct);
            return existing is null ? Error.Of("errors.conflict") : existing;
        }

        return party;
    }
}

/// <summary>The party a phone belongs to, if any.</summary>
public sealed record FindPartyByPhoneQuery(PhoneNumber Phone);

public sealed class FindPartyByPhoneHandler(IPakLoadDb db)
{
    public async Task<Party?> HandleAsync(FindPartyByPhoneQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Phone == query.Phone, ct);
    }
}

/// <summary>A party picks the language PakLoad speaks to it, on every channel.</summary>
public sealed record ChangeLanguageCommand(PartyId Party, Language Language);

public sealed class ChangeLanguageHandler(IPakLoadDb db)
{
    public async Task<Result<Language>> HandleAsync(ChangeLanguageCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var party = await db.Parties.SingleOrDefaultAsync(p => p.Id == command.Party, ct);
        if (party is null)
        {
            return Error.Of("errors.not_found");
        }

        party.ChangeLanguage(command.Language);
        await db.SaveChangesAsync(ct);
        return command.Language;
    }
}
