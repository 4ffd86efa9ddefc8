using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Api;

/// <summary>Every marketplace endpoint's happy path and main refusals, over HTTP, on real PostgreSQL.</summary>
public sealed class MarketplaceApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task PostLoad_UrduCityAndTons_IsCreatedOpenInKilograms()
    {
        var shipper = await api.SignInAsync(Scenario.NextPhone(), "Shipper");

        var load = await shipper.Client.PostJsonAsync("/api/v1/loads", Scenario.LoadBody());

        Assert.Equal("Open", load.GetProperty("status").GetString());
        Assert.Equal(20_000, load.GetProperty("weightKg").GetInt32());
        Assert.Equal("karachi", load.GetProperty("origin").GetProperty("city").GetString());
        Assert.Equal("lahore", load.GetProperty("destination").GetProperty("city").GetString());
        Assert.Equal("22-wheeler", load.GetProperty("vehicleClass").GetString());
        var found = await shipper.Client.GetFromJsonAsync<JsonElement>($"/api/v1/loads/{load.Id()}");
        Assert.Equal("+923217654321", found.GetProperty("consigneePhone").GetString());
    }

    [Fact]
    public async Task PostLoad_TwentyTonsOnAMazda_IsRefusedNamingTheLimitInUrdu()
    {
        var shipper = await api.SignInAsync(Scenario.NextPhone(), "Shipper");
        shipper.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ur");

        using var response = await shipper.Client.PostAsJsonAsync("/api/v1/loads", Scenario.LoadBody(vehicle: "Mazda"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("errors.load.overweight", problem.GetProperty("code").GetString());
        Assert.Equal("5000", problem.GetProperty("args").GetProperty("limit").GetString());
        await using var db = api.CreateDbContext();
        var shipperId = PartyId.From(shipper.PartyId);
        Assert.False(await db.Loads.AnyAsync(l => l.ShipperId == shipperId));
    }

    [Theory]
    [InlineData("Karachee-xyz", "errors.place.unknown")]
    [InlineData("Lahore", "errors.load.same_place")]
    public async Task PostLoad_BadDestination_IsRefused(string destination, string expectedCode)
    {
        var shipper = await api.SignInAsync(Scenario.NextPhone(), "Shipper");
        var body = JsonSerializer.SerializeToNode(Scenario.LoadBody())!;
        body["destination"] = new System.Text.Json.Nodes.JsonObject { ["city"] = destination };
        body["origin"] = new System.Text.Json.Nodes.JsonObject { ["city"] = "Lahore" };

        using var response = await shipper.Client.PostAsJsonAsync("/api/v1/loads", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(expectedCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task PostLoad_AsCarrier_IsForbidden()
    {
        var carrier = await api.SignInAsync(Scenario.NextPhone(), "Carrier");

        using var response = await carrier.Client.PostAsJsonAsync("/api/v1/loads", Scenario.LoadBody());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task FindLoads_ByRouteAndVehicle_ListsTheOpenLoadPaginated()
    {
        var shipper = await api.SignInAsync(Scenario.NextPhone(), "Shipper");
        var carrier = await api.SignInAsync(Scenario.NextPhone(), "Carrier");
        var load = await shipper.Client.PostJsonAsync("/api/v1/loads", Scenario.LoadBody());

        var page = await carrier.Client.GetFromJsonAsync<JsonElement>(
            $"/api/v1/loads?origin=KHI&destination=lahore&vehicle=22%20wheeler&date={Scenario.Tomorrow:yyyy-MM-dd}&pageSize=100");
        var none = await carrier.Client.GetFromJsonAsync<JsonElement>("/api/v1/loads?origin=Quetta&pageSize=5");

        Assert.Contains(page.GetProperty("items").EnumerateArray(), i => i.Id() == load.Id());
        Assert.Equal(100, page.GetProperty("pageSize").GetInt32());
        Assert.DoesNotContain(none.GetProperty("items").EnumerateArray(), i => i.Id() == load.Id());
    }

    [Fact]
    public async Task Negotiation_BidCounterCounterAccept_BooksTheLoadAndRejectsTheOthers()
    {
        var shipper = await api.SignInAsync(Scenario.NextPhone(), "Shipper");
        var carrier = await api.SignInAsync(Scenario.NextPhone(), "Carrier");
        var rival = await api.SignInAsync(Scenario.NextPhone(), "Carrier");
        var load = await shipper.Client.PostJsonAsync("/api/v1/loads", Scenario.LoadBody());
        var bid = await carrier.Client.PostJsonAsync($"/api/v1/loads/{load.Id()}/bids", new { amount = 320_000 });
        var rivalBid = await rival.Client.PostJsonAsync($"/api/v1/loads/{load.Id()}/bids", new { amount = 330_000 });

        await shipper.Client.PostJsonAsync($"/api/v1/bids/{bid.Id()}/counter", new { amount = 290_000 }, HttpStatusCode.OK);
        await carrier.Client.PostJsonAsync($"/api/v1/bids/{bid.Id()}/counter", new { amount = 305_000 }, HttpStatusCode.OK);
        var booking = await shipper.Client.PostJsonAsync($"/api/v1/bids/{bid.Id()}/accept", new { });

        Assert.Equal(305_000m, booking.GetProperty("agreedPrice").GetDecimal());
        var rivalView = (await rival.Client.GetFromJsonAsync<JsonElement>("/api/v1/bids")).GetProperty("items").EnumerateArray().Single(b => b.Id() == rivalBid.Id());
        Assert.Equal("Rejected", rivalView.GetProperty("status").GetString());
        var trip = await carrier.Client.GetFromJsonAsync<JsonElement>($"/api/v1/trips/{booking.Id("tripId")}");
        Assert.Equal("Booked", trip.GetProperty("status").GetString());
        await using var db = api.CreateDbContext();
        var loadId = LoadId.From(load.Id());
        Assert.Equal(LoadStatus.Booked, (await db.Loads.SingleAsync(l => l.Id == loadId)).Status);
        Assert.Equal(1, await db.Bookings.CountAsync(b => b.LoadId == loadId));
        Assert.True(await db.Outbox.AnyAsync(o => o.TemplateKey == "notifications.delivery.code" && o.RecipientPhone == Core.Parties.PhoneNumber.FromE164("+923217654321")));
    }

    [Fact]
    public async Task PlaceBid_SecondLiveBidBySameCarrier_IsAConflict()
    {
        var shipper = await api.SignInAsync(Scenario.NextPhone(), "Shipper");
        var carrier = await api.SignInAsync(Scenario.NextPhone(), "Carrier");
        var load = await shipper.Client.PostJsonAsync("/api/v1/loads", Scenario.LoadBody());
        await carrier.Client.PostJsonAsync($"/api/v1/loads/{load.Id()}/bids", new { amount = 300_000 });

        using var second = await carrier.Client.PostAsJsonAsync($"/api/v1/loads/{load.Id()}/bids", new { amount = 290_000 });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("errors.bid.duplicate", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(100.123)]
    public async Task PlaceBid_ImpossibleAmount_IsRefused(decimal amount)
    {
        var shipper = await api.SignInAsync(Scenario.NextPhone(), "Shipper");
        var carrier = await api.SignInAsync(Scenario.NextPhone(), "Carrier");
        var load = await shipper.Client.PostJsonAsync("/api/v1/loads", Scenario.LoadBody());

        using var response = await carrier.Client.PostAsJsonAsync($"/api/v1/loads/{load.Id()}/bids", new { amount });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task BookNow_FixedPriceLoad_BooksAtThePriceAndASecondCarrierIsTooLate()
    {
        var shipper = await api.SignInAsync(Scenario.NextPhone(), "Shipper");
        var first = await api.SignInAsync(Scenario.NextPhone(), "Carrier");
        var second = await api.SignInAsync(Scenario.NextPhone(), "Carrier");
        var load = await shipper.Client.PostJsonAsync("/api/v1/loads", Scenario.LoadBody("Fixed", 350_000));

        var booking = await first.Client.PostJsonAsync($"/api/v1/loads/{load.Id()}/book", new { });
        using var late = await second.Client.PostAsJsonAsync($"/api/v1/loads/{load.Id()}/book", new { });

        Assert.Equal(350_000m, booking.GetProperty("agreedPrice").GetDecimal());
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task CancelLoad_WithLiveBids_ClosesThemAndTellsTheBidders()
    {
        var shipper = await api.SignInAsync(Scenario.NextPhone(), "Shipper");
        var carrier = await api.SignInAsync(Scenario.NextPhone(), "Carrier");
        var load = await shipper.Client.PostJsonAsync("/api/v1/loads", Scenario.LoadBody());
        var bid = await carrier.Client.PostJsonAsync($"/api/v1/loads/{load.Id()}/bids", new { amount = 300_000 });

        var cancelled = await shipper.Client.PostJsonAsync($"/api/v1/loads/{load.Id()}/cancel", new { }, HttpStatusCode.OK);

        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        await using var db = api.CreateDbContext();
        var bidId = BidId.From(bid.Id());
        Assert.NotEqual(Core.Bids.BidStatus.Open, (await db.Bids.SingleAsync(b => b.Id == bidId)).Status);
        var carrierId = PartyId.From(carrier.PartyId);
        Assert.True(await db.Outbox.AnyAsync(o => o.RecipientId == carrierId && o.TemplateKey == "notifications.load.closed"));
    }

    [Fact]
    public async Task Trip_FromBookingToCompletion_NeedsTheConsigneesCode()
    {
        var booked = await Scenario.BookedAsync(api);
        var trip = $"/api/v1/trips/{booked.TripId}";
        var carrier = booked.Carrier.Client;
        var driver = await api.SignInAsync(Scenario.NextPhone(), "Driver", "Driver Ali");

        await carrier.PostJsonAsync($"{trip}/driver", new { driverId = driver.PartyId }, HttpStatusCode.OK);
        await driver.Client.PostJsonAsync($"{trip}/arrived-at-pickup", new { }, HttpStatusCode.OK);
        await driver.Client.PostJsonAsync($"{trip}/loaded", new { }, HttpStatusCode.OK);
        await driver.Client.PostJsonAsync($"{trip}/departed", new { }, HttpStatusCode.OK);
        await driver.Client.PostJsonAsync($"{trip}/check-ins", new { latitude = 29.4, longitude = 71.7 }, HttpStatusCode.OK);
        await driver.Client.PostJsonAsync($"{trip}/arrived", new { }, HttpStatusCode.OK);
        using var wrong = await driver.Client.PostAsJsonAsync($"{trip}/delivery", new { code = "000000" == await ConsigneeCode(booked) ? "111111" : "000000" });
        var delivered = await driver.Client.PostJsonAsync($"{trip}/delivery", new { code = await ConsigneeCode(booked) }, HttpStatusCode.OK);
        var completed = await booked.Shipper.Client.PostJsonAsync($"{trip}/complete", new { }, HttpStatusCode.OK);
        await booked.Shipper.Client.PostJsonAsync($"{trip}/ratings", new { stars = 5, comment = "Waqt par" });
        var reliability = await booked.Shipper.Client.GetFromJsonAsync<JsonElement>($"/api/v1/parties/{booked.Carrier.PartyId}/reliability");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Equal("Delivered", delivered.GetProperty("status").GetString());
        Assert.Equal("Completed", completed.GetProperty("status").GetString());
        Assert.Single(completed.GetProperty("checkIns").EnumerateArray());
        Assert.Equal(1, reliability.GetProperty("asCarrier").GetProperty("completed").GetInt32());
        Assert.Equal(5.0, reliability.GetProperty("averageStars").GetDouble());
    }

    [Fact]
    public async Task Trip_SkippingAMilestone_IsAConflictAndChangesNothing()
    {
        var booked = await Scenario.BookedAsync(api);

        using var response = await booked.Carrier.Client.PostAsJsonAsync($"/api/v1/trips/{booked.TripId}/arrived", new { });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var trip = await booked.Carrier.Client.GetFromJsonAsync<JsonElement>($"/api/v1/trips/{booked.TripId}");
        Assert.Equal("Booked", trip.GetProperty("status").GetString());
    }

    [Fact]
    public async Task EmptyTruck_PostFindClose_RoundTrips()
    {
        var carrier = await api.SignInAsync(Scenario.NextPhone(), "Carrier");

        var truck = await carrier.Client.PostJsonAsync("/api/v1/trucks", new { vehicleClass = "bais wheeler", emptyAt = new { city = "lahor" }, availableFrom = Scenario.Tomorrow, wantedDestination = "karachi" });
        var found = await carrier.Client.GetFromJsonAsync<JsonElement>($"/api/v1/trucks?city=Lahore&vehicle=22-wheeler&date={Scenario.Tomorrow:yyyy-MM-dd}&pageSize=100");
        var closed = await carrier.Client.PostJsonAsync($"/api/v1/trucks/{truck.Id()}/close", new { }, HttpStatusCode.OK);

        Assert.Contains(found.GetProperty("items").EnumerateArray(), t => t.Id() == truck.Id());
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task MassAssignment_ExtraFieldsOnCreateAndEdit_ChangeNothing()
    {
        var shipper = await api.SignInAsync(Scenario.NextPhone(), "Shipper");
        var carrier = await api.SignInAsync(Scenario.NextPhone(), "Carrier");
        var body = JsonSerializer.SerializeToNode(Scenario.LoadBody())!.AsObject();
        body["status"] = "Booked";
        body["shipperId"] = carrier.PartyId;
        body["id"] = Guid.NewGuid();
        body["version"] = 99;
        body["role"] = "Admin";

        var load = await shipper.Client.PostJsonAsync("/api/v1/loads", body);
        var bid = await carrier.Client.PostJsonAsync($"/api/v1/loads/{load.Id()}/bids", new { amount = 300_000, status = "Accepted", carrierId = shipper.PartyId, price = 1, shipperId = carrier.PartyId });
        body["commodity"] = "Rice";
        using var edited = await shipper.Client.PutAsJsonAsync($"/api/v1/loads/{load.Id()}", body);

        Assert.Equal("Open", load.GetProperty("status").GetString());
        Assert.Equal(shipper.PartyId, load.GetProperty("shipperId").GetGuid());
        Assert.NotEqual(body["id"]!.GetValue<Guid>(), load.Id());
        Assert.Equal("Open", bid.GetProperty("status").GetString());
        Assert.Equal(carrier.PartyId, bid.GetProperty("carrierId").GetGuid());
        Assert.Equal(300_000m, bid.GetProperty("amount").GetDecimal());
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var after = await edited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Open", after.GetProperty("status").GetString());
        Assert.Equal("Rice", after.GetProperty("commodity").GetString());
        var me = await shipper.Client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(["Shipper"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
    }

    [Fact]
    public async Task PostLoad_SameIdempotencyKeyTwice_CreatesOneLoad()
    {
        var shipper = await api.SignInAsync(Scenario.NextPhone(), "Shipper");

        var ids = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/loads") { Content = JsonContent.Create(Scenario.LoadBody()) };
            request.Headers.Add("Idempotency-Key", "load-once");
            using var response = await shipper.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).Id());
        }

        Assert.Equal(ids[0], ids[1]);
        await using var db = api.CreateDbContext();
        var shipperId = PartyId.From(shipper.PartyId);
        Assert.Equal(1, await db.Loads.CountAsync(l => l.ShipperId == shipperId));
    }

    private async Task<string> ConsigneeCode(Booked booked)
    {
        var dedupe = $"delivery-code:{booked.LoadId}";
        return await api.SentCodeAsync(o => o.DedupeKey == dedupe);
    }
}
