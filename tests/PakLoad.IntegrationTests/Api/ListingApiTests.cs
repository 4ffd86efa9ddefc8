using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Api;

/// <summary>The remaining endpoints' happy paths and refusals: withdraw, reject, lists, sign-out.</summary>
public sealed class ListingApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task WithdrawAndReject_LiveBids_EndThemAndOnlyTheRightSideMayDoEach()
    {
        var shipper = await api.SignInAsync(Scenario.NextPhone(), "Shipper");
        var carrier = await api.SignInAsync(Scenario.NextPhone(), "Carrier");
        var other = await api.SignInAsync(Scenario.NextPhone(), "Carrier");
        var load = await shipper.Client.PostJsonAsync("/api/v1/loads", Scenario.LoadBody());
        var bid = await carrier.Client.PostJsonAsync($"/api/v1/loads/{load.Id()}/bids", new { amount = 300_000 });
        var otherBid = await other.Client.PostJsonAsync($"/api/v1/loads/{load.Id()}/bids", new { amount = 280_000 });

        using var shipperWithdraws = await shipper.Client.PostAsJsonAsync($"/api/v1/bids/{bid.Id()}/withdraw", new { });
        var withdrawn = await carrier.Client.PostJsonAsync($"/api/v1/bids/{bid.Id()}/withdraw", new { }, HttpStatusCode.OK);
        using var carrierRejects = await other.Client.PostAsJsonAsync($"/api/v1/bids/{otherBid.Id()}/reject", new { });
        var rejected = await shipper.Client.PostJsonAsync($"/api/v1/bids/{otherBid.Id()}/reject", new { }, HttpStatusCode.OK);
        using var again = await shipper.Client.PostAsJsonAsync($"/api/v1/bids/{otherBid.Id()}/reject", new { });

        Assert.True(shipperWithdraws.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, shipperWithdraws.StatusCode.ToString());
        Assert.Equal("Withdrawn", withdrawn.GetProperty("status").GetString());
        Assert.True(carrierRejects.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, carrierRejects.StatusCode.ToString());
        Assert.Equal("Rejected", rejected.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Lists_ForEachSide_ShowTheirOwnBookingsTripsAndBidsPaginated()
    {
        var booked = await Scenario.BookedAsync(api);
        var stranger = await api.SignInAsync(Scenario.NextPhone(), "Carrier");

        var shipperBookings = await booked.Shipper.Client.GetFromJsonAsync<JsonElement>("/api/v1/bookings?page=1&pageSize=10");
        var carrierTrips = await booked.Carrier.Client.GetFromJsonAsync<JsonElement>("/api/v1/trips?status=Booked");
        var carrierBids = await booked.Carrier.Client.GetFromJsonAsync<JsonElement>("/api/v1/bids");
        var loadBids = await booked.Shipper.Client.GetFromJsonAsync<JsonElement>($"/api/v1/loads/{booked.LoadId}/bids");
        var strangerBookings = await stranger.Client.GetFromJsonAsync<JsonElement>("/api/v1/bookings");
        var strangerTrips = await stranger.Client.GetFromJsonAsync<JsonElement>("/api/v1/trips");

        Assert.Contains(shipperBookings.GetProperty("items").EnumerateArray(), b => b.Id() == booked.BookingId);
        Assert.Equal(10, shipperBookings.GetProperty("pageSize").GetInt32());
        Assert.Contains(carrierTrips.GetProperty("items").EnumerateArray(), t => t.Id() == booked.TripId);
        Assert.Contains(carrierBids.GetProperty("items").EnumerateArray(), b => b.Id() == booked.BidId);
        Assert.Single(loadBids.GetProperty("items").EnumerateArray());
        Assert.Equal(0, strangerBookings.GetProperty("total").GetInt32());
        Assert.Equal(0, strangerTrips.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AssignDriver_UnknownNumber_IsRefusedAndTheTripStaysBooked()
    {
        var booked = await Scenario.BookedAsync(api);

        using var response = await booked.Carrier.Client.PostAsJsonAsync($"/api/v1/trips/{booked.TripId}/driver", new { driverPhone = Scenario.NextPhone() });
        var trip = await booked.Carrier.Client.GetFromJsonAsync<JsonElement>($"/api/v1/trips/{booked.TripId}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Booked", trip.GetProperty("status").GetString());
    }

    [Fact]
    public async Task SignOut_ThenRefresh_IsRefused()
    {
        var party = await api.SignInAsync(Scenario.NextPhone(), "Carrier");
        var client = api.CreateClient();

        using var signedOut = await client.PostAsJsonAsync("/api/v1/auth/signout", new { refreshToken = party.RefreshToken });
        using var refresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = party.RefreshToken });

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task RateLimit_OverTheBudget_Is429WithRetryAfter()
    {
        var tight = new ApiFactory();
        tight.Settings["PakLoad:RateLimit:PerSecond"] = "1";
        tight.Settings["PakLoad:RateLimit:Burst"] = "3";
        await tight.InitializeAsync();
        try
        {
            var party = await tight.SignInAsync(Scenario.NextPhone(), "Carrier");
            HttpResponseMessage? limited = null;
            for (var i = 0; i < 10 && limited is null; i++)
            {
                var response = await party.Client.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    limited = response;
                }
                else
                {
                    response.Dispose();
                }
            }

            Assert.NotNull(limited);
            Assert.True(int.Parse(limited.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            Assert.Equal("errors.request.rate_limited", (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            limited.Dispose();
        }
        finally
        {
            await tight.DisposeAsync();
        }
    }
}
