using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Bids;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Trips;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Marketplace;

public sealed class BookingHandlerTests(MarketplaceDatabases databases) : IClassFixture<MarketplaceDatabases>
{
    public static TheoryData<Provider> Providers => new() { Provider.Postgres, Provider.Sqlite };

    private async Task<MarketplaceWorld> World(Provider provider) => await MarketplaceWorld.CreateAsync(await databases.GetAsync(provider));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AcceptBid_ByShipper_BooksTheLoadStartsTheTripAndWritesEveryMessageInOneGo(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad();
        var winner = await world.PlacedBid(world.CarrierA, load.Id, 120_000);
        var loserB = await world.PlacedBid(world.CarrierB, load.Id, 125_000);
        var loserC = await world.PlacedBid(world.CarrierC, load.Id, 130_000);
        var before = await world.Outbox();

        var accepted = await world.AcceptBid(world.Shipper, winner.Id);

        Assert.True(accepted.IsSuccess, accepted.ToString());
        Assert.Equal(Money.FromRupees(120_000), accepted.Value.AgreedPrice);
        Assert.Equal(LoadStatus.Booked, (await world.LoadRow(load.Id)).Status);
        var bids = (await world.BidRows(load.Id)).ToDictionary(b => b.Id);
        Assert.Equal(BidStatus.Accepted, bids[winner.Id].Status);
        Assert.Equal(BidStatus.Rejected, bids[loserB.Id].Status);
        Assert.Equal(BidStatus.Rejected, bids[loserC.Id].Status);
        var (booking, trip) = await world.Run(async db => (
            await db.Bookings.AsNoTracking().SingleAsync(b => b.LoadId == load.Id),
            await db.Trips.AsNoTracking().SingleAsync(t => t.LoadId == load.Id)));
        Assert.Equal((accepted.Value.BookingId, winner.Id, world.Shipper.Id, world.CarrierA.Id), (booking.Id, booking.BidId, booking.ShipperId, booking.CarrierId));
        Assert.Equal((accepted.Value.TripId, booking.Id, TripStatus.Booked), (trip.Id, trip.BookingId, trip.Status));

        var added = (await world.OutboxAfter(before)).ToDictionary(o => o.DedupeKey);
        Assert.Equal(
            new HashSet<string>
            {
                $"bid-accepted:{winner.Id}", $"booking-confirmed:{load.Id}", $"delivery-code:{load.Id}",
                $"bid-rejected:{loserB.Id}", $"bid-rejected:{loserC.Id}",
            },
            added.Keys.ToHashSet());
        var toWinner = added[$"bid-accepted:{winner.Id}"];
        Assert.Equal(("notifications.bid.accepted", world.CarrierA.Id, "Rs 1,20,000"), (toWinner.TemplateKey, toWinner.RecipientId!.Value, toWinner.Arguments["amount"]));
        var toShipper = added[$"booking-confirmed:{load.Id}"];
        Assert.Equal(("notifications.booking.confirmed", world.Shipper.Id, "Rs 120,000"), (toShipper.TemplateKey, toShipper.RecipientId!.Value, toShipper.Arguments["amount"]));
        Assert.Equal(("notifications.bid.rejected", world.CarrierB.Id), (added[$"bid-rejected:{loserB.Id}"].TemplateKey, added[$"bid-rejected:{loserB.Id}"].RecipientId!.Value));

        var toConsignee = added[$"delivery-code:{load.Id}"];
        Assert.Equal(("notifications.delivery.code", world.ConsigneePhone, Channel.Sms, Language.UrLatn), (toConsignee.TemplateKey, toConsignee.RecipientPhone, toConsignee.Channel, toConsignee.Language));
        Assert.Null(toConsignee.RecipientId);
        Assert.Equal("Lahore", toConsignee.Arguments["origin"]);
        Assert.Matches("^[0-9]{6}$", toConsignee.Arguments["code"]);
        Assert.True(DeliveryCode.Matches(trip.Id, toConsignee.Arguments["code"], trip.DeliveryCodeHash), "the code sent is the trip's code");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AcceptBid_ByCarrierOnTheShippersCounter_BooksAtTheCounterAmount(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad();
        var bid = await world.PlacedBid(world.CarrierA, load.Id, 120_000);
        (await world.CounterBid(world.Shipper, bid.Id, 105_000)).ValueOrThrow();

        var accepted = await world.AcceptBid(world.CarrierA, bid.Id);

        Assert.Equal(Money.FromRupees(105_000), accepted.ValueOrThrow().AgreedPrice);
        Assert.Equal(LoadStatus.Booked, (await world.LoadRow(load.Id)).Status);
    }

    public static TheoryData<Provider, string, string> AcceptRefusals => new()
    {
        { Provider.Postgres, "carrier-on-own-offer", "errors.bid.not_your_turn" },
        { Provider.Sqlite, "carrier-on-own-offer", "errors.bid.not_your_turn" },
        { Provider.Postgres, "shipper-on-own-counter", "errors.bid.not_your_turn" },
        { Provider.Postgres, "outsider", "errors.not_found" },
        { Provider.Sqlite, "outsider", "errors.not_found" },
        { Provider.Postgres, "expired", "errors.bid.expired" },
        { Provider.Postgres, "rejected", "errors.bid.not_live" },
        { Provider.Postgres, "load-cancelled", "errors.bid.not_live" },
        { Provider.Postgres, "load-booked", "errors.booking.conflict" },
        { Provider.Sqlite, "load-booked", "errors.booking.conflict" },
        { Provider.Postgres, "pickup-window-passed", "errors.load.not_open" },
    };

    [Theory]
    [MemberData(nameof(AcceptRefusals))]
    public async Task AcceptBid_Refused_LeavesNoBookingNoTripAndNoNewMessage(Provider provider, string situation, string key)
    {
        var world = await World(provider);
        var load = await world.PostedLoad(input: world.Input(windowDays: 0));
        if (situation == "pickup-window-passed")
        {
            world.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 18, 0, 0, TimeSpan.Zero)); // the bid lives until 20:00
        }

