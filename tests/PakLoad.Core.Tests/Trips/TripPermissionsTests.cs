using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Common;
using PakLoad.Core.Trips;
using static PakLoad.Core.Trips.TripTrigger;

namespace PakLoad.Core.Tests.Trips;

public sealed class TripPermissionsTests
{
    /// <summary>Who may pull what, as agreed: written out here, not read from the code under test.</summary>
    private static readonly Dictionary<TripTrigger, TripRoles[]> Agreed = new()
    {
        [AssignDriver] = [TripRoles.Carrier],
        [ArriveAtPickup] = [TripRoles.Carrier, TripRoles.Driver],
        [Load] = [TripRoles.Carrier, TripRoles.Driver],
        [Depart] = [TripRoles.Carrier, TripRoles.Driver],
        [CheckIn] = [TripRoles.Carrier, TripRoles.Driver],
        [Arrive] = [TripRoles.Carrier, TripRoles.Driver],
        [Deliver] = [TripRoles.Carrier, TripRoles.Driver],
        [Complete] = [TripRoles.Shipper],
        [Cancel] = [TripRoles.Shipper, TripRoles.Carrier],
        [Dispute] = [TripRoles.Shipper, TripRoles.Carrier],
    };

    public static TheoryData<TripTrigger, TripRoles> EveryTriggerAndRole
    {
        get
        {
            var data = new TheoryData<TripTrigger, TripRoles>();
            foreach (var trigger in Enum.GetValues<TripTrigger>())
            {
                foreach (var role in new[] { TripRoles.None, TripRoles.Shipper, TripRoles.Carrier, TripRoles.Driver })
                {
                    data.Add(trigger, role);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(EveryTriggerAndRole))]
    public void Allows_EveryTriggerAndRole_FollowsTheAgreedTable(TripTrigger trigger, TripRoles role)
    {
        Assert.Equal(Agreed[trigger].Contains(role), TripPermissions.Allows(role, trigger));
    }

    [Theory]
    [InlineData(Complete, false)]
    [InlineData(Depart, true)]
    [InlineData(Cancel, true)]
    [InlineData(AssignDriver, true)]
    public void Allows_OwnerDriver_HasTheRightsOfBothRoles(TripTrigger trigger, bool expected)
    {
        Assert.Equal(expected, TripPermissions.Allows(TripRoles.Carrier | TripRoles.Driver, trigger));
    }

    [Fact]
    public void RolesOf_EachPerson_IsWhatTheyAreOnTheTrip()
    {
        var clock = new FakeTimeProvider(TestTrips.Start);
        var (trip, _) = TestTrips.New(clock);
        Assert.Equal(TripRoles.None, trip.RolesOf(TestTrips.Driver)); // not yet assigned

        trip.AssignDriver(TestTrips.Driver, clock).ValueOrThrow();

        Assert.Equal(TripRoles.Shipper, trip.RolesOf(TestTrips.Shipper));
        Assert.Equal(TripRoles.Carrier, trip.RolesOf(TestTrips.Carrier));
        Assert.Equal(TripRoles.Driver, trip.RolesOf(TestTrips.Driver));
        Assert.Equal(TripRoles.None, trip.RolesOf(TestTrips.Stranger));
        Assert.False(trip.Involves(TestTrips.Stranger));
        Assert.True(trip.Involves(TestTrips.Driver));
    }

    [Fact]
    public void RolesOf_CarrierDrivingThemselves_IsCarrierAndDriver()
    {
        var clock = new FakeTimeProvider(TestTrips.Start);
        var (trip, _) = TestTrips.New(clock);

        trip.AssignDriver(TestTrips.Carrier, clock).ValueOrThrow();

        Assert.Equal(TripRoles.Carrier | TripRoles.Driver, trip.RolesOf(TestTrips.Carrier));
    }

    [Theory]
    [InlineData(TripStatus.Booked, "Shipper", new[] { Cancel })]
    [InlineData(TripStatus.Booked, "Carrier", new[] { AssignDriver, Cancel })]
    [InlineData(TripStatus.InTransit, "Shipper", new[] { Dispute })]
    [InlineData(TripStatus.InTransit, "Carrier", new[] { CheckIn, Arrive, Dispute })]
    [InlineData(TripStatus.InTransit, "Driver", new[] { CheckIn, Arrive })]
    [InlineData(TripStatus.Arrived, "Driver", new[] { Deliver })]
    [InlineData(TripStatus.Delivered, "Shipper", new[] { Complete, Dispute })]
    [InlineData(TripStatus.Delivered, "Driver", new TripTrigger[0])]
    [InlineData(TripStatus.Completed, "Shipper", new TripTrigger[0])]
    public void ActionsFor_PersonInStatus_ListsWhatTheyMayDoNow(TripStatus status, string who, TripTrigger[] expected)
    {
        var clock = new FakeTimeProvider(TestTrips.Start);
        var (trip, _) = TestTrips.At(status, clock);
        var party = who switch
        {
            "Shipper" => TestTrips.Shipper,
            "Carrier" => TestTrips.Carrier,
            _ => TestTrips.Driver,
        };

        Assert.Equal(expected, trip.ActionsFor(party));
    }

    [Fact]
    public void ActionsFor_Stranger_IsEmptyInEveryStatus()
    {
        foreach (var status in Enum.GetValues<TripStatus>())
        {
            var (trip, _) = TestTrips.At(status, new FakeTimeProvider(TestTrips.Start));
            Assert.Empty(trip.ActionsFor(TestTrips.Stranger));
        }
    }

    [Fact]
    public void AssignDriver_TheShipper_IsRefusedAndChangesNothing()
    {
        var clock = new FakeTimeProvider(TestTrips.Start);
        var (trip, _) = TestTrips.New(clock);
        var before = TripState.Of(trip);

        var result = trip.AssignDriver(TestTrips.Shipper, clock);

        Assert.Equal("errors.trip.driver_invalid", result.Error?.Key);
        Assert.Equal(before, TripState.Of(trip));
    }

    [Fact]
    public void AssignDriver_SameDriverAgain_ChangesNothing()
    {
        var clock = new FakeTimeProvider(TestTrips.Start);
        var (trip, _) = TestTrips.At(TripStatus.DriverAssigned, clock);
        var before = TripState.Of(trip);
        clock.Advance(TimeSpan.FromMinutes(1));

        var result = trip.AssignDriver(TestTrips.Driver, clock);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(before, TripState.Of(trip));
    }

    [Fact]
    public void AssignDriver_AnotherDriverBeforePickup_ReplacesTheDriver()
    {
        var clock = new FakeTimeProvider(TestTrips.Start);
        var (trip, _) = TestTrips.At(TripStatus.DriverAssigned, clock);

        var result = trip.AssignDriver(TestTrips.OtherDriver, clock);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(TestTrips.OtherDriver, trip.DriverId);
        Assert.Equal(TripRoles.None, trip.RolesOf(TestTrips.Driver));
    }

    [Fact]
    public void TriggerOf_EveryMilestone_IsADistinctDataFreeTrigger()
    {
        var triggers = Enum.GetValues<TripMilestone>().Select(AdvanceTripHandler.TriggerOf).ToList();

        Assert.Equal(triggers.Count, triggers.Distinct().Count());
        Assert.Equal(
            Enum.GetValues<TripTrigger>().Except([AssignDriver, CheckIn, Deliver]).Order(),
            triggers.Order());
        Assert.All(Enum.GetValues<TripMilestone>(), m => Assert.Equal(m.ToString(), AdvanceTripHandler.TriggerOf(m).ToString()));
    }

    [Fact]
    public void Unused_PartyId_IsNotConfusedWithDefault()
    {
        // A trip without a driver must not treat the default id as its driver.
        var (trip, _) = TestTrips.New(new FakeTimeProvider(TestTrips.Start));

        Assert.Equal(TripRoles.None, trip.RolesOf(default(PartyId)));
    }
}
