using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;
using PakLoad.Core.Trips;

namespace PakLoad.IntegrationTests.Trips;

/// <summary>The trip use cases against real PostgreSQL: every change read back on a fresh context.</summary>
public sealed class TripUseCaseTests(TripDatabase fixture) : IClassFixture<TripDatabase>
{
    // ---- AssignDriver ----

    [Fact]
    public async Task AssignDriver_CarrierNamesDriverByPhone_SavesDriverAndNotifiesShipperAndDriverInTheirLanguages()
    {
        var world = await TripWorld.CreateAsync(fixture.Database);

        var result = await world.AssignAsync(world.Carrier, phone: world.Driver.Phone.National);

        Assert.True(result.IsSuccess, result.ToString());
        var trip = await world.ReadTripAsync();
        Assert.Equal((TripStatus.DriverAssigned, world.Driver.Id), (trip.Status, trip.DriverId));
        var outbox = await world.OutboxAsync();
        Assert.Equal(
            new[] { world.Shipper.Id, world.Driver.Id }
                .Select(p => ("notifications.trip.driver_assigned", p, "Karachi - Lahore", $"trip:{world.TripId}:driver_assigned:1:{p}"))
                .OrderBy(r => r.Item2.Value),
            outbox.Select(o => (o.TemplateKey, o.RecipientId!.Value, o.Arguments["route"], o.DedupeKey)).OrderBy(r => r.Item2.Value));
        Assert.Equal([Language.En, Language.UrLatn], outbox.Select(o => o.Language).Order());
        Assert.All(outbox, o => Assert.Equal(world.Clock.GetUtcNow(), o.CreatedAt));
    }

    [Fact]
    public async Task AssignDriver_ByPartyId_NotifiesInTheRecipientsLanguage()
    {
        var world = await TripWorld.CreateAsync(fixture.Database);
        await using (var db = world.Database.CreateContext())
        {
            var shipper = await db.Parties.SingleAsync(p => p.Id == world.Shipper.Id);
            shipper.ChangeLanguage(Language.Ur);
            await db.SaveChangesAsync();
        }

        var result = await world.AssignAsync(world.Carrier, driver: world.Driver.Id);

        Assert.True(result.IsSuccess, result.ToString());
        var toShipper = Assert.Single(await world.OutboxAsync(), o => o.RecipientId == world.Shipper.Id);
        Assert.Equal("کراچی - لاہور", toShipper.Arguments["route"]);
        Assert.Equal(Language.Ur, toShipper.Language);
    }

    [Fact]
    public async Task AssignDriver_CarrierWhoAlsoDrives_AssignsThemselvesAndOnlyTheShipperIsTold()
    {
        var world = await TripWorld.CreateAsync(fixture.Database, carrierAlsoDrives: true);

        var result = await world.AssignAsync(world.Carrier, driver: world.Carrier.Id);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(world.Carrier.Id, (await world.ReadTripAsync()).DriverId);
        Assert.Equal([world.Shipper.Id], (await world.OutboxAsync()).Select(o => o.RecipientId!.Value));
    }

    [Theory]
    [InlineData("carrier without the driver role")]
    [InlineData("party without the driver role")]
    [InlineData("unregistered number")]
    [InlineData("the shipper")]
    public async Task AssignDriver_SomeoneWhoIsNoDriverHere_IsRefusedAsDriverInvalidAndSavesNothing(string who)
    {
        var world = await TripWorld.CreateAsync(fixture.Database);
        await using (var db = world.Database.CreateContext())
        {
            var shipper = await db.Parties.SingleAsync(p => p.Id == world.Shipper.Id);
            shipper.AddRole(PartyRole.Driver); // even a shipper who drives may not drive their own load
            await db.SaveChangesAsync();
        }

        var result = who switch
        {
            "carrier without the driver role" => await world.AssignAsync(world.Carrier, driver: world.Carrier.Id),
            "party without the driver role" => await world.AssignAsync(world.Carrier, phone: world.NotADriver.Phone.E164),
            "unregistered number" => await world.AssignAsync(world.Carrier, phone: "0399 0000001"),
            _ => await world.AssignAsync(world.Carrier, driver: world.Shipper.Id),
        };

        Assert.Equal("errors.trip.driver_invalid", result.Error?.Key);
        var trip = await world.ReadTripAsync();
        Assert.Equal((TripStatus.Booked, (PartyId?)null, 0), (trip.Status, trip.DriverId, trip.Version));
        Assert.Empty(await world.OutboxAsync());
    }

