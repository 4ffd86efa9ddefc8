using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Api;

/// <summary>Search, matches and price guidance through the host: the index is fed by the real save path and worker.</summary>
public sealed class MatchingApiTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;

    public MatchingApiTests(ApiFactory api)
    {
        // No quiet hours here (equal bounds): the tests run at any hour of the Karachi night.
        api.Settings["PakLoad:Matching:QuietFromHour"] = "0";
        api.Settings["PakLoad:Matching:QuietToHour"] = "0";
        _api = api;
    }

    [Fact]
    public async Task SearchLoads_NearKarachiToLahore_FindsAFreshlyPostedLoadWithItsDistance()
    {
        var shipper = await _api.SignInAsync(Scenario.NextPhone(), "Shipper");
        var carrier = await _api.SignInAsync(Scenario.NextPhone(), "Carrier");
        var load = await shipper.Client.PostJsonAsync("/api/v1/loads", Scenario.LoadBody());

        var page = await carrier.Client.GetFromJsonAsync<JsonElement>("/api/v1/search/loads?near=Karachi&radiusKm=30&destination=Lahore&vehicle=22%20wheeler&sort=PickupDate&pageSize=100");
        var elsewhere = await carrier.Client.GetFromJsonAsync<JsonElement>("/api/v1/search/loads?near=Quetta&radiusKm=100");

        var hit = Assert.Single(page.GetProperty("items").EnumerateArray(), h => h.GetProperty("load").Id() == load.Id());
        Assert.InRange(hit.GetProperty("distanceKm").GetDouble(), 0, 1);
        Assert.DoesNotContain(elsewhere.GetProperty("items").EnumerateArray(), h => h.GetProperty("load").Id() == load.Id());
    }

    [Fact]
    public async Task SearchLoads_RadiusOutOfRange_Is422WithItsKey()
    {
        var carrier = await _api.SignInAsync(Scenario.NextPhone(), "Carrier");

        using var response = await carrier.Client.GetAsync("/api/v1/search/loads?near=Karachi&radiusKm=0");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("errors.search.radius_invalid", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Matches_BackhaulTruckAndLoad_EachOwnerSeesTheOtherOutsidersSeeNothing()
    {
        var shipper = await _api.SignInAsync(Scenario.NextPhone(), "Shipper");
        var carrier = await _api.SignInAsync(Scenario.NextPhone(), "Carrier");
        var truck = await carrier.Client.PostJsonAsync("/api/v1/trucks", new { vehicleClass = "22 wheeler", emptyAt = new { city = "Karachi" }, availableFrom = Scenario.Tomorrow, wantedDestination = "Lahore" });
        var load = await shipper.Client.PostJsonAsync("/api/v1/loads", Scenario.LoadBody());

        var trucks = await shipper.Client.GetFromJsonAsync<JsonElement>($"/api/v1/loads/{load.Id()}/matches?top=50");
        var loads = await carrier.Client.GetFromJsonAsync<JsonElement>($"/api/v1/trucks/{truck.Id()}/matches?top=50");
        using var carrierAsksForTrucks = await carrier.Client.GetAsync($"/api/v1/loads/{load.Id()}/matches");
        using var shipperAsksForLoads = await shipper.Client.GetAsync($"/api/v1/trucks/{truck.Id()}/matches");

        var match = Assert.Single(trucks.EnumerateArray(), m => m.GetProperty("truck").Id() == truck.Id());
        Assert.Contains(match.GetProperty("score").GetProperty("parts").EnumerateArray(), p => p.GetProperty("reasonKey").GetString() == "matching.reason.on_the_way");
        Assert.Contains(loads.EnumerateArray(), m => m.GetProperty("load").Id() == load.Id());
        Assert.Equal(HttpStatusCode.NotFound, carrierAsksForTrucks.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, shipperAsksForLoads.StatusCode);
    }

    [Fact]
    public async Task PostLoad_WithAnEmptyTruckWaiting_TheWorkerTellsItsCarrier()
    {
        var shipper = await _api.SignInAsync(Scenario.NextPhone(), "Shipper");
        var carrier = await _api.SignInAsync(Scenario.NextPhone(), "Carrier");
        await carrier.Client.PostJsonAsync("/api/v1/trucks", new { vehicleClass = "22 wheeler", emptyAt = new { city = "Karachi" }, availableFrom = Scenario.Tomorrow, wantedDestination = "Lahore" });
        var load = await shipper.Client.PostJsonAsync("/api/v1/loads", Scenario.LoadBody());
        var dedupe = $"match:{load.Id()}:{carrier.PartyId}";

        var found = false;
        for (var i = 0; i < 100 && !found; i++)
        {
            await using var db = _api.CreateDbContext();
            found = await db.Outbox.AnyAsync(o => o.DedupeKey == dedupe);
            if (!found)
            {
                await Task.Delay(100);
            }
        }

        Assert.True(found, "no match message within 10 s");
    }

    [Fact]
    public async Task Prices_LaneWithBookings_MedianAndRangeOtherwiseNoDataYet()
    {
        for (var i = 0; i < 3; i++)
        {
            await Scenario.BookedAsync(_api);
        }

        var carrier = await _api.SignInAsync(Scenario.NextPhone(), "Carrier");
        var lane = await carrier.Client.GetFromJsonAsync<JsonElement>("/api/v1/prices?origin=Karachi&destination=Lahore&vehicle=22%20wheeler");
        var empty = await carrier.Client.GetFromJsonAsync<JsonElement>("/api/v1/prices?origin=Gwadar&destination=Sukkur&vehicle=mazda");
        using var unknown = await carrier.Client.GetAsync("/api/v1/prices?origin=Atlantis&destination=Sukkur&vehicle=mazda");

        Assert.True(lane.GetProperty("hasData").GetBoolean());
        Assert.True(lane.GetProperty("samples").GetInt32() >= 3);
        Assert.Equal(300_000m, lane.GetProperty("median").GetDecimal());
        Assert.Equal("pricing.guidance", lane.GetProperty("messageKey").GetString());
        Assert.False(empty.GetProperty("hasData").GetBoolean());
        Assert.Equal("pricing.no_data", empty.GetProperty("messageKey").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
    }
}
