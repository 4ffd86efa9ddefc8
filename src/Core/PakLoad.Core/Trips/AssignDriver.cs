using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;

namespace PakLoad.Core.Trips;

/// <summary>The trip's carrier names the driver, by party id or by the mobile number the driver registered with.</summary>
public sealed record AssignDriverCommand(PartyId Actor, TripId TripId, PartyId? DriverId, string? DriverPhone);

public sealed class AssignDriverHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer)
{
    private static readonly Error DriverInvalid = Error.Of("errors.trip.driver_invalid");

    public async Task<Result<TripView>> HandleAsync(AssignDriverCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if ((command.DriverId is null) == string.IsNullOrWhiteSpace(command.DriverPhone))
        {
            return Error.Of("errors.request.invalid", ("fields", "driverId|driverPhone"));
        }

        // The trip first: a stranger must not learn, through this door, which numbers are registered drivers.
        var found = await TripAccess.FindForAsync(db, command.TripId, command.Actor, TripTrigger.AssignDriver, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var driver = await FindDriverAsync(command, ct);
        if (!driver.IsSuccess)
        {
            return driver.Error;
        }

        var trip = found.Value;
        var version = trip.Version;
        var assigned = trip.AssignDriver(driver.Value.Id, clock);
        if (!assigned.IsSuccess)
        {
            return assigned.Error;
        }

        if (trip.Version == version)
        {
            return TripView.Of(trip, command.Actor); // the same driver again: nothing changed, nobody is told twice
        }

        await TripNotifications.AddAsync(db, gazetteer, clock, trip, command.Actor, ct);
        return await TripAccess.SaveAsync(db, ct) is { } conflict ? conflict : TripView.Of(trip, command.Actor);
    }

    private async Task<Result<Party>> FindDriverAsync(AssignDriverCommand command, CancellationToken ct)
    {
        Party? driver;
        if (command.DriverId is { } id)
        {
            driver = await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        }
        else
        {
            var phone = PhoneNumber.Parse(command.DriverPhone);
            if (!phone.IsSuccess)
            {
                return phone.Error;
            }

            driver = await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Phone == phone.Value, ct);
        }

        // Unknown and not-a-driver read the same, so a carrier cannot use this to test who is registered.
        return driver is not null && driver.Has(PartyRole.Driver) ? driver : DriverInvalid;
    }
}