    [Theory]
    [InlineData("shipper", "errors.forbidden")]
    [InlineData("driver", "errors.not_found")] // not on the trip until assigned
    [InlineData("stranger", "errors.not_found")]
    public async Task AssignDriver_BySomeoneOtherThanTheCarrier_IsRefusedAndSavesNothing(string who, string error)
    {
        var world = await TripWorld.CreateAsync(fixture.Database);

        var result = await world.AssignAsync(world.Named(who), driver: world.Driver.Id);

        Assert.Equal(error, result.Error?.Key);
        Assert.Null((await world.ReadTripAsync()).DriverId);
        Assert.Empty(await world.OutboxAsync());
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task AssignDriver_NeitherOrBothWaysOfNamingTheDriver_IsRefusedAsInvalidRequest(bool byId, bool byPhone)
    {
        var world = await TripWorld.CreateAsync(fixture.Database);

        var result = await world.AssignAsync(world.Carrier, byId ? world.Driver.Id : null, byPhone ? world.Driver.Phone.E164 : null);

        Assert.Equal("errors.request.invalid", result.Error?.Key);
    }

    [Fact]
    public async Task AssignDriver_MalformedPhone_IsRefusedAsPhoneInvalid()
    {
        var world = await TripWorld.CreateAsync(fixture.Database);

        var result = await world.AssignAsync(world.Carrier, phone: "call me");

        Assert.Equal("errors.phone.invalid", result.Error?.Key);
    }

    [Fact]
    public async Task AssignDriver_SameDriverTwice_NotifiesOnce()
    {
        var world = await TripWorld.CreateAsync(fixture.Database);

        Assert.True((await world.AssignAsync(world.Carrier, driver: world.Driver.Id)).IsSuccess);
        var again = await world.AssignAsync(world.Carrier, phone: world.Driver.Phone.National);

        Assert.True(again.IsSuccess, again.ToString());
        Assert.Equal(1, (await world.ReadTripAsync()).Version);
        Assert.Equal(2, (await world.OutboxAsync()).Count);
    }

    [Fact]
    public async Task AssignDriver_AnotherDriverBeforePickup_ReplacesAndTellsTheNewDriver()
    {
        var world = await TripWorld.CreateAsync(fixture.Database);
        Assert.True((await world.AssignAsync(world.Carrier, driver: world.Driver.Id)).IsSuccess);

        var result = await world.AssignAsync(world.Carrier, driver: world.SecondDriver.Id);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(world.SecondDriver.Id, (await world.ReadTripAsync()).DriverId);
        var outbox = await world.OutboxAsync();
        Assert.Equal(4, outbox.Count);
        Assert.Contains(outbox, o => o.RecipientId == world.SecondDriver.Id && o.DedupeKey.EndsWith($":driver_assigned:2:{world.SecondDriver.Id}", StringComparison.Ordinal));
        Assert.Equal("errors.not_found", (await world.GetAsync(world.Driver)).Error?.Key); // the replaced driver no longer sees it
    }

    [Fact]
    public async Task AssignDriver_AfterPickup_IsRefusedAsTransitionInvalid()
    {
        var world = await TripWorld.CreateAsync(fixture.Database, TripStatus.AtPickup);

        var result = await world.AssignAsync(world.Carrier, driver: world.SecondDriver.Id);

        Assert.Equal("errors.trip.transition_invalid", result.Error?.Key);
        Assert.Equal(world.Driver.Id, (await world.ReadTripAsync()).DriverId);
        Assert.Empty(await world.OutboxAsync());
    }

    // ---- AdvanceTrip ----

    /// <summary>Each milestone in a status where it is possible, pulled by each person: done, forbidden or not found.</summary>
    [Theory]
    [InlineData(TripMilestone.ArriveAtPickup, TripStatus.DriverAssigned, TripStatus.AtPickup, "carrier", "ok")]
    [InlineData(TripMilestone.ArriveAtPickup, TripStatus.DriverAssigned, TripStatus.AtPickup, "driver", "ok")]
    [InlineData(TripMilestone.ArriveAtPickup, TripStatus.DriverAssigned, TripStatus.AtPickup, "shipper", "errors.forbidden")]
    [InlineData(TripMilestone.ArriveAtPickup, TripStatus.DriverAssigned, TripStatus.AtPickup, "stranger", "errors.not_found")]
    [InlineData(TripMilestone.Load, TripStatus.AtPickup, TripStatus.Loaded, "carrier", "ok")]
    [InlineData(TripMilestone.Load, TripStatus.AtPickup, TripStatus.Loaded, "driver", "ok")]
    [InlineData(TripMilestone.Load, TripStatus.AtPickup, TripStatus.Loaded, "shipper", "errors.forbidden")]
    [InlineData(TripMilestone.Load, TripStatus.AtPickup, TripStatus.Loaded, "stranger", "errors.not_found")]
    [InlineData(TripMilestone.Depart, TripStatus.Loaded, TripStatus.InTransit, "carrier", "ok")]
    [InlineData(TripMilestone.Depart, TripStatus.Loaded, TripStatus.InTransit, "driver", "ok")]
    [InlineData(TripMilestone.Depart, TripStatus.Loaded, TripStatus.InTransit, "shipper", "errors.forbidden")]
    [InlineData(TripMilestone.Depart, TripStatus.Loaded, TripStatus.InTransit, "stranger", "errors.not_found")]
    [InlineData(TripMilestone.Arrive, TripStatus.InTransit, TripStatus.Arrived, "carrier", "ok")]
    [InlineData(TripMilestone.Arrive, TripStatus.InTransit, TripStatus.Arrived, "driver", "ok")]
    [InlineData(TripMilestone.Arrive, TripStatus.InTransit, TripStatus.Arrived, "shipper", "errors.forbidden")]
    [InlineData(TripMilestone.Arrive, TripStatus.InTransit, TripStatus.Arrived, "stranger", "errors.not_found")]
    [InlineData(TripMilestone.Complete, TripStatus.Delivered, TripStatus.Completed, "shipper", "ok")]
    [InlineData(TripMilestone.Complete, TripStatus.Delivered, TripStatus.Completed, "carrier", "errors.forbidden")]
    [InlineData(TripMilestone.Complete, TripStatus.Delivered, TripStatus.Completed, "driver", "errors.forbidden")]
    [InlineData(TripMilestone.Complete, TripStatus.Delivered, TripStatus.Completed, "stranger", "errors.not_found")]
    [InlineData(TripMilestone.Cancel, TripStatus.AtPickup, TripStatus.Cancelled, "shipper", "ok")]
    [InlineData(TripMilestone.Cancel, TripStatus.DriverAssigned, TripStatus.Cancelled, "carrier", "ok")]
    [InlineData(TripMilestone.Cancel, TripStatus.DriverAssigned, TripStatus.Cancelled, "driver", "errors.forbidden")]
    [InlineData(TripMilestone.Cancel, TripStatus.Booked, TripStatus.Cancelled, "stranger", "errors.not_found")]
    [InlineData(TripMilestone.Dispute, TripStatus.InTransit, TripStatus.Disputed, "shipper", "ok")]
    [InlineData(TripMilestone.Dispute, TripStatus.Delivered, TripStatus.Disputed, "carrier", "ok")]
    [InlineData(TripMilestone.Dispute, TripStatus.Arrived, TripStatus.Disputed, "driver", "errors.forbidden")]
    [InlineData(TripMilestone.Dispute, TripStatus.Loaded, TripStatus.Disputed, "stranger", "errors.not_found")]
    public async Task Advance_MilestoneByPerson_IsDoneWithNotificationsOrRefusedWithNothingWritten(
        TripMilestone milestone, TripStatus from, TripStatus to, string who, string expected)
    {
        var world = await TripWorld.CreateAsync(fixture.Database, from);
        var actor = world.Named(who);
        var before = await world.ReadTripAsync();

        var result = await world.AdvanceAsync(actor, milestone);

        var after = await world.ReadTripAsync();
        var outbox = await world.OutboxAsync();
        if (expected == "ok")
        {
            Assert.True(result.IsSuccess, result.ToString());
            Assert.Equal(to, result.Value.Status);
            Assert.Equal((to, before.Version + 1), (after.Status, after.Version));
            var key = TripNotificationKey(to);
            var everyone = new[] { world.Shipper.Id, world.Carrier.Id }.Concat(after.DriverId is { } d ? [d] : []);
            Assert.Equal(
                everyone.Where(p => p != actor.Id).OrderBy(p => p.Value),
                outbox.Select(o => o.RecipientId!.Value).OrderBy(p => p.Value));
            Assert.All(outbox, o => Assert.Equal(key, o.TemplateKey));
            Assert.All(outbox, o => Assert.Equal($"trip:{world.TripId}:{key["notifications.trip.".Length..]}:{after.Version}:{o.RecipientId}", o.DedupeKey));
        }
        else
        {
            Assert.Equal(expected, result.Error?.Key);
            Assert.Equal((from, before.Version), (after.Status, after.Version));
            Assert.Empty(outbox);
        }
    }

    [Theory]
    [InlineData(TripStatus.Booked, TripMilestone.Depart, "carrier")]
    [InlineData(TripStatus.InTransit, TripMilestone.Cancel, "shipper")]
    [InlineData(TripStatus.Arrived, TripMilestone.Complete, "shipper")]
    [InlineData(TripStatus.Completed, TripMilestone.Dispute, "carrier")]
    [InlineData(TripStatus.Cancelled, TripMilestone.ArriveAtPickup, "carrier")]
    public async Task Advance_StepNotPossibleNow_IsRefusedAsTransitionInvalidWithNothingWritten(TripStatus status, TripMilestone milestone, string who)
    {
        var world = await TripWorld.CreateAsync(fixture.Database, status);

        var result = await world.AdvanceAsync(world.Named(who), milestone);

        Assert.Equal("errors.trip.transition_invalid", result.Error?.Key);
        Assert.Equal(status, (await world.ReadTripAsync()).Status);
        Assert.Empty(await world.OutboxAsync());
    }

    [Fact]
    public async Task Advance_UnknownTrip_IsNotFound()
    {
        var world = await TripWorld.CreateAsync(fixture.Database);

        var result = await world.AdvanceAsync(world.Carrier, TripMilestone.Cancel, TripId.From(Guid.CreateVersion7()));

        Assert.Equal("errors.not_found", result.Error?.Key);
    }

    [Fact]
    public async Task Advance_TwoContextsRacingOnOneTrip_SecondLosesAsConflictAndWritesNothing()
    {
        var world = await TripWorld.CreateAsync(fixture.Database, TripStatus.DriverAssigned);
        await using var stale = world.Database.CreateContext();
        _ = await stale.Trips.SingleAsync(t => t.Id == world.TripId); // loaded before the other request's change

        Assert.True((await world.AdvanceAsync(world.Driver, TripMilestone.ArriveAtPickup)).IsSuccess);
        var late = await new AdvanceTripHandler(stale, world.Clock, Gazetteer.Default)
            .HandleAsync(new AdvanceTripCommand(world.Shipper.Id, world.TripId, TripMilestone.Cancel), default);

        Assert.Equal("errors.conflict", late.Error?.Key);
        Assert.Equal(TripStatus.AtPickup, (await world.ReadTripAsync()).Status);
        Assert.DoesNotContain(await world.OutboxAsync(), o => o.TemplateKey == "notifications.trip.cancelled");
    }

    // ---- CheckIn ----

    [Fact]
    public async Task CheckIn_ThreePositionsInTransit_ArePersistedInOrderAndNotifyNobody()
    {
        var world = await TripWorld.CreateAsync(fixture.Database, TripStatus.InTransit);
        var points = new[] { (25.39, 68.37), (27.70, 68.86), (30.19, 71.47) };
        var times = new List<DateTimeOffset>();

        foreach (var (latitude, longitude) in points)
        {
            world.Clock.Advance(TimeSpan.FromHours(3));
            times.Add(world.Clock.GetUtcNow());
            var actor = times.Count == 2 ? world.Carrier : world.Driver;
            Assert.True((await world.CheckInAsync(actor, latitude, longitude)).IsSuccess);
        }

        var trip = await world.ReadTripAsync();
        Assert.Equal(
            points.Zip(times, (p, t) => new TripCheckIn(p.Item1, p.Item2, t)),
            trip.CheckIns);
        Assert.Equal(TripStatus.InTransit, trip.Status);
        Assert.Equal(3, (await world.GetAsync(world.Shipper)).Value?.CheckIns.Count);
        Assert.Empty(await world.OutboxAsync());
    }

    [Theory]
    [InlineData(TripStatus.InTransit, "shipper", 30.0, 71.0, "errors.forbidden")]
    [InlineData(TripStatus.InTransit, "stranger", 30.0, 71.0, "errors.not_found")]
    [InlineData(TripStatus.InTransit, "driver", 91.0, 71.0, "errors.load.location_invalid")]
    [InlineData(TripStatus.InTransit, "driver", 30.0, -181.0, "errors.load.location_invalid")]
    [InlineData(TripStatus.InTransit, "driver", double.NaN, 71.0, "errors.load.location_invalid")]
    [InlineData(TripStatus.Loaded, "driver", 30.0, 71.0, "errors.trip.transition_invalid")]
    [InlineData(TripStatus.Arrived, "carrier", 30.0, 71.0, "errors.trip.transition_invalid")]
    public async Task CheckIn_Refused_RecordsNothing(TripStatus status, string who, double latitude, double longitude, string error)
    {
        var world = await TripWorld.CreateAsync(fixture.Database, status);

        var result = await world.CheckInAsync(world.Named(who), latitude, longitude);

        Assert.Equal(error, result.Error?.Key);
        var trip = await world.ReadTripAsync();
        Assert.Empty(trip.CheckIns);
        Assert.Equal(status, trip.Status);
    }

    // ---- ConfirmDelivery ----

    [Theory]
    [InlineData("driver")]
    [InlineData("carrier")]
    public async Task Confirm_RightCode_DeliversAndNotifiesTheOthers(string who)
    {
        var world = await TripWorld.CreateAsync(fixture.Database, TripStatus.Arrived);
        var actor = world.Named(who);

        var result = await world.ConfirmAsync(actor, world.Code);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(TripStatus.Delivered, (await world.ReadTripAsync()).Status);
        var outbox = await world.OutboxAsync();
        Assert.Equal(
            new[] { world.Shipper.Id, world.Carrier.Id, world.Driver.Id }.Where(p => p != actor.Id).OrderBy(p => p.Value),
            outbox.Select(o => o.RecipientId!.Value).OrderBy(p => p.Value));
        Assert.All(outbox, o => Assert.Equal("notifications.trip.delivered", o.TemplateKey));
    }

    [Fact]
    public async Task Confirm_RightCodeInUrduDigits_Delivers()
    {
        var world = await TripWorld.CreateAsync(fixture.Database, TripStatus.Arrived);
        var urdu = string.Concat(world.Code.Select(c => (char)('\u06F0' + (c - '0'))));

        var result = await world.ConfirmAsync(world.Driver, $"{urdu[..3]} {urdu[3..]}");

        Assert.True(result.IsSuccess, result.ToString());
    }

    [Fact]
    public async Task Confirm_WrongCodes_EachAttemptIsSavedAcrossContextsAndNothingIsSent()
    {
        var world = await TripWorld.CreateAsync(fixture.Database, TripStatus.Arrived);
        var wrong = Wrong(world.Code);

        var first = await world.ConfirmAsync(world.Driver, wrong);
        var second = await world.ConfirmAsync(world.Carrier, wrong);

        Assert.Equal("errors.trip.code_wrong(left=4)", first.Error?.ToString());
        Assert.Equal("errors.trip.code_wrong(left=3)", second.Error?.ToString());
        var trip = await world.ReadTripAsync();
        Assert.Equal((TripStatus.Arrived, 2), (trip.Status, trip.DeliveryCodeAttempts));
        Assert.Equal(3, (await world.GetAsync(world.Shipper)).Value?.DeliveryCodeAttemptsLeft);
        Assert.Empty(await world.OutboxAsync());
    }

    [Fact]
    public async Task Confirm_FiveWrongCodes_LocksAndTheRightCodeIsThenRefused()
    {
        var world = await TripWorld.CreateAsync(fixture.Database, TripStatus.Arrived);
        var answers = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await world.ConfirmAsync(world.Driver, Wrong(world.Code))).Error?.Key);
        }

        var right = await world.ConfirmAsync(world.Driver, world.Code);

        Assert.Equal(["errors.trip.code_wrong", "errors.trip.code_wrong", "errors.trip.code_wrong", "errors.trip.code_wrong", "errors.trip.code_locked"], answers);
        Assert.Equal("errors.trip.code_locked", right.Error?.Key);
        var trip = await world.ReadTripAsync();
        Assert.Equal((TripStatus.Arrived, 5), (trip.Status, trip.DeliveryCodeAttempts));
        Assert.Empty(await world.OutboxAsync());
    }

    [Theory]
    [InlineData(TripStatus.Arrived, "shipper", "errors.forbidden")]
    [InlineData(TripStatus.Arrived, "stranger", "errors.not_found")]
    [InlineData(TripStatus.InTransit, "driver", "errors.trip.transition_invalid")]
    [InlineData(TripStatus.Delivered, "driver", "errors.trip.transition_invalid")]
    public async Task Confirm_Refused_CostsNoAttempt(TripStatus status, string who, string error)
    {
        var world = await TripWorld.CreateAsync(fixture.Database, status);

        var result = await world.ConfirmAsync(world.Named(who), Wrong(world.Code));

        Assert.Equal(error, result.Error?.Key);
        var trip = await world.ReadTripAsync();
        Assert.Equal((status, 0), (trip.Status, trip.DeliveryCodeAttempts));
        Assert.Empty(await world.OutboxAsync());
    }

    [Fact]
    public async Task Confirm_BlankCode_CostsNoAttempt()
    {
        var world = await TripWorld.CreateAsync(fixture.Database, TripStatus.Arrived);

        var result = await world.ConfirmAsync(world.Driver, "  ");

        Assert.Equal("errors.trip.code_required", result.Error?.Key);
        Assert.Equal(0, (await world.ReadTripAsync()).DeliveryCodeAttempts);
    }

    [Fact]
    public async Task Confirm_GuessOnAStaleCopy_LosesAsConflictWithoutJudgingTheCode()
    {
        var world = await TripWorld.CreateAsync(fixture.Database, TripStatus.Arrived);
        await using var stale = world.Database.CreateContext();
        _ = await stale.Trips.SingleAsync(t => t.Id == world.TripId);

        Assert.Equal("errors.trip.code_wrong", (await world.ConfirmAsync(world.Driver, Wrong(world.Code))).Error?.Key);
        var wrongOnStale = await world.ConfirmOn(stale, world.Carrier, "999999" == world.Code ? "888888" : "999999");

        Assert.Equal("errors.conflict", wrongOnStale.Error?.Key);
        Assert.Equal(1, (await world.ReadTripAsync()).DeliveryCodeAttempts);
    }

    // ---- GetTrip and ListTrips ----

    [Theory]
    [InlineData("shipper", new[] { TripTrigger.Dispute })]
    [InlineData("carrier", new[] { TripTrigger.CheckIn, TripTrigger.Arrive, TripTrigger.Dispute })]
    [InlineData("driver", new[] { TripTrigger.CheckIn, TripTrigger.Arrive })]
    public async Task Get_BySomeoneOnTheTrip_ReturnsItWithTheirActions(string who, TripTrigger[] actions)
    {
        var world = await TripWorld.CreateAsync(fixture.Database, TripStatus.InTransit);

        var result = await world.GetAsync(world.Named(who));

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal((world.TripId, TripStatus.InTransit, world.Driver.Id), (result.Value.Id, result.Value.Status, result.Value.DriverId));
        Assert.Equal(actions, result.Value.Actions);
    }

    [Fact]
    public async Task Get_StrangerOrUnknownId_AreTheSameNotFound()
    {
        var world = await TripWorld.CreateAsync(fixture.Database, TripStatus.InTransit);

        var stranger = await world.GetAsync(world.Stranger);
        var unknown = await world.GetAsync(world.Shipper, TripId.From(Guid.CreateVersion7()));

        Assert.Equal("errors.not_found", stranger.Error?.ToString());
        Assert.Equal(stranger.Error, unknown.Error);
    }

    [Fact]
    public async Task List_TripsOfACarrier_NewestFirstPagedAndFilteredAndOnlyOwnForOthers()
    {
        // Arrange: five trips between the same shipper and carrier; two driven by the second driver.
        var world = await TripWorld.CreateAsync(fixture.Database, TripStatus.InTransit);
        var ids = new List<TripId> { world.TripId };
        ids.Add((await world.AddTripAsync(TripStatus.Completed)).Id);
        ids.Add((await world.AddTripAsync(TripStatus.InTransit, world.SecondDriver)).Id);
        ids.Add((await world.AddTripAsync(TripStatus.Booked)).Id);
        ids.Add((await world.AddTripAsync(TripStatus.Cancelled, world.SecondDriver)).Id);
        ids.Reverse(); // newest first

        // Act
        var all = await world.ListAsync(world.Carrier, pageSize: 100);
        var second = await world.ListAsync(world.Carrier, page: 2, pageSize: 2);
        var inTransit = await world.ListAsync(world.Shipper, TripStatus.InTransit);
        var secondDriver = await world.ListAsync(world.SecondDriver);
        var stranger = await world.ListAsync(world.Stranger);

        // Assert
        Assert.Equal(ids, all.Value!.Items.Select(t => t.Id));
        Assert.Equal(5, all.Value.Total);
        Assert.Equal(ids.Skip(2).Take(2), second.Value!.Items.Select(t => t.Id));
        Assert.Equal((2, 2, 5), (second.Value.Page, second.Value.PageSize, second.Value.Total));
        Assert.Equal([ids[2], ids[4]], inTransit.Value!.Items.Select(t => t.Id));
        Assert.All(inTransit.Value.Items, t => Assert.Equal([TripTrigger.Dispute], t.Actions));
        Assert.Equal([ids[2]], secondDriver.Value!.Items.Select(t => t.Id)); // the cancelled one never had him
        Assert.Equal([TripTrigger.CheckIn, TripTrigger.Arrive], secondDriver.Value.Items[0].Actions);
        Assert.Empty(stranger.Value!.Items);
        Assert.Equal(0, stranger.Value.Total);
    }

    [Theory]
    [InlineData(0, 20, 1, 20)]
    [InlineData(-3, 20, 1, 20)]
    [InlineData(1, 0, 1, 20)]
    [InlineData(1, 101, 1, 100)]
    [InlineData(1, 100, 1, 100)]
    [InlineData(2, 1, 2, 1)]
    public async Task List_PageOutOfRange_IsClampedLikeEveryMarketplaceList(int page, int pageSize, int usedPage, int usedPageSize)
    {
        var world = await TripWorld.CreateAsync(fixture.Database);
        await world.AddTripAsync(TripStatus.Booked);

        var result = await world.ListAsync(world.Carrier, page: page, pageSize: pageSize);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal((usedPage, usedPageSize, 2), (result.Value.Page, result.Value.PageSize, result.Value.Total));
        Assert.Equal(Math.Min(usedPageSize, 2 - ((usedPage - 1) * usedPageSize)), result.Value.Items.Count);
    }

    internal static string Wrong(string code) => code == "000000" ? "000001" : "000000";

    private static string TripNotificationKey(TripStatus status) => status switch
    {
        TripStatus.AtPickup => "notifications.trip.at_pickup",
        TripStatus.Loaded => "notifications.trip.loaded",
        TripStatus.InTransit => "notifications.trip.in_transit",
        TripStatus.Arrived => "notifications.trip.arrived",
        TripStatus.Completed => "notifications.trip.completed",
        TripStatus.Cancelled => "notifications.trip.cancelled",
        TripStatus.Disputed => "notifications.trip.disputed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
