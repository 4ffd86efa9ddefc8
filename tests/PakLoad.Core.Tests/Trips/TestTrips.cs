using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Bids;
using PakLoad.Core.Bookings;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;
using PakLoad.Core.Trips;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Tests.Trips;

/// <summary>Trips made the way production makes them (load → fixed-price bid → booking → trip) and walked to any status.</summary>
internal static class TestTrips
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 5, 0, 0, TimeSpan.Zero);

    public static readonly PartyId Shipper = PartyId.From(Guid.Parse("00000000-0000-7000-8000-000000000001"));

    public static readonly PartyId Carrier = PartyId.From(Guid.Parse("00000000-0000-7000-8000-000000000002"));

    public static readonly PartyId Driver = PartyId.From(Guid.Parse("00000000-0000-7000-8000-000000000003"));

    public static readonly PartyId OtherDriver = PartyId.From(Guid.Parse("00000000-0000-7000-8000-000000000004"));

    public static readonly PartyId Stranger = PartyId.From(Guid.Parse("00000000-0000-7000-8000-000000000005"));

    public static readonly GeoPoint OnTheMotorway = new(31.0, 73.5);

    public static Booking Booking(TimeProvider clock)
    {
        var today = PakistanTime.Today(clock);
        var details = new LoadDetails(
            new LoadPoint(new PlaceId("karachi"), new GeoPoint(24.86, 67.01)),
            new LoadPoint(new PlaceId("lahore"), new GeoPoint(31.55, 74.34)),
            today,
            today.AddDays(2),
            "Cotton bales",
            10,
            WeightUnit.Ton,
            VehicleCatalogue.Default.FindClass("22-wheeler").ValueOrThrow(),
            null,
            RateMode.Fixed,
            Money.FromRupees(185_000),
            "Rana Textiles",
            PhoneNumber.FromE164("+923211234567"),
            null,
            LoadVisibility.Public);
        var load = Load.Post(Shipper, details, clock).ValueOrThrow();
        var bid = Bid.BookAtFixedPrice(load, Carrier, clock).ValueOrThrow();
        return Bookings.Booking.From(bid, clock);
    }

    public static (Trip Trip, string Code) New(TimeProvider clock) => Trip.Start(Booking(clock), clock);

    /// <summary>A trip walked along the lifecycle to <paramref name="status"/>, with its plain delivery code.</summary>
    public static (Trip Trip, string Code) At(TripStatus status, FakeTimeProvider clock)
    {
        var (trip, code) = New(clock);
        foreach (var step in PathTo(status))
        {
            clock.Advance(TimeSpan.FromMinutes(7));
            var moved = step switch
            {
                TripTrigger.AssignDriver => trip.AssignDriver(Driver, clock),
                TripTrigger.CheckIn => trip.CheckIn(OnTheMotorway, clock),
                TripTrigger.Deliver => trip.Deliver(code, clock),
                _ => trip.Fire(step, clock),
            };
            Assert.True(moved.IsSuccess, $"{step} on the way to {status}: {moved}");
        }

        Assert.Equal(status, trip.Status);
        return (trip, code);
    }

    private static TripTrigger[] PathTo(TripStatus status) => status switch
    {
        TripStatus.Booked => [],
        TripStatus.DriverAssigned => [TripTrigger.AssignDriver],
        TripStatus.AtPickup => [.. PathTo(TripStatus.DriverAssigned), TripTrigger.ArriveAtPickup],
        TripStatus.Loaded => [.. PathTo(TripStatus.AtPickup), TripTrigger.Load],
        TripStatus.InTransit => [.. PathTo(TripStatus.Loaded), TripTrigger.Depart],
        TripStatus.Arrived => [.. PathTo(TripStatus.InTransit), TripTrigger.Arrive],
        TripStatus.Delivered => [.. PathTo(TripStatus.Arrived), TripTrigger.Deliver],
        TripStatus.Completed => [.. PathTo(TripStatus.Delivered), TripTrigger.Complete],
        TripStatus.Cancelled => [TripTrigger.Cancel],
        TripStatus.Disputed => [.. PathTo(TripStatus.Loaded), TripTrigger.Dispute],
    };
}
