using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Common;
using PakLoad.Core.Trips;
using static PakLoad.Core.Trips.TripStatus;
using static PakLoad.Core.Trips.TripTrigger;

namespace PakLoad.Core.Tests.Trips;

public sealed class TripLifecycleTests
{
    /// <summary>The agreed lifecycle, written out here independently of <see cref="TripLifecycle.Transitions"/>.</summary>
    private static readonly Dictionary<(TripStatus From, TripTrigger Trigger), TripStatus> Agreed = new()
    {
        [(Booked, AssignDriver)] = DriverAssigned,
        [(DriverAssigned, AssignDriver)] = DriverAssigned,
        [(DriverAssigned, ArriveAtPickup)] = AtPickup,
        [(AtPickup, Load)] = Loaded,
        [(Loaded, Depart)] = InTransit,
        [(InTransit, CheckIn)] = InTransit,
        [(InTransit, Arrive)] = Arrived,
        [(Arrived, Deliver)] = Delivered,
        [(Delivered, Complete)] = Completed,
        [(Booked, Cancel)] = Cancelled,
        [(DriverAssigned, Cancel)] = Cancelled,
        [(AtPickup, Cancel)] = Cancelled,
        [(Loaded, Dispute)] = Disputed,
        [(InTransit, Dispute)] = Disputed,
        [(Arrived, Dispute)] = Disputed,
        [(Delivered, Dispute)] = Disputed,
    };

    public static TheoryData<TripStatus, TripTrigger> EveryStatusAndTrigger
    {
        get
        {
            var data = new TheoryData<TripStatus, TripTrigger>();
            foreach (var status in Enum.GetValues<TripStatus>())
            {
                foreach (var trigger in Enum.GetValues<TripTrigger>())
                {
                    data.Add(status, trigger);
                }
            }

            return data;
        }
    }

    public static TheoryData<TripStatus> EveryStatus => new(Enum.GetValues<TripStatus>());

