using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Common;
using PakLoad.Core.Localization;
using PakLoad.Core.Trips;

namespace PakLoad.Core.Tests.Trips;

public sealed partial class TripNotificationsTests
{
    public static TheoryData<TripStatus> ReachableStatuses => new(TripLifecycle.Transitions.Select(t => t.To).Distinct());

    [Theory]
    [MemberData(nameof(ReachableStatuses))]
    public void KeyFor_EveryReachableStatus_IsTheSnakeCaseStatusInEveryLanguage(TripStatus status)
    {
        var key = TripNotifications.KeyFor(status);

        Assert.Equal("notifications.trip." + SnakeCase(status.ToString()), key);
        Assert.All(LanguageCodes.All, language => Assert.True(LocaleCatalog.Default.Contains(key!, language), $"{key} missing in {language}"));
    }

    [Fact]
    public void KeyFor_Booked_IsNone()
    {
        Assert.DoesNotContain(TripLifecycle.Transitions, t => t.To == TripStatus.Booked);
        Assert.Null(TripNotifications.KeyFor(TripStatus.Booked));
    }

    [Fact]
    public void Recipients_CarrierActs_AreShipperAndDriver()
    {
        var (trip, _) = TestTrips.At(TripStatus.DriverAssigned, new FakeTimeProvider(TestTrips.Start));

        Assert.Equal([TestTrips.Shipper, TestTrips.Driver], TripNotifications.Recipients(trip, TestTrips.Carrier));
        Assert.Equal([TestTrips.Carrier, TestTrips.Driver], TripNotifications.Recipients(trip, TestTrips.Shipper));
        Assert.Equal([TestTrips.Shipper, TestTrips.Carrier], TripNotifications.Recipients(trip, TestTrips.Driver));
    }

    [Fact]
    public void Recipients_NoDriverYet_IsTheOtherSideOnly()
    {
        var (trip, _) = TestTrips.New(new FakeTimeProvider(TestTrips.Start));

        Assert.Equal([TestTrips.Carrier], TripNotifications.Recipients(trip, TestTrips.Shipper));
    }

    [Fact]
    public void Recipients_OwnerDriverActs_IsTheShipperOnce()
    {
        var clock = new FakeTimeProvider(TestTrips.Start);
        var (trip, _) = TestTrips.New(clock);
        trip.AssignDriver(TestTrips.Carrier, clock).ValueOrThrow();

        Assert.Equal([TestTrips.Shipper], TripNotifications.Recipients(trip, TestTrips.Carrier));
        Assert.Equal([TestTrips.Carrier], TripNotifications.Recipients(trip, TestTrips.Shipper));
    }

    [Fact]
    public void DedupeKey_SameChange_IsTheSameAndAnotherChangeDiffers()
    {
        var clock = new FakeTimeProvider(TestTrips.Start);
        var (trip, _) = TestTrips.At(TripStatus.DriverAssigned, clock);
        var first = TripNotifications.DedupeKey(trip, "driver_assigned", TestTrips.Shipper);

        Assert.Equal($"trip:{trip.Id}:driver_assigned:1:{TestTrips.Shipper}", first);
        Assert.Equal(first, TripNotifications.DedupeKey(trip, "driver_assigned", TestTrips.Shipper));
        Assert.NotEqual(first, TripNotifications.DedupeKey(trip, "driver_assigned", TestTrips.Driver));

        trip.AssignDriver(TestTrips.OtherDriver, clock).ValueOrThrow();

        Assert.NotEqual(first, TripNotifications.DedupeKey(trip, "driver_assigned", TestTrips.Shipper));
        Assert.True(first.Length <= 200, "outbox.dedupe_key holds 200 characters");
    }

    private static string SnakeCase(string name) => UpperAfterLetter().Replace(name, "_$1").ToLowerInvariant();

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex UpperAfterLetter();
}
