using System.Net.Http.Json;
using System.Text.Json;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Api;

/// <summary>Builds market situations through the real API: parties signed in, loads posted, bids placed, bookings made.</summary>
internal static class Scenario
{
    private static int _phones = 2_000_000;

    public static string NextPhone() => $"0302{Interlocked.Increment(ref _phones):D7}";

    public static DateOnly Tomorrow => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1));

    public static object LoadBody(string rateMode = "Bids", decimal? targetPrice = null, string vehicle = "22 wheeler", decimal weight = 20, string unit = "Ton") => new
    {
        origin = new { city = "Karachi" },
        destination = new { city = "لاہور" },
        pickupFrom = Tomorrow,
        pickupTo = Tomorrow.AddDays(2),
        commodity = "Cotton bales",
        weight,
        weightUnit = unit,
        vehicleClass = vehicle,
        body = "open",
        rateMode,
        targetPrice = targetPrice ?? (rateMode == "Fixed" ? 350_000m : (decimal?)null),
        consigneeName = "Rana Textiles",
        consigneePhone = "0321 7654321",
        notes = "Loading at SITE area",
    };

    public static async Task<JsonElement> PostJsonAsync(this HttpClient client, string path, object body, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.Created)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Guid Id(this JsonElement element, string property = "id") => element.GetProperty(property).GetGuid();

    /// <summary>A shipper's load with a carrier's bid accepted: a booking and a trip.</summary>
    public static async Task<Booked> BookedAsync(ApiFactory api)
    {
        var shipper = await api.SignInAsync(NextPhone(), "Shipper", "Shipper Sahib");
        var carrier = await api.SignInAsync(NextPhone(), "Carrier", "Carrier Khan");
        var load = await shipper.Client.PostJsonAsync("/api/v1/loads", LoadBody());
        var bid = await carrier.Client.PostJsonAsync($"/api/v1/loads/{load.Id()}/bids", new { amount = 300_000 });
        var booking = await shipper.Client.PostJsonAsync($"/api/v1/bids/{bid.Id()}/accept", new { });
        var truck = await carrier.Client.PostJsonAsync("/api/v1/trucks", new { vehicleClass = "22 wheeler", emptyAt = new { city = "Lahore" }, availableFrom = Tomorrow, wantedDestination = "Karachi" });
        return new Booked(shipper, carrier, load.Id(), bid.Id(), booking.Id("bookingId"), booking.Id("tripId"), truck.Id());
    }
}

internal sealed record Booked(SignedInClient Shipper, SignedInClient Carrier, Guid LoadId, Guid BidId, Guid BookingId, Guid TripId, Guid TruckId);
