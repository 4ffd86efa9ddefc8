using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PakLoad.IntegrationTests.Escrow;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Api;

/// <summary>The money endpoints over HTTP on the embedded sandbox provider, with the same ownership rules as the rest of the API.</summary>
public sealed class EscrowApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Escrow_FundedThroughSandbox_PartiesSeeItOutsidersGet404()
    {
        var booked = await Scenario.BookedAsync(api);
        var stranger = await api.SignInAsync(Scenario.NextPhone(), "Carrier", "Outsider");
        var escrowPath = $"/api/v1/bookings/{booked.BookingId}/escrow";

        var link = await booked.Shipper.Client.PostJsonAsync($"{escrowPath}/funding-link", new { }, HttpStatusCode.OK);
        await booked.Carrier.Client.PostJsonAsync($"{escrowPath}/funding-link", new { }, HttpStatusCode.Forbidden);
        await stranger.Client.PostJsonAsync($"{escrowPath}/funding-link", new { }, HttpStatusCode.NotFound);
        Assert.Equal($"/sandbox/pay/{link.Id("paymentId")}", link.GetProperty("checkoutUrl").GetString());
        var paid = await api.CreateClient().PostJsonAsync($"/sandbox/payments/{link.Id("paymentId")}/succeeded", new { }, HttpStatusCode.OK);
        Assert.Equal("Applied", paid.GetProperty("outcome").GetString());

        var seenByCarrier = await booked.Carrier.Client.GetFromJsonAsync<JsonElement>(escrowPath);
        Assert.Equal("Funded", seenByCarrier.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync(escrowPath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/api/v1/bookings/{booked.BookingId}/invoice")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await booked.Shipper.Client.GetAsync($"/api/v1/bookings/{booked.BookingId}/invoice")).StatusCode);
        await booked.Shipper.Client.PostJsonAsync($"{escrowPath}/funding-link", new { }, HttpStatusCode.Conflict);
        await booked.Carrier.Client.PostJsonAsync($"{escrowPath}/resolution", new { carrierShare = 1 }, HttpStatusCode.Forbidden);
        await LedgerInvariants.AssertAsync(api.Database);
    }

    [Fact]
    public async Task Payouts_CarrierWithoutMethodOrBalance_RefusedWithProblemDetails()
    {
        var booked = await Scenario.BookedAsync(api);

        var noMethod = await booked.Carrier.Client.PostJsonAsync("/api/v1/payouts", new { }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("errors.payout.no_method", noMethod.GetProperty("code").GetString());
        var badIban = await PutAsync(booked.Carrier.Client, new { kind = "Iban", destination = "PK00 0000", accountTitle = "Carrier Khan" }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("errors.iban.invalid", badIban.GetProperty("code").GetString());
        await PutAsync(booked.Carrier.Client, new { kind = "Raast", destination = "0300 1234567", accountTitle = "Carrier Khan" }, HttpStatusCode.OK);
        var empty = await booked.Carrier.Client.PostJsonAsync("/api/v1/payouts", new { }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("errors.payout.amount_invalid", empty.GetProperty("code").GetString());
        await PutAsync(booked.Shipper.Client, new { kind = "Raast", destination = "0300 1234567", accountTitle = "Shipper" }, HttpStatusCode.Forbidden);

        var balance = await booked.Carrier.Client.GetFromJsonAsync<JsonElement>("/api/v1/me/balance");
        Assert.Equal(0, balance.GetProperty("payable").GetDecimal());
        Assert.Equal(HttpStatusCode.Forbidden, (await booked.Carrier.Client.GetAsync("/api/v1/payouts/bank-file")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await booked.Carrier.Client.GetAsync("/api/v1/me/statement?format=csv")).StatusCode);
    }

    private static async Task<JsonElement> PutAsync(HttpClient client, object body, HttpStatusCode expected)
    {
        using var response = await client.PutAsJsonAsync("/api/v1/me/payout-method", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"PUT payout-method: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
