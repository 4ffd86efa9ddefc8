using PakLoad.Core.Bids;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Marketplace;

public sealed class BidHandlerTests(MarketplaceDatabases databases) : IClassFixture<MarketplaceDatabases>
{
    public static TheoryData<Provider> Providers => new() { Provider.Postgres, Provider.Sqlite };

    private async Task<MarketplaceWorld> World(Provider provider) => await MarketplaceWorld.CreateAsync(await databases.GetAsync(provider));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PlaceBid_ByCarrier_StoresRoundOneAndTellsTheShipperInTheirLanguage(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad();

        var placed = await world.PlaceBid(world.CarrierA, load.Id, 120_000);

        Assert.True(placed.IsSuccess, placed.ToString());
        var bid = (await world.BidRows(load.Id)).Single();
        Assert.Equal((BidStatus.Open, Money.FromRupees(120_000), world.Shipper.Id), (bid.Status, bid.Amount, bid.ShipperId));
        Assert.Equal([new BidRound(1, BidSide.Carrier, Money.FromRupees(120_000), MarketplaceWorld.Start)], bid.Rounds);
        Assert.Equal(MarketplaceWorld.Start + world.Options.BidLifetime, bid.ExpiresAt);
        var message = Assert.Single(await world.Outbox());
        Assert.Equal("notifications.bid.received", message.TemplateKey);
        Assert.Equal(world.Shipper.Id, message.RecipientId);
        Assert.Equal($"bid-received:{bid.Id}:1", message.DedupeKey);
        Assert.Equal("Lahore - Karachi", message.Arguments["route"]);
        Assert.Equal("Rs 120,000", message.Arguments["amount"]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PlaceBid_SecondLiveBidBySameCarrier_IsADuplicateAndWritesNoMessage(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad();
        await world.PlacedBid(world.CarrierA, load.Id, 120_000);

        var second = await world.PlaceBid(world.CarrierA, load.Id, 110_000);

        Assert.Equal("errors.bid.duplicate", second.Error?.Key);
        Assert.Single(await world.BidRows(load.Id));
        Assert.Single(await world.Outbox());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PlaceBid_AfterWithdrawing_IsAllowedAgain(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad();
        var first = await world.PlacedBid(world.CarrierA, load.Id, 120_000);
        (await world.WithdrawBid(world.CarrierA, first.Id)).ValueOrThrow();

        var second = await world.PlaceBid(world.CarrierA, load.Id, 110_000);

        Assert.True(second.IsSuccess, second.ToString());
        Assert.Equal(2, (await world.BidRows(load.Id)).Count);
    }

    public static TheoryData<Provider, string, string> PlaceRefusals => new()
    {
        { Provider.Postgres, "shipper-only", "errors.forbidden" },
        { Provider.Postgres, "private-load", "errors.not_found" },
        { Provider.Sqlite, "private-load", "errors.not_found" },
        { Provider.Postgres, "missing-load", "errors.not_found" },
        { Provider.Postgres, "fixed-price", "errors.bid.fixed_price" },
        { Provider.Postgres, "own-load", "errors.bid.own_load" },
        { Provider.Postgres, "cancelled", "errors.not_found" },
        { Provider.Sqlite, "cancelled", "errors.not_found" },
        { Provider.Postgres, "booked", "errors.not_found" },
        { Provider.Postgres, "shipper-only-on-booked", "errors.not_found" },
        { Provider.Postgres, "past-window", "errors.load.not_open" },
        { Provider.Postgres, "zero", "errors.bid.amount_invalid" },
    };

    [Theory]
    [MemberData(nameof(PlaceRefusals))]
    public async Task PlaceBid_Refused_StoresNoBidAndNoMessage(Provider provider, string situation, string key)
    {
        var world = await World(provider);
        var carrier = world.CarrierA;
        var load = await world.PostedLoad(input: situation switch
        {
            "private-load" => world.Input(visibility: LoadVisibility.Private),
            "fixed-price" => world.Input(mode: RateMode.Fixed, priceRupees: 100_000),
            _ => world.Input(),
        });
        var loadId = load.Id;
        var amount = 100_000L;
        switch (situation)
        {
            case "shipper-only":
                carrier = world.Shipper;
                break;
            case "missing-load":
                loadId = LoadId.New(world.Clock);
                break;
            case "own-load":
                carrier = world.Outsider;
                loadId = (await world.PostedLoad(world.Outsider)).Id;
                break;
            case "cancelled":
                (await world.CancelLoad(world.Shipper, load.Id)).ValueOrThrow();
                break;
            case "booked":
            case "shipper-only-on-booked":
                var winner = await world.PlacedBid(world.CarrierB, load.Id, 90_000);
                (await world.AcceptBid(world.Shipper, winner.Id)).ValueOrThrow();
                carrier = situation == "booked" ? world.CarrierA : world.Broker;
                break;
            case "past-window":
                world.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 19, 0, 0, TimeSpan.Zero));
                break;
            case "zero":
                amount = 0;
                break;
        }

        var bidsBefore = (await world.BidRows(loadId)).Count;
        var before = await world.Outbox();

        var placed = await world.PlaceBid(carrier, loadId, amount);

        Assert.Equal(key, placed.Error?.Key);
        Assert.Equal(bidsBefore, (await world.BidRows(loadId)).Count);
        Assert.Empty(await world.OutboxAfter(before));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CounterBid_ShipperThenCarrier_RecordsRoundsAndTellsTheOtherSideEachTime(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad();
        var bid = await world.PlacedBid(world.CarrierA, load.Id, 120_000);
        world.Clock.Advance(TimeSpan.FromMinutes(10));

        var byShipper = await world.CounterBid(world.Shipper, bid.Id, 100_000);
        world.Clock.Advance(TimeSpan.FromMinutes(10));
        var byCarrier = await world.CounterBid(world.CarrierA, bid.Id, 110_000);

        Assert.Equal((BidStatus.Countered, BidSide.Carrier), (byShipper.ValueOrThrow().Status, byShipper.ValueOrThrow().Turn));
        Assert.Equal(BidStatus.Open, byCarrier.ValueOrThrow().Status);
        var stored = (await world.BidRows(load.Id)).Single();
        Assert.Equal(
            [(1, BidSide.Carrier, 120_000L), (2, BidSide.Shipper, 100_000L), (3, BidSide.Carrier, 110_000L)],
            stored.Rounds.OrderBy(r => r.Number).Select(r => (r.Number, r.By, r.Amount.WholeRupees)));
        Assert.Equal(MarketplaceWorld.Start + TimeSpan.FromMinutes(20) + world.Options.BidLifetime, stored.ExpiresAt);
        var counters = (await world.Outbox()).Where(o => o.TemplateKey == "notifications.bid.countered").ToList();
        Assert.Equal([$"bid-countered:{bid.Id}:2", $"bid-countered:{bid.Id}:3"], counters.Select(o => o.DedupeKey));
        Assert.Equal([world.CarrierA.Id, world.Shipper.Id], counters.Select(o => o.RecipientId!.Value));
        Assert.Equal(["Rs 1,00,000", "Rs 110,000"], counters.Select(o => o.Arguments["amount"])); // ur-Latn groups in lakhs
    }

    public static TheoryData<Provider, string, string> CounterRefusals => new()
    {
        { Provider.Postgres, "carrier-on-open", "errors.bid.not_your_turn" },
        { Provider.Sqlite, "carrier-on-open", "errors.bid.not_your_turn" },
        { Provider.Postgres, "shipper-on-countered", "errors.bid.not_your_turn" },
        { Provider.Postgres, "outsider", "errors.not_found" },
        { Provider.Postgres, "expired", "errors.bid.expired" },
        { Provider.Postgres, "load-cancelled", "errors.load.not_open" },
        { Provider.Postgres, "withdrawn", "errors.bid.not_live" },
    };

    [Theory]
    [MemberData(nameof(CounterRefusals))]
    public async Task CounterBid_Refused_ChangesNothingAndWritesNoMessage(Provider provider, string situation, string key)
    {
        var world = await World(provider);
        var load = await world.PostedLoad();
        var bid = await world.PlacedBid(world.CarrierA, load.Id, 120_000);
        var actor = world.CarrierA;
        switch (situation)
        {
            case "shipper-on-countered":
                (await world.CounterBid(world.Shipper, bid.Id, 100_000)).ValueOrThrow();
                actor = world.Shipper;
                break;
            case "outsider":
                actor = world.Outsider;
                break;
            case "expired":
                world.Clock.Advance(world.Options.BidLifetime);
                actor = world.Shipper;
                break;
            case "load-cancelled":
                (await world.CancelLoad(world.Shipper, load.Id)).ValueOrThrow();
                actor = world.Shipper;
                break;
            case "withdrawn":
                (await world.WithdrawBid(world.CarrierA, bid.Id)).ValueOrThrow();
                actor = world.Shipper;
                break;
        }

        var before = await world.Outbox();
        var rounds = (await world.BidRows(load.Id)).Single().Rounds.Count;

        var countered = await world.CounterBid(actor, bid.Id, 105_000);

        Assert.Equal(key, countered.Error?.Key);
        Assert.Equal(rounds, (await world.BidRows(load.Id)).Single().Rounds.Count);
        Assert.Empty(await world.OutboxAfter(before));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task WithdrawBid_ByCarrier_WithdrawsAndTellsTheShipper(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad();
        var bid = await world.PlacedBid(world.CarrierA, load.Id, 120_000);

        var withdrawn = await world.WithdrawBid(world.CarrierA, bid.Id);
        var again = await world.WithdrawBid(world.CarrierA, bid.Id);

        Assert.Equal(BidStatus.Withdrawn, withdrawn.ValueOrThrow().Status);
        Assert.Equal("errors.bid.not_live", again.Error?.Key);
        var message = (await world.Outbox()).Single(o => o.TemplateKey == "notifications.bid.withdrawn");
        Assert.Equal((world.Shipper.Id, $"bid-withdrawn:{bid.Id}"), (message.RecipientId!.Value, message.DedupeKey));
    }

    public static TheoryData<Provider, string, string> WithdrawRefusals => new()
    {
        { Provider.Postgres, "shipper", "errors.forbidden" },
        { Provider.Sqlite, "outsider", "errors.not_found" },
        { Provider.Postgres, "outsider", "errors.not_found" },
    };

    [Theory]
    [MemberData(nameof(WithdrawRefusals))]
    public async Task WithdrawBid_ByAnyoneButTheCarrier_IsRefusedAndWritesNoMessage(Provider provider, string who, string key)
    {
        var world = await World(provider);
        var load = await world.PostedLoad();
        var bid = await world.PlacedBid(world.CarrierA, load.Id, 120_000);

        var withdrawn = await world.WithdrawBid(who == "shipper" ? world.Shipper : world.Outsider, bid.Id);

        Assert.Equal(key, withdrawn.Error?.Key);
        Assert.Equal(BidStatus.Open, (await world.BidRows(load.Id)).Single().Status);
        Assert.Single(await world.Outbox());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RejectBid_ByShipper_RejectsAndTellsTheCarrier(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad();
        var bid = await world.PlacedBid(world.CarrierB, load.Id, 120_000);

        var rejected = await world.RejectBid(world.Shipper, bid.Id);

        Assert.Equal(BidStatus.Rejected, rejected.ValueOrThrow().Status);
        var message = (await world.Outbox()).Single(o => o.TemplateKey == "notifications.bid.rejected");
        Assert.Equal((world.CarrierB.Id, $"bid-rejected:{bid.Id}"), (message.RecipientId!.Value, message.DedupeKey));
        Assert.Equal("لاہور - کراچی", message.Arguments["route"]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RejectBid_ByTheCarrier_IsForbiddenAndWritesNoMessage(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad();
        var bid = await world.PlacedBid(world.CarrierB, load.Id, 120_000);

        var rejected = await world.RejectBid(world.CarrierB, bid.Id);

        Assert.Equal("errors.forbidden", rejected.Error?.Key);
        Assert.Single(await world.Outbox());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ListBids_ShipperAndCarriers_SeeOnlyWhatIsTheirs(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad();
        var other = await world.PostedLoad();
        var a = await world.PlacedBid(world.CarrierA, load.Id, 120_000);
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        var b = await world.PlacedBid(world.CarrierB, load.Id, 121_000);
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        var aOther = await world.PlacedBid(world.CarrierA, other.Id, 90_000);
        (await world.WithdrawBid(world.CarrierA, aOther.Id)).ValueOrThrow();

        async Task<List<BidId>> List(ListBidsQuery query) => (await world.ListBids(query)).ValueOrThrow().Items.Select(i => i.Id).ToList();

        Assert.Equal([b.Id, a.Id], await List(new ListBidsQuery(world.Shipper.Id, load.Id)));
        Assert.Equal([a.Id], await List(new ListBidsQuery(world.CarrierA.Id, load.Id)));
        Assert.Equal([aOther.Id, a.Id], await List(new ListBidsQuery(world.CarrierA.Id)));
        Assert.Equal([a.Id], await List(new ListBidsQuery(world.CarrierA.Id, LiveOnly: true)));
        Assert.Empty(await List(new ListBidsQuery(world.Outsider.Id, load.Id))); // public and open: no bids of theirs
        Assert.Equal("errors.not_found", (await world.ListBids(new ListBidsQuery(world.Outsider.Id, LoadId.New(world.Clock)))).Error?.Key);
        Assert.Empty(await List(new ListBidsQuery(world.Shipper.Id)));
        var page = (await world.ListBids(new ListBidsQuery(world.Shipper.Id, load.Id, Page: 2, PageSize: 1))).ValueOrThrow();
        Assert.Equal((2, 1, 2, a.Id), (page.Page, page.PageSize, page.Total, page.Items.Single().Id));
        Assert.Single((await world.ListBids(new ListBidsQuery(world.Shipper.Id, load.Id))).ValueOrThrow().Items.Single(i => i.Id == a.Id).Rounds);

        // Once booked the load is off the board: its bidders still see their bids, an outsider learns nothing.
        (await world.AcceptBid(world.Shipper, b.Id)).ValueOrThrow();
        Assert.Equal([a.Id], await List(new ListBidsQuery(world.CarrierA.Id, load.Id)));
        Assert.Equal("errors.not_found", (await world.ListBids(new ListBidsQuery(world.Outsider.Id, load.Id))).Error?.Key);
    }
}
