using PakLoad.Core.Bids;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Parties;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Marketplace;

public sealed class LoadHandlerTests(MarketplaceDatabases databases) : IClassFixture<MarketplaceDatabases>
{
    public static TheoryData<Provider> Providers => new() { Provider.Postgres, Provider.Sqlite };

    private async Task<MarketplaceWorld> World(Provider provider) => await MarketplaceWorld.CreateAsync(await databases.GetAsync(provider));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PostLoad_ByShipper_StoresTheLoadWithResolvedPlacesAndWeight(Provider provider)
    {
        var world = await World(provider);

        var posted = await world.PostLoad(world.Shipper, world.Input(from: "لاہور", to: "khi", weight: 500, unit: WeightUnit.Maund));

        Assert.True(posted.IsSuccess, posted.ToString());
        var row = await world.LoadRow(posted.Value.Id);
        Assert.Equal(world.Shipper.Id, row.ShipperId);
        Assert.Equal("lahore", row.OriginCity.Value);
        Assert.Equal("karachi", row.DestinationCity.Value);
        Assert.Equal(20_000, row.WeightKg);
        Assert.Equal(WeightUnit.Maund, row.WeightUnit);
        Assert.Equal("22-wheeler", row.VehicleClass.Value);
        Assert.Equal("open", row.Body?.Value);
        Assert.Equal(LoadStatus.Open, row.Status);
        Assert.Equal(world.ConsigneePhone, row.ConsigneePhone);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 19, 0, 0, TimeSpan.Zero), row.ExpiresAt);
        Assert.Equal(world.ConsigneePhone, posted.Value.ConsigneePhone);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PostLoad_WithPinOnly_SnapsToTheNearestCityAndKeepsThePin(Provider provider)
    {
        var world = await World(provider);
        var input = world.Input() with { Origin = PlaceInput.Pinned(31.45, 74.40) }; // east Lahore

        var posted = await world.PostLoad(world.Shipper, input);

        Assert.True(posted.IsSuccess, posted.ToString());
        Assert.Equal("lahore", posted.Value.Origin.City.Value);
        Assert.Equal(31.45, posted.Value.Origin.Point.Latitude);
        Assert.Equal(74.40, posted.Value.Origin.Point.Longitude);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PostLoad_ByBroker_IsAllowed(Provider provider)
    {
        var world = await World(provider);

        var posted = await world.PostLoad(world.Broker, world.Input());

        Assert.True(posted.IsSuccess, posted.ToString());
        Assert.Equal(world.Broker.Id, posted.Value.ShipperId);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PostLoad_ByCarrierOnly_IsForbiddenAndStoresNothing(Provider provider)
    {
        var world = await World(provider);

        var posted = await world.PostLoad(world.CarrierA, world.Input());

        Assert.Equal("errors.forbidden", posted.Error?.Key);
        var mine = await world.Run(db => Task.FromResult(db.Loads.Count(l => l.ShipperId == world.CarrierA.Id)));
        Assert.Equal(0, mine);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PostLoad_UnknownActor_IsForbidden(Provider provider)
    {
        var world = await World(provider);
        var nobody = Party.Register(MarketplaceWorld.NextPhone(), "Never Saved", PartyRole.Shipper, Language.En, Channel.Web, world.Clock).ValueOrThrow();

        var posted = await world.PostLoad(nobody, world.Input());

        Assert.Equal("errors.forbidden", posted.Error?.Key);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PostLoad_TwentyTonOnAMazda_IsRefusedAsOverweight(Provider provider)
    {
        var world = await World(provider);

        var posted = await world.PostLoad(world.Shipper, world.Input(vehicle: "mazda", weight: 20));

        Assert.Equal("errors.load.overweight", posted.Error?.Key);
        Assert.Equal("5000", posted.Error?.Args["limit"]);
    }

    public static TheoryData<Provider, string, string, string> UnresolvableInputs => new()
    {
        { Provider.Postgres, "Atlantis", "22 wheeler", "errors.place.unknown" },
        { Provider.Sqlite, "Atlantis", "22 wheeler", "errors.place.unknown" },
        { Provider.Postgres, "Lahore", "spaceship", "errors.vehicle.unknown" },
        { Provider.Sqlite, "Lahore", "spaceship", "errors.vehicle.unknown" },
    };

    [Theory]
    [MemberData(nameof(UnresolvableInputs))]
    public async Task PostLoad_UnknownPlaceOrVehicle_IsRefusedWithItsKey(Provider provider, string from, string vehicle, string key)
    {
        var world = await World(provider);

        var posted = await world.PostLoad(world.Shipper, world.Input(from: from, vehicle: vehicle));

        Assert.Equal(key, posted.Error?.Key);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EditLoad_ByOwnerWhileOpen_ChangesDetailsAndBumpsVersion(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad();

        var edited = await world.EditLoad(world.Shipper, load.Id, world.Input(to: "Multan", weight: 30), expectedVersion: load.Version);

        Assert.True(edited.IsSuccess, edited.ToString());
        var row = await world.LoadRow(load.Id);
        Assert.Equal("multan", row.DestinationCity.Value);
        Assert.Equal(30_000, row.WeightKg);
        Assert.Equal(load.Version + 1, row.Version);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EditLoad_ByAnotherParty_IsNotFoundAndChangesNothing(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad();

        var edited = await world.EditLoad(world.Outsider, load.Id, world.Input(to: "Multan"));

        Assert.Equal("errors.not_found", edited.Error?.Key);
        Assert.Equal("karachi", (await world.LoadRow(load.Id)).DestinationCity.Value);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EditLoad_WithStaleVersion_IsAConflict(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad();
        (await world.EditLoad(world.Shipper, load.Id, world.Input(to: "Multan"))).ValueOrThrow();

        var stale = await world.EditLoad(world.Shipper, load.Id, world.Input(to: "Quetta"), expectedVersion: load.Version);

        Assert.Equal("errors.conflict", stale.Error?.Key);
        Assert.Equal("multan", (await world.LoadRow(load.Id)).DestinationCity.Value);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EditLoad_AfterCancel_IsRefusedAsNotOpen(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad();
        (await world.CancelLoad(world.Shipper, load.Id)).ValueOrThrow();

        var edited = await world.EditLoad(world.Shipper, load.Id, world.Input(to: "Multan"));

        Assert.Equal("errors.load.not_open", edited.Error?.Key);
        Assert.Equal("cancelled", edited.Error?.Args["status"]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CancelLoad_WithLiveBids_ClosesThemAndTellsEachBidderOnce(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad();
        var bidA = await world.PlacedBid(world.CarrierA, load.Id, 90_000);
        var bidB = await world.PlacedBid(world.CarrierB, load.Id, 95_000);
        var withdrawn = await world.PlacedBid(world.CarrierC, load.Id, 99_000);
        (await world.WithdrawBid(world.CarrierC, withdrawn.Id)).ValueOrThrow();
        var before = await world.Outbox();

        var cancelled = await world.CancelLoad(world.Shipper, load.Id);

        Assert.True(cancelled.IsSuccess, cancelled.ToString());
        Assert.Equal(LoadStatus.Cancelled, (await world.LoadRow(load.Id)).Status);
        var bids = (await world.BidRows(load.Id)).ToDictionary(b => b.Id);
        Assert.Equal(BidStatus.Rejected, bids[bidA.Id].Status);
        Assert.Equal(BidStatus.Rejected, bids[bidB.Id].Status);
        Assert.Equal(BidStatus.Withdrawn, bids[withdrawn.Id].Status);
        var added = (await world.OutboxAfter(before)).ToList();
        Assert.Equal(2, added.Count);
        Assert.All(added, o => Assert.Equal("notifications.load.closed", o.TemplateKey));
        Assert.Equal(
            new HashSet<PartyId> { world.CarrierA.Id, world.CarrierB.Id },
            added.Select(o => o.RecipientId!.Value).ToHashSet());
        Assert.Contains(added, o => o.DedupeKey == $"load-closed:{bidA.Id}" && o.Arguments["route"] == "Lahore - Karachi");
        Assert.Contains(added, o => o.DedupeKey == $"load-closed:{bidB.Id}" && o.Arguments["route"] == "لاہور - کراچی");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CancelLoad_ByAnotherParty_IsNotFoundAndWritesNoMessage(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad();
        await world.PlacedBid(world.CarrierA, load.Id, 90_000);
        var before = await world.Outbox();

        var cancelled = await world.CancelLoad(world.CarrierA, load.Id);

        Assert.Equal("errors.not_found", cancelled.Error?.Key);
        Assert.Equal(LoadStatus.Open, (await world.LoadRow(load.Id)).Status);
        Assert.Empty(await world.OutboxAfter(before));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CancelLoad_Twice_SecondIsRefusedAsNotOpen(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad();
        (await world.CancelLoad(world.Shipper, load.Id)).ValueOrThrow();

        var again = await world.CancelLoad(world.Shipper, load.Id);

        Assert.Equal("errors.load.not_open", again.Error?.Key);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetLoad_ByOwner_ShowsTheConsignee(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad(input: world.Input(visibility: LoadVisibility.Private));

        var seen = await world.GetLoad(world.Shipper, load.Id);

        Assert.True(seen.IsSuccess, seen.ToString());
        Assert.Equal(world.ConsigneePhone, seen.Value.ConsigneePhone);
        Assert.Equal("Bilal Ahmed", seen.Value.ConsigneeName);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetLoad_PublicOpenByAnotherCarrier_HidesTheConsignee(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad();

        var seen = await world.GetLoad(world.CarrierA, load.Id);

        Assert.True(seen.IsSuccess, seen.ToString());
        Assert.Null(seen.Value.ConsigneePhone);
        Assert.Null(seen.Value.ConsigneeName);
        Assert.Equal("Cotton bales", seen.Value.Commodity);
    }

    public static TheoryData<Provider, string> HiddenLoads => new()
    {
        { Provider.Postgres, "private" },
        { Provider.Sqlite, "private" },
        { Provider.Postgres, "cancelled" },
        { Provider.Sqlite, "cancelled" },
        { Provider.Postgres, "booked-by-another" },
        { Provider.Sqlite, "booked-by-another" },
        { Provider.Postgres, "missing" },
    };

    [Theory]
    [MemberData(nameof(HiddenLoads))]
    public async Task GetLoad_NotPublicAndOpen_IsNotFoundForOthers(Provider provider, string situation)
    {
        var world = await World(provider);
        var load = await world.PostedLoad(input: world.Input(
            visibility: situation == "private" ? LoadVisibility.Private : LoadVisibility.Public,
            mode: RateMode.Fixed,
            priceRupees: 100_000));
        var id = load.Id;
        switch (situation)
        {
            case "cancelled":
                (await world.CancelLoad(world.Shipper, load.Id)).ValueOrThrow();
                break;
            case "booked-by-another":
                (await world.BookNow(world.CarrierB, load.Id)).ValueOrThrow();
                break;
            case "missing":
                id = LoadId.New(world.Clock);
                break;
        }

        var seen = await world.GetLoad(world.CarrierA, id);

        Assert.Equal("errors.not_found", seen.Error?.Key);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetLoad_ByTheBookedCarrier_ShowsTheConsignee(Provider provider)
    {
        var world = await World(provider);
        var load = await world.PostedLoad(input: world.Input(mode: RateMode.Fixed, priceRupees: 100_000));
        (await world.BookNow(world.CarrierA, load.Id)).ValueOrThrow();

        var seen = await world.GetLoad(world.CarrierA, load.Id);

        Assert.True(seen.IsSuccess, seen.ToString());
        Assert.Equal(LoadStatus.Booked, seen.Value.Status);
        Assert.Equal(world.ConsigneePhone, seen.Value.ConsigneePhone);
    }
}
