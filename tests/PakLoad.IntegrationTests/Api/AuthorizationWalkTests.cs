using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PakLoad.Core.Common;
using PakLoad.Core.Payouts;
using PakLoad.Core.Reconciliation;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Api;

/// <summary>
/// Walks every API route that takes an id, taken from the running host's own endpoint table (so a new route is
/// walked without editing this test), and calls it with the token of a party who is not part of that object.
/// Private objects (bids, bookings, trips, empty-truck posts, a booked load) answer 404; nothing changes.
/// </summary>
public sealed class AuthorizationWalkTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>Public by design: anyone signed in may read a party's reliability figures.</summary>
    private static readonly HashSet<string> PublicRoutes = new(StringComparer.Ordinal) { "GET /api/v1/parties/{id:guid}/reliability" };

    /// <summary>
    /// A public load was on the board for every carrier, so a carrier who bids or books it a moment too late
    /// hears "someone else booked it" (409) rather than "not found": its existence was never private. Nothing
    /// changes either way (checked by the snapshot).
    /// </summary>
    private static readonly HashSet<string> LateOnAPublicLoad = new(StringComparer.Ordinal)
    {
        "POST /api/v1/loads/{id:guid}/book",
        "POST /api/v1/loads/{id:guid}/bids",
    };

    /// <summary>One body with every field any request record reads, so each route gets a plausible request.</summary>
    private static readonly object AnyBody = new
    {
        amount = 1000,
        code = "123456",
        stars = 5,
        comment = "x",
        latitude = 31.5,
        longitude = 74.3,
        driverPhone = "03009999999",
        vehicleClass = "22 wheeler",
        emptyAt = new { city = "Lahore" },
        availableFrom = Scenario.Tomorrow,
        origin = new { city = "Karachi" },
        destination = new { city = "Lahore" },
        pickupFrom = Scenario.Tomorrow,
        commodity = "Cotton",
        weight = 10,
        weightUnit = "Ton",
        rateMode = "Bids",
        consigneeName = "X",
        consigneePhone = "03001111111",
    };

    [Fact]
    public async Task EveryRouteWithAnId_CalledByAnOutsider_RevealsAndChangesNothing()
    {
        var booked = await Scenario.BookedAsync(api);
        var outsiders = new[]
        {
            await api.SignInAsync(Scenario.NextPhone(), "Shipper", "Outside Shipper"),
            await api.SignInAsync(Scenario.NextPhone(), "Carrier", "Outside Carrier"),
            await api.SignInAsync(Scenario.NextPhone(), "Driver", "Outside Driver"),
        };
        var payoutId = await CarrierPayoutAsync(booked);
        var caseId = await ReconciliationCaseAsync();
        var routes = IdRoutes();
        Assert.True(routes.Count >= 20, $"only {routes.Count} routes with an id found");
        var before = await SnapshotAsync();

        var failures = new List<string>();
        foreach (var outsider in outsiders)
        {
            foreach (var (method, pattern) in routes)
            {
                if (PublicRoutes.Contains($"{method} {pattern}"))
                {
                    continue;
                }

                var path = pattern.Replace("{id:guid}", IdFor(pattern, booked, payoutId, caseId).ToString(), StringComparison.Ordinal);
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT")
                {
                    request.Content = JsonContent.Create(AnyBody);
                }

                using var response = await outsider.Client.SendAsync(request);
                var lateCarrier = response.StatusCode == HttpStatusCode.Conflict && LateOnAPublicLoad.Contains($"{method} {pattern}") && outsider == outsiders[1];
                if (response.StatusCode != HttpStatusCode.NotFound && !lateCarrier)
                {
                    failures.Add($"{method} {pattern} as an outside {outsider.PartyId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await SnapshotAsync());
    }

    private List<(string Method, string Pattern)> IdRoutes() =>
        api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/v1/", StringComparison.Ordinal) && raw.Contains("{id:guid}", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, e.RoutePattern.RawText!)))
            .Distinct()
            .ToList();

    /// <summary>A payout of the booked carrier's, stored straight through the domain: the admin routes must not reveal it either.</summary>
    private async Task<Guid> CarrierPayoutAsync(Booked booked)
    {
        var clock = TimeProvider.System;
        var method = PayoutMethod.Create(PartyId.From(booked.Carrier.PartyId), PayoutMethodKind.Raast, "03001234567", "Carrier Khan", clock).ValueOrThrow();
        var payout = Payout.Request(method, Money.FromRupees(1_000), clock);
        await using var db = api.CreateDbContext();
        db.AddRange(method, payout);
        await db.SaveChangesAsync();
        return payout.Id.Value;
    }

    /// <summary>An open reconciliation case: only an admin may see or close it.</summary>
    private async Task<Guid> ReconciliationCaseAsync()
    {
        var mismatch = new Mismatch(MismatchKind.MissingInLedger, SettlementLineKind.Payment, $"walk_{Guid.NewGuid():N}", Money.FromRupees(10), null);
        var found = ReconciliationCase.Open("sandbox", new DateOnly(2026, 1, 1), mismatch, TimeProvider.System);
        await using var db = api.CreateDbContext();
        db.ReconciliationCases.Add(found);
        await db.SaveChangesAsync();
        return found.Id.Value;
    }

    private static Guid IdFor(string pattern, Booked booked, Guid payoutId, Guid caseId) => pattern.Split('/')[3] switch
    {
        "loads" => booked.LoadId,
        "bids" => booked.BidId,
        "bookings" => booked.BookingId,
        "trips" => booked.TripId,
        "trucks" => booked.TruckId,
        "parties" => booked.Carrier.PartyId,
        "payouts" => payoutId,
        "admin" when pattern.StartsWith("/api/v1/admin/reconciliation/cases/", StringComparison.Ordinal) => caseId,
        var other => throw new InvalidOperationException($"No id known for /api/v1/{other}: add it to the walk."),
    };

    /// <summary>Everything an outsider could have changed, as one comparable string.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = api.CreateDbContext();
        var loads = await db.Loads.AsNoTracking().Select(l => l.Id + ":" + l.Status + ":" + l.Version).ToListAsync();
        var bids = await db.Bids.AsNoTracking().Select(b => b.Id + ":" + b.Status + ":" + b.Version).ToListAsync();
        var trips = await db.Trips.AsNoTracking().Select(t => t.Id + ":" + t.Status + ":" + t.Version + ":" + t.DeliveryCodeAttempts).ToListAsync();
        var trucks = await db.CapacityPosts.AsNoTracking().Select(c => c.Id + ":" + c.Status + ":" + c.Version).ToListAsync();
        var payouts = await db.Payouts.AsNoTracking().Select(p => p.Id + ":" + p.Status + ":" + p.Version).ToListAsync();
        var cases = await db.ReconciliationCases.AsNoTracking().Select(c => c.Id + ":" + c.Status + ":" + c.Version).ToListAsync();
        var money = $"{await db.LedgerTransactions.CountAsync()}/{await db.Payments.CountAsync()}/{await db.PaymentRefunds.CountAsync()}/{await db.Escrows.CountAsync(e => e.Version > 0)}";
        var counts = $"{await db.Bookings.CountAsync()}/{await db.Ratings.CountAsync()}/{await db.Outbox.CountAsync(o => o.TemplateKey != "notifications.auth.code")}";
        return string.Join("|", loads.Order().Concat(bids.Order()).Concat(trips.Order()).Concat(trucks.Order()).Concat(payouts.Order()).Concat(cases.Order()).Append(counts).Append(money));
    }
}
