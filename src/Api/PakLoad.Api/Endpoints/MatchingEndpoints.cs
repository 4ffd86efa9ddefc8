using PakLoad.Api.Auth;
using PakLoad.Api.Http;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Matching;

namespace PakLoad.Api.Endpoints;

internal static class MatchingEndpoints
{
    public static IEndpointRouteBuilder MapMatching(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Search and matching").RequireAuthorization().RequireRateLimiting(RateLimitSetup.Api);
        api.MapGet("/search/loads", SearchLoads).WithSummary("Open loads with pickup within a radius of a city or pin; filters, sort, pages");
        api.MapGet("/search/trucks", TrucksNear).WithSummary("Empty trucks within a radius of a city or pin, nearest first");
        api.MapGet("/loads/{id:guid}/matches", MatchesForLoad).WithSummary("The best empty trucks for one of my loads, with the score explained");
        api.MapGet("/trucks/{id:guid}/matches", MatchesForTruck).WithSummary("The best loads for one of my empty trucks, with the score explained");
        api.MapGet("/prices", PriceGuidance).WithSummary("Median and range of agreed prices on a lane over the last 90 days");
        return app;
    }

    private static async Task<IResult> SearchLoads(
        SearchLoadsHandler handler, HttpContext http, CancellationToken ct,
        string? near = null, double? lat = null, double? lon = null, double radiusKm = SearchLimits.DefaultRadiusKm,
        string? destination = null, double? destinationLat = null, double? destinationLon = null, double? destinationRadiusKm = null,
        string? vehicle = null, string? body = null, DateOnly? pickupFrom = null, DateOnly? pickupTo = null,
        int? minWeightKg = null, int? maxWeightKg = null, decimal? minPrice = null, LoadSort sort = LoadSort.Distance,
        int page = 1, int pageSize = Paging.DefaultPageSize)
    {
        var price = Rupees.FromOptional(minPrice);
        if (price is { IsSuccess: false } refused)
        {
            return ApiResults.Problem(refused.Error, http);
        }

        var query = new SearchLoadsQuery(
            http.User.PartyId(),
            new PlaceInput(near, lat, lon),
            radiusKm,
            destination is null && destinationLat is null && destinationLon is null ? null : new PlaceInput(destination, destinationLat, destinationLon),
            destinationRadiusKm,
            vehicle,
            body,
            pickupFrom,
            pickupTo,
            minWeightKg,
            maxWeightKg,
            price?.Value,
            sort,
            page,
            pageSize);
        return ApiResults.From(await handler.HandleAsync(query, ct), http, TypedResults.Ok);
    }

    private static async Task<IResult> TrucksNear(
        TrucksNearHandler handler, HttpContext http, CancellationToken ct,
        string? near = null, double? lat = null, double? lon = null, double radiusKm = SearchLimits.DefaultRadiusKm,
        string? vehicle = null, string? body = null, DateOnly? date = null, int page = 1, int pageSize = Paging.DefaultPageSize) =>
        ApiResults.From(
            await handler.HandleAsync(new TrucksNearQuery(new PlaceInput(near, lat, lon), radiusKm, vehicle, body, date, page, pageSize), ct),
            http,
            TypedResults.Ok);

    private static async Task<IResult> MatchesForLoad(Guid id, MatchesForLoadHandler handler, HttpContext http, CancellationToken ct, int top = 10) =>
        ApiResults.From(await handler.HandleAsync(new MatchesForLoadQuery(http.User.PartyId(), LoadId.From(id), top), ct), http, TypedResults.Ok);

    private static async Task<IResult> MatchesForTruck(Guid id, MatchesForTruckHandler handler, HttpContext http, CancellationToken ct, int top = 10) =>
        ApiResults.From(await handler.HandleAsync(new MatchesForTruckQuery(http.User.PartyId(), CapacityPostId.From(id), top), ct), http, TypedResults.Ok);

    private static async Task<IResult> PriceGuidance(
        PriceGuidanceHandler handler, HttpContext http, CancellationToken ct, string? origin = null, string? destination = null, string? vehicle = null) =>
        ApiResults.From(await handler.HandleAsync(new PriceGuidanceQuery(origin, destination, vehicle), ct), http, TypedResults.Ok);
}