        var bid = await world.PlacedBid(world.CarrierA, load.Id, 120_000);
        var actor = world.Shipper;
        switch (situation)
        {
            case "carrier-on-own-offer":
                actor = world.CarrierA;
                break;
            case "shipper-on-own-counter":
                (await world.CounterBid(world.Shipper, bid.Id, 100_000)).ValueOrThrow();
                break;
            case "outsider":
                actor = world.Outsider;
                break;
            case "expired":
                world.Clock.Advance(world.Options.BidLifetime);
                break;
            case "rejected":
                (await world.RejectBid(world.Shipper, bid.Id)).ValueOrThrow();
                break;
            case "load-cancelled":
                (await world.CancelLoad(world.Shipper, load.Id)).ValueOrThrow();
                break;
            case "load-booked":
                var other = await world.PlacedBid(world.CarrierB, load.Id, 130_000);
                (await world.AcceptBid(world.Shipper, other.Id)).ValueOrThrow();
                break;
            case "pickup-window-passed":
                world.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 19, 0, 0, TimeSpan.Zero)); // the load's only pickup day ends
                break;
        }

        var bookingsBefore = await world.Run(db => db.Bookings.CountAsync(b => b.LoadId == load.Id));
        var outboxBefore = (await world.Outbox()).Count;

        var accepted = await world.AcceptBid(actor, bid.Id);

        Assert.Equal(key, accepted.Error?.Key);
        Assert.Equal(bookingsBefore, await world.Run(db => db.Bookings.CountAsync(b => b.LoadId == load.Id)));
        Assert.Equal(bookingsBefore, await world.Run(db => db.Trips.CountAsync(t => t.LoadId == load.Id)));
        Assert.Equal(outboxBefore, (await world.Outbox()).Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BookNow_FixedPriceLoad_BooksAtThePriceWithAnAcceptedBid(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad(input: world.Input(mode: RateMode.Fixed, priceRupees: 150_000));

        var booked = await world.BookNow(world.CarrierB, load.Id);

        Assert.True(booked.IsSuccess, booked.ToString());
        Assert.Equal(Money.FromRupees(150_000), booked.Value.AgreedPrice);
        var bid = Assert.Single(await world.BidRows(load.Id));
        Assert.Equal((BidStatus.Accepted, world.CarrierB.Id, Money.FromRupees(150_000)), (bid.Status, bid.CarrierId, bid.Amount));
        Assert.Equal(LoadStatus.Booked, (await world.LoadRow(load.Id)).Status);
        var keys = (await world.Outbox()).Select(o => o.DedupeKey).ToHashSet();
        Assert.Equal(new HashSet<string> { $"bid-accepted:{bid.Id}", $"booking-confirmed:{load.Id}", $"delivery-code:{load.Id}" }, keys);
    }

    public static TheoryData<Provider, string, string> BookNowRefusals => new()
    {
        { Provider.Postgres, "bids-load", "errors.bid.not_fixed_price" },
        { Provider.Sqlite, "bids-load", "errors.bid.not_fixed_price" },
        { Provider.Postgres, "shipper-only", "errors.forbidden" },
        { Provider.Postgres, "private", "errors.not_found" },
        { Provider.Postgres, "own-load", "errors.bid.own_load" },
        { Provider.Postgres, "already-booked", "errors.booking.conflict" },
        { Provider.Sqlite, "already-booked", "errors.booking.conflict" },
        { Provider.Postgres, "cancelled", "errors.not_found" },
        { Provider.Postgres, "shipper-only-on-booked", "errors.not_found" },
        { Provider.Postgres, "missing", "errors.not_found" },
        { Provider.Postgres, "past-window", "errors.load.not_open" },
    };

    [Theory]
    [MemberData(nameof(BookNowRefusals))]
    public async Task BookNow_Refused_LeavesNoBookingAndNoNewMessage(Provider provider, string situation, string key)
    {
        var world = await World(provider);
        var shipper = situation == "own-load" ? world.Outsider : world.Shipper;
        var load = await world.PostedLoad(shipper, situation switch
        {
            "bids-load" => world.Input(),
            "private" => world.Input(mode: RateMode.Fixed, priceRupees: 150_000, visibility: LoadVisibility.Private),
            _ => world.Input(mode: RateMode.Fixed, priceRupees: 150_000),
        });
        var actor = situation switch
        {
            "shipper-only" or "shipper-only-on-booked" => world.Broker,
            "own-load" => world.Outsider,
            _ => world.CarrierA,
        };
        var loadId = situation == "missing" ? LoadId.New(world.Clock) : load.Id;
        if (situation is "already-booked" or "shipper-only-on-booked")
        {
            (await world.BookNow(world.CarrierB, load.Id)).ValueOrThrow();
        }

        if (situation == "past-window")
        {
            world.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 19, 0, 0, TimeSpan.Zero));
        }

        if (situation == "cancelled")
        {
            (await world.CancelLoad(world.Shipper, load.Id)).ValueOrThrow();
        }

        var bookingsBefore = await world.Run(db => db.Bookings.CountAsync(b => b.LoadId == load.Id));
        var outboxBefore = (await world.Outbox()).Count;

        var booked = await world.BookNow(actor, loadId);

        Assert.Equal(key, booked.Error?.Key);
        Assert.Equal(bookingsBefore, await world.Run(db => db.Bookings.CountAsync(b => b.LoadId == load.Id)));
        Assert.Equal(outboxBefore, (await world.Outbox()).Count);
        Assert.DoesNotContain(await world.BidRows(load.Id), b => b.CarrierId == actor.Id);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetBooking_ShipperAndCarrierSeeIt_OthersGetNotFound(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad(input: world.Input(mode: RateMode.Fixed, priceRupees: 150_000));
        var booked = (await world.BookNow(world.CarrierA, load.Id)).ValueOrThrow();

        var byShipper = await world.GetBooking(world.Shipper, booked.BookingId);
        var byCarrier = await world.GetBooking(world.CarrierA, booked.BookingId);
        var byOther = await world.GetBooking(world.CarrierB, booked.BookingId);
        var missing = await world.GetBooking(world.Shipper, BookingId.New(world.Clock));

        var seen = byShipper.ValueOrThrow();
        Assert.Equal((load.Id, booked.TripId, TripStatus.Booked), (seen.LoadId, seen.TripId, seen.TripStatus));
        Assert.Equal(booked.BookingId, byCarrier.ValueOrThrow().Id);
        Assert.Equal("errors.not_found", byOther.Error?.Key);
        Assert.Equal("errors.not_found", missing.Error?.Key);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ListBookings_EachParty_SeesOnlyBookingsTheyAreIn(Provider provider)
    {
        var world = await World(provider);
        var first = await world.PostedLoad(input: world.Input(mode: RateMode.Fixed, priceRupees: 150_000));
        var second = await world.PostedLoad(input: world.Input(mode: RateMode.Fixed, priceRupees: 160_000));
        var one = (await world.BookNow(world.CarrierA, first.Id)).ValueOrThrow();
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        var two = (await world.BookNow(world.CarrierB, second.Id)).ValueOrThrow();

        var shipper = (await world.ListBookings(world.Shipper)).ValueOrThrow();
        var carrierA = (await world.ListBookings(world.CarrierA)).ValueOrThrow();
        var outsider = (await world.ListBookings(world.Outsider)).ValueOrThrow();
        var paged = (await world.ListBookings(world.Shipper, page: 2, pageSize: 1)).ValueOrThrow();

        Assert.Equal([two.BookingId, one.BookingId], shipper.Items.Select(b => b.Id));
        Assert.Equal([two.TripId, one.TripId], shipper.Items.Select(b => b.TripId!.Value));
        Assert.Equal([one.BookingId], carrierA.Items.Select(b => b.Id));
        Assert.Equal(0, outsider.Total);
        Assert.Equal((2, 1, 2, one.BookingId), (paged.Page, paged.PageSize, paged.Total, paged.Items.Single().Id));
    }
}
