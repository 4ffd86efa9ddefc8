using PakLoad.Api.Auth;
using PakLoad.Api.Http;
using PakLoad.Core.Capacity;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;

namespace PakLoad.Api.Endpoints;

/// <summary>"Lahore se Karachi khali kal": where a truck is empty, from when, and where it would like to go.</summary>
public sealed record EmptyTruckRequest(string? VehicleClass, string? Body, PlaceRequest? EmptyAt, DateOnly AvailableFrom, string? WantedDestination);

internal static class TruckEndpoints
{
    public static IEndpointRouteBuilder MapTrucks(this IEndpointRouteBuilder app)
    {
        var trucks = app.MapGroup("/api/v1/trucks").WithTags("Empty trucks").RequireAuthorization().RequireRateLimiting(RateLimitSetup.Api);
        trucks.MapPost("/", Post).WithSummary("Post an empty truck (carrier)");
        trucks.MapGet("/", Find).WithSummary("Empty trucks by city, vehicle class and date, paginated");
        trucks.MapPost("/{id:guid}/close", Close);
        return app;
    }

    private static async Task<IResult> Post(EmptyTruckRequest request, PostEmptyTruckHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(
            await handler.HandleAsync(
                new PostEmptyTruckCommand(
                    http.User.PartyId(),
                    request.VehicleClass ?? string.Empty,
                    request.Body,
                    new PlaceInput(request.EmptyAt?.City, request.EmptyAt?.Latitude, request.EmptyAt?.Longitude),
                    request.AvailableFrom,
                    request.WantedDestination),
                ct),
            http,
            truck => TypedResults.Created($"/api/v1/trucks/{truck.Id}", truck));

    private static async Task<IResult> Find(
        FindEmptyTrucksHandler handler, HttpContext http, CancellationToken ct,
        string? city = null, string? vehicle = null, DateOnly? date = null, int page = 1, int pageSize = Paging.DefaultPageSize) =>
        ApiResults.From(await handler.HandleAsync(new FindEmptyTrucksQuery(city, vehicle, date, page, pageSize), ct), http, TypedResults.Ok);

    private static async Task<IResult> Close(Guid id, CloseEmptyTruckHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(await handler.HandleAsync(new CloseEmptyTruckCommand(http.User.PartyId(), CapacityPostId.From(id)), ct), http, TypedResults.Ok);
}