    [Fact]
    public void Transitions_Table_IsExactlyTheAgreedLifecycle()
    {
        var table = TripLifecycle.Transitions.ToDictionary(t => (t.From, t.Trigger), t => t.To);

        Assert.Equal(TripLifecycle.Transitions.Count, table.Count); // no (status, trigger) listed twice
        Assert.Equal(Agreed.OrderBy(p => p.Key).ToArray(), table.OrderBy(p => p.Key).ToArray());
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndTrigger))]
    public void Pull_EveryStatusAndTrigger_MovesToTheAgreedTargetOrRefusesAndChangesNothing(TripStatus status, TripTrigger trigger)
    {
        // Arrange
        var clock = new FakeTimeProvider(TestTrips.Start);
        var (trip, code) = TestTrips.At(status, clock);
        var before = TripState.Of(trip);
        clock.Advance(TimeSpan.FromMinutes(3));

        // Act
        var result = Pull(trip, trigger, code, clock);

        // Assert
        if (Agreed.TryGetValue((status, trigger), out var target))
        {
            Assert.True(result.IsSuccess, result.ToString());
            Assert.Same(trip, result.Value);
            Assert.Equal(target, trip.Status);
            Assert.Equal(before.Version + 1, trip.Version);
            Assert.Equal(clock.GetUtcNow(), trip.UpdatedAt);
        }
        else
        {
            Assert.False(result.IsSuccess);
            Assert.Equal("errors.trip.transition_invalid", result.Error.Key);
            Assert.Equal(status.ToString(), result.Error.Args["status"]);
            Assert.Equal(trigger.ToString(), result.Error.Args["action"]);
            Assert.Equal(before, TripState.Of(trip));
        }
    }

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void Fire_DeliverWithoutCode_IsRefusedAsCodeRequiredAndChangesNothing(TripStatus status)
    {
        var clock = new FakeTimeProvider(TestTrips.Start);
        var (trip, _) = TestTrips.At(status, clock);
        var before = TripState.Of(trip);

        var result = trip.Fire(Deliver, clock);

        Assert.Equal("errors.trip.code_required", result.Error?.Key);
        Assert.Equal(before, TripState.Of(trip));
    }

    [Fact]
    public void Walk_HappyPath_GoesFromBookedToCompleted()
    {
        var clock = new FakeTimeProvider(TestTrips.Start);
        var (trip, code) = TestTrips.New(clock);
        Assert.Equal(Booked, trip.Status);

        Assert.Equal(DriverAssigned, trip.AssignDriver(TestTrips.Driver, clock).ValueOrThrow().Status);
        Assert.Equal(AtPickup, trip.Fire(ArriveAtPickup, clock).ValueOrThrow().Status);
        Assert.Equal(Loaded, trip.Fire(Load, clock).ValueOrThrow().Status);
        Assert.Equal(InTransit, trip.Fire(Depart, clock).ValueOrThrow().Status);
        Assert.Equal(InTransit, trip.CheckIn(TestTrips.OnTheMotorway, clock).ValueOrThrow().Status);
        Assert.Equal(Arrived, trip.Fire(Arrive, clock).ValueOrThrow().Status);
        Assert.Equal(Delivered, trip.Deliver(code, clock).ValueOrThrow().Status);
        Assert.Equal(Completed, trip.Fire(Complete, clock).ValueOrThrow().Status);

        Assert.Equal(TestTrips.Driver, trip.DriverId);
        Assert.Single(trip.CheckIns);
        Assert.Equal(0, trip.DeliveryCodeAttempts);
        Assert.Equal(8, trip.Version);
        Assert.True(TripLifecycle.IsFinal(trip.Status));
    }

    [Theory]
    [InlineData(Booked)]
    [InlineData(DriverAssigned)]
    [InlineData(AtPickup)]
    public void Cancel_BeforeLoading_EndsTheTrip(TripStatus status)
    {
        var clock = new FakeTimeProvider(TestTrips.Start);
        var (trip, _) = TestTrips.At(status, clock);

        var result = trip.Fire(Cancel, clock);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(Cancelled, trip.Status);
        Assert.Empty(TripLifecycle.Permitted(Cancelled));
    }

    [Theory]
    [InlineData(Loaded)]
    [InlineData(InTransit)]
    [InlineData(Arrived)]
    [InlineData(Delivered)]
    [InlineData(Completed)]
    public void Cancel_OnceLoaded_IsRefused(TripStatus status)
    {
        var clock = new FakeTimeProvider(TestTrips.Start);
        var (trip, _) = TestTrips.At(status, clock);

        var result = trip.Fire(Cancel, clock);

        Assert.Equal("errors.trip.transition_invalid", result.Error?.Key);
        Assert.Equal(status, trip.Status);
    }

    [Theory]
    [InlineData(Loaded)]
    [InlineData(InTransit)]
    [InlineData(Arrived)]
    [InlineData(Delivered)]
    public void Dispute_WithGoodsAboard_EndsTheTripDisputed(TripStatus status)
    {
        var clock = new FakeTimeProvider(TestTrips.Start);
        var (trip, _) = TestTrips.At(status, clock);

        var result = trip.Fire(Dispute, clock);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(Disputed, trip.Status);
        Assert.Empty(TripLifecycle.Permitted(Disputed));
    }

    [Theory]
    [InlineData(Booked)]
    [InlineData(DriverAssigned)]
    [InlineData(AtPickup)]
    [InlineData(Completed)]
    [InlineData(Cancelled)]
    public void Dispute_WithoutGoodsAboardOrAfterCompletion_IsRefused(TripStatus status)
    {
        var clock = new FakeTimeProvider(TestTrips.Start);
        var (trip, _) = TestTrips.At(status, clock);

        Assert.Equal("errors.trip.transition_invalid", trip.Fire(Dispute, clock).Error?.Key);
        Assert.Equal(status, trip.Status);
    }

    [Fact]
    public void IsFinal_EveryStatus_OnlyCompletedCancelledAndDisputed()
    {
        var finals = Enum.GetValues<TripStatus>().Where(TripLifecycle.IsFinal);

        Assert.Equal([Completed, Cancelled, Disputed], finals);
    }

    [Fact]
    public void Start_Booking_CopiesThePartiesAndStartsBookedWithoutDriver()
    {
        var clock = new FakeTimeProvider(TestTrips.Start);
        var booking = TestTrips.Booking(clock);

        var (trip, code) = Trip.Start(booking, clock);

        Assert.Equal(Booked, trip.Status);
        Assert.Equal((booking.Id, booking.LoadId, booking.ShipperId, booking.CarrierId), (trip.BookingId, trip.LoadId, trip.ShipperId, trip.CarrierId));
        Assert.Null(trip.DriverId);
        Assert.Empty(trip.CheckIns);
        Assert.True(DeliveryCode.Matches(trip.Id, code, trip.DeliveryCodeHash));
        Assert.Equal(clock.GetUtcNow(), trip.CreatedAt);
    }

    private static Result<Trip> Pull(Trip trip, TripTrigger trigger, string code, TimeProvider clock) => trigger switch
    {
        AssignDriver => trip.AssignDriver(TestTrips.OtherDriver, clock),
        CheckIn => trip.CheckIn(TestTrips.OnTheMotorway, clock),
        Deliver => trip.Deliver(code, clock),
        ArriveAtPickup or Load or Depart or Arrive or Complete or Cancel or Dispute => trip.Fire(trigger, clock),
    };
}

/// <summary>Everything a refused step must leave alone.</summary>
internal sealed record TripState(TripStatus Status, int Version, DateTimeOffset UpdatedAt, PartyId? DriverId, int CheckIns, int Attempts)
{
    public static TripState Of(Trip trip) =>
        new(trip.Status, trip.Version, trip.UpdatedAt, trip.DriverId, trip.CheckIns.Count, trip.DeliveryCodeAttempts);
}
