using PakLoad.Api.Auth;
using PakLoad.Api.Http;
using PakLoad.Api.Hubs;
using PakLoad.Core.Common;
using PakLoad.Core.Ratings;
using PakLoad.Core.Trips;

namespace PakLoad.Api.Endpoints;

public sealed record AssignDriverRequest(Guid? DriverId, string? DriverPhone);

public sealed record CheckInRequest(double Latitude, double Longitude);

public sealed record DeliveryRequest(string? Code);

public sealed record RatingRequest(int Stars, string? Comment);

public sealed record RatingResponse(Guid Id, Guid BookingId, Guid FromPartyId, Guid ToPartyId, int Stars, string? Comment, DateTimeOffset CreatedAt);

internal static class TripEndpoints
{
    /// <summary>The milestones without data, one route each, as a driver's app shows them as buttons.</summary>
    private static readonly Dictionary<string, TripMilestone> Milestones = new(StringComparer.Ordinal)
    {
        ["arrived-at-pickup"] = TripMilestone.ArriveAtPickup,
        ["loaded"] = TripMilestone.Load,
        ["departed"] = TripMilestone.Depart,
        ["arrived"] = TripMilestone.Arrive,
        ["complete"] = TripMilestone.Complete,
        ["cancel"] = TripMilestone.Cancel,
        ["dispute"] = TripMilestone.Dispute,
    };

    public static IEndpointRouteBuilder MapTrips(this IEndpointRouteBuilder app)
    {
        var trips = app.MapGroup("/api/v1/trips").WithTags("Trips").RequireAuthorization().RequireRateLimiting(RateLimitSetup.Api);
        trips.MapGet("/", List);
        trips.MapGet("/{id:guid}", Get);
        trips.MapPost("/{id:guid}/driver", AssignDriver).WithSummary("Assign a driver (the trip's carrier)");
        foreach (var (path, milestone) in Milestones)
        {
            trips.MapPost($"/{{id:guid}}/{path}", (Guid id, AdvanceTripHandler handler, MarketEvents events, HttpContext http, CancellationToken ct) =>
                Advance(id, milestone, handler, events, http, ct)).WithName($"Trip{milestone}");
        }

        trips.MapPost("/{id:guid}/check-ins", CheckIn).WithSummary("Share the truck's location while in transit");
        trips.MapPost("/{id:guid}/delivery", Deliver).WithSummary("Enter the consignee's one-time code: delivered only with the right one");
        trips.MapPost("/{id:guid}/ratings", Rate).WithSummary("Rate the other side after completion");
        app.MapGet("/api/v1/parties/{id:guid}/reliability", Reliability).WithTags("Parties").RequireAuthorization().RequireRateLimiting(RateLimitSetup.Api);
        return app;
    }

    private static async Task<IResult> List(ListTripsHandler handler, HttpContext http, CancellationToken ct, TripStatus? status = null, int page = 1, int pageSize = 20) =>
        ApiResults.From(await handler.HandleAsync(new ListTripsQuery(http.User.PartyId(), status, page, pageSize), ct), http, TypedResults.Ok);

    private static async Task<IResult> Get(Guid id, GetTripHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(await handler.HandleAsync(new GetTripQuery(http.User.PartyId(), TripId.From(id)), ct), http, TypedResults.Ok);

    private static async Task<IResult> AssignDriver(Guid id, AssignDriverRequest request, AssignDriverHandler handler, MarketEvents events, HttpContext http, CancellationToken ct) =>
        await Publish(
            await handler.HandleAsync(new AssignDriverCommand(http.User.PartyId(), TripId.From(id), request.DriverId is { } d ? PartyId.From(d) : null, request.DriverPhone), ct),
            MarketEvents.StatusChanged, events, http);

    private static async Task<IResult> Advance(Guid id, TripMilestone milestone, AdvanceTripHandler handler, MarketEvents events, HttpContext http, CancellationToken ct) =>
        await Publish(await handler.HandleAsync(new AdvanceTripCommand(http.User.PartyId(), TripId.From(id), milestone), ct), MarketEvents.StatusChanged, events, http);

    private static async Task<IResult> CheckIn(Guid id, CheckInRequest request, CheckInHandler handler, MarketEvents events, HttpContext http, CancellationToken ct) =>
        await Publish(await handler.HandleAsync(new CheckInCommand(http.User.PartyId(), TripId.From(id), request.Latitude, request.Longitude), ct), MarketEvents.LocationUpdated, events, http);

    private static async Task<IResult> Deliver(Guid id, DeliveryRequest request, ConfirmDeliveryHandler handler, MarketEvents events, HttpContext http, CancellationToken ct) =>
        await Publish(await handler.HandleAsync(new ConfirmDeliveryCommand(http.User.PartyId(), TripId.From(id), request.Code), ct), MarketEvents.StatusChanged, events, http);

    private static async Task<IResult> Rate(Guid id, RatingRequest request, RatePartyHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(
            await handler.HandleAsync(new RatePartyCommand(http.User.PartyId(), TripId.From(id), request.Stars, request.Comment), ct),
            http,
            r => TypedResults.Created(
                $"/api/v1/parties/{r.ToPartyId}/reliability",
                new RatingResponse(r.Id.Value, r.BookingId.Value, r.FromPartyId.Value, r.ToPartyId.Value, r.Stars, r.Comment, r.CreatedAt)));

    private static async Task<IResult> Reliability(Guid id, GetReliabilityHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(await handler.HandleAsync(new GetReliabilityQuery(PartyId.From(id)), ct), http, TypedResults.Ok);

    private static async Task<IResult> Publish(Result<TripView> result, string eventName, MarketEvents events, HttpContext http)
    {
        if (result.IsSuccess)
        {
            var trip = result.Value;
            await events.ToParties(eventName, trip, trip.ShipperId, trip.CarrierId, trip.DriverId);
        }

        return ApiResults.From(result, http, TypedResults.Ok);
    }
}
