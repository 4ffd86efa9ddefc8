using PakLoad.Core.Bookings;
using PakLoad.Core.Common;
using PakLoad.Core.Places;

namespace PakLoad.Core.Trips;

/// <summary>A location a driver shared while in transit.</summary>
public sealed record TripCheckIn(double Latitude, double Longitude, DateTimeOffset At);

/// <summary>
/// A booked load on the road, from driver assignment to proof of delivery. Every change goes through
/// <see cref="Fire"/>, which consults <see cref="TripLifecycle"/> and refuses anything not in it.
/// </summary>
public sealed class Trip
{
    private readonly List<TripCheckIn> _checkIns = [];

    private Trip()
    {
    }

    public TripId Id { get; private set; }

    public BookingId BookingId { get; private set; }

    public LoadId LoadId { get; private set; }

    public PartyId ShipperId { get; private set; }

    public PartyId CarrierId { get; private set; }

    public PartyId? DriverId { get; private set; }

    public TripStatus Status { get; private set; }

    public string DeliveryCodeHash { get; private set; } = string.Empty;

    public int DeliveryCodeAttempts { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<TripCheckIn> CheckIns => _checkIns;

    /// <summary>Starts the trip of a booking; returns the plain delivery code once, for the consignee's message.</summary>
    public static (Trip Trip, string DeliveryCode) Start(Booking booking, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        var code = Trips.DeliveryCode.New();
        var trip = new Trip
        {
            Id = TripId.New(clock),
            BookingId = booking.Id,
            LoadId = booking.LoadId,
            ShipperId = booking.ShipperId,
            CarrierId = booking.CarrierId,
            Status = TripStatus.Booked,
            CreatedAt = now,
            UpdatedAt = now,
        };
        trip.DeliveryCodeHash = Trips.DeliveryCode.Hash(trip.Id, code);
        return (trip, code);
    }

    /// <summary>
    /// Puts a driver on the trip (again, to change driver before pickup). The shipper may not drive their own
    /// load: the driver enters the consignee's code, and the shipper knows the consignee. Assigning the driver
    /// already assigned changes nothing, so a repeated request notifies nobody twice.
    /// </summary>
    public Result<Trip> AssignDriver(PartyId driver, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (TripLifecycle.Next(Status, TripTrigger.AssignDriver) is null)
        {
            return NotAllowed(TripTrigger.AssignDriver);
        }

        if (driver == ShipperId)
        {
            return Error.Of("errors.trip.driver_invalid");
        }

        if (Status == TripStatus.DriverAssigned && DriverId == driver)
        {
            return this;
        }

        var fired = Fire(TripTrigger.AssignDriver, clock);
        if (fired.IsSuccess)
        {
            DriverId = driver;
        }

        return fired;
    }

    /// <summary>Whether <paramref name="party"/> is the shipper, carrier or assigned driver: the only people who see the trip.</summary>
    public bool Involves(PartyId party) => RolesOf(party) != TripRoles.None;

    /// <summary>What <paramref name="party"/> is on this trip; an owner-driver is both carrier and driver.</summary>
    public TripRoles RolesOf(PartyId party) => TripPermissions.RolesOf(party, ShipperId, CarrierId, DriverId);

    /// <summary>Whether <paramref name="party"/> may pull <paramref name="trigger"/> (the lifecycle decides whether it is possible now).</summary>
    public bool MayFire(PartyId party, TripTrigger trigger) => TripPermissions.Allows(RolesOf(party), trigger);

    /// <summary>The triggers <paramref name="party"/> may pull in the current status, for the screens and menus.</summary>
    public IReadOnlyList<TripTrigger> ActionsFor(PartyId party) => TripPermissions.Actions(Status, RolesOf(party));

    public Result<Trip> CheckIn(GeoPoint point, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (!GeoPoint.IsValid(point.Latitude, point.Longitude))
        {
            return Error.Of("errors.load.location_invalid");
        }

        var fired = Fire(TripTrigger.CheckIn, clock);
        if (fired.IsSuccess)
        {
            _checkIns.Add(new TripCheckIn(point.Latitude, point.Longitude, clock.GetUtcNow()));
        }

        return fired;
    }

    /// <summary>Delivered only with the consignee's code; after <see cref="DeliveryCode.MaxAttempts"/> wrong tries it is locked.</summary>
    public Result<Trip> Deliver(string? code, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (TripLifecycle.Next(Status, TripTrigger.Deliver) is null)
        {
            return NotAllowed(TripTrigger.Deliver);
        }

        if (DeliveryCodeAttempts >= Trips.DeliveryCode.MaxAttempts)
        {
            return Error.Of("errors.trip.code_locked");
        }

        // An empty entry is a slip of the thumb, not a guess: it costs no attempt.
        if (string.IsNullOrWhiteSpace(code))
        {
            return Error.Of("errors.trip.code_required");
        }

        if (!Trips.DeliveryCode.Matches(Id, code, DeliveryCodeHash))
        {
            DeliveryCodeAttempts++;
            Version++;
            var left = Trips.DeliveryCode.MaxAttempts - DeliveryCodeAttempts;
            return left == 0
                ? Error.Of("errors.trip.code_locked")
                : Error.Of("errors.trip.code_wrong", ("left", left.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return Transition(TripTrigger.Deliver, clock);
    }

    /// <summary>Moves the trip by a trigger that needs no data (arrived, loaded, departed …). Delivery needs the code.</summary>
    public Result<Trip> Fire(TripTrigger trigger, TimeProvider clock) =>
        trigger == TripTrigger.Deliver ? Error.Of("errors.trip.code_required") : Transition(trigger, clock);

    private Result<Trip> Transition(TripTrigger trigger, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (TripLifecycle.Next(Status, trigger) is not { } next)
        {
            return NotAllowed(trigger);
        }

        Status = next;
        UpdatedAt = clock.GetUtcNow();
        Version++;
        return this;
    }

    private Error NotAllowed(TripTrigger trigger) => Error.Of(
        "errors.trip.transition_invalid",
        ("status", Status.ToString()),
        ("action", trigger.ToString()));
}
