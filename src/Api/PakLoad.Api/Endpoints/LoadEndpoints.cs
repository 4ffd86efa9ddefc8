using PakLoad.Api.Auth;
using PakLoad.Api.Http;
using PakLoad.Api.Hubs;
using PakLoad.Core.Bids;
using PakLoad.Core.Bookings;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;

namespace PakLoad.Api.Endpoints;

/// <summary>A place as a city name (any language, any known spelling), a map pin, or both.</summary>
public sealed record PlaceRequest(string? City, double? Latitude, double? Longitude);

/// <summary>What a shipper may set on a load. Status, owner, price paid, ids: none of them are here, so none can be set.</summary>
public sealed record LoadRequest(
    PlaceRequest? Origin,
    PlaceRequest? Destination,
    DateOnly PickupFrom,
    DateOnly? PickupTo,
    string? Commodity,
    decimal Weight,
    WeightUnit WeightUnit,
    string? VehicleClass,
    string? Body,
    RateMode RateMode,
    decimal? TargetPrice,
    string? ConsigneeName,
    string? ConsigneePhone,
    string? Notes,
    LoadVisibility Visibility = LoadVisibility.Public);

public sealed record AmountRequest(decimal? Amount);

internal static class LoadEndpoints
{
    public static IEndpointRouteBuilder MapLoads(this IEndpointRouteBuilder app)
    {
        var loads = app.MapGroup("/api/v1/loads").WithTags("Loads").RequireAuthorization().RequireRateLimiting(RateLimitSetup.Api);
        loads.MapPost("/", Post).WithSummary("Post a load (shipper or broker); refused when heavier than the vehicle may legally carry");
        loads.MapGet("/", Find).WithSummary("Open loads by origin, destination, vehicle class and pickup date, paginated");
        loads.MapGet("/{id:guid}", Get);
        loads.MapPut("/{id:guid}", Edit).WithSummary("Change an open load (owner only)");
        loads.MapPost("/{id:guid}/cancel", Cancel).WithSummary("Cancel an open load; its live bids are closed");
        loads.MapPost("/{id:guid}/bids", PlaceBid).WithSummary("Bid on a load (carrier; one live bid per carrier per load)");
        loads.MapGet("/{id:guid}/bids", ListBids).WithSummary("Bids on one of my loads");
        loads.MapPost("/{id:guid}/book", BookNow).WithSummary("Book a fixed-price load at its price (carrier)");
        return app;
    }

    internal static Result<LoadInput> ToInput(LoadRequest request)
    {
        var price = Rupees.FromOptional(request.TargetPrice);
        if (price is { IsSuccess: false } refused)
        {
            return refused.Error;
        }

        return new LoadInput(
            ToPlace(request.Origin),
            ToPlace(request.Destination),
            request.PickupFrom,
            request.PickupTo ?? request.PickupFrom,
            request.Commodity ?? string.Empty,
            request.Weight,
            request.WeightUnit,
            request.VehicleClass ?? string.Empty,
            request.Body,
            request.RateMode,
            price?.Value,
            request.ConsigneeName ?? string.Empty,
            request.ConsigneePhone ?? string.Empty,
            request.Notes,
            request.Visibility);
    }

    private static PlaceInput ToPlace(PlaceRequest? place) => new(place?.City, place?.Latitude, place?.Longitude);

    private static async Task<IResult> Post(LoadRequest request, PostLoadHandler handler, MarketEvents events, HttpContext http, CancellationToken ct)
    {
        var input = ToInput(request);
        if (!input.IsSuccess)
        {
            return ApiResults.Problem(input.Error, http);
        }

        var posted = await handler.HandleAsync(new PostLoadCommand(http.User.PartyId(), input.Value), ct);
        if (posted.IsSuccess && posted.Value.Visibility == LoadVisibility.Public)
        {
            await events.ToCity(MarketEvents.LoadPosted, posted.Value, posted.Value.Origin.City);
        }

        return ApiResults.From(posted, http, load => TypedResults.Created($"/api/v1/loads/{load.Id}", load));
    }

    private static async Task<IResult> Find(
        FindOpenLoadsHandler handler, HttpContext http, CancellationToken ct,
        string? origin = null, string? destination = null, string? vehicle = null, DateOnly? date = null, int page = 1, int pageSize = Paging.DefaultPageSize) =>
        ApiResults.From(
            await handler.HandleAsync(new FindOpenLoadsQuery(http.User.PartyId(), origin, destination, vehicle, date, page, pageSize), ct),
            http,
            TypedResults.Ok);

    private static async Task<IResult> Get(Guid id, GetLoadHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(await handler.HandleAsync(new GetLoadQuery(http.User.PartyId(), LoadId.From(id)), ct), http, TypedResults.Ok);

    private static async Task<IResult> Edit(Guid id, LoadRequest request, EditLoadHandler handler, HttpContext http, CancellationToken ct)
    {
        var input = ToInput(request);
        return input.IsSuccess
            ? ApiResults.From(await handler.HandleAsync(new EditLoadCommand(http.User.PartyId(), LoadId.From(id), input.Value), ct), http, TypedResults.Ok)
            : ApiResults.Problem(input.Error, http);
    }

    private static async Task<IResult> Cancel(Guid id, CancelLoadHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(await handler.HandleAsync(new CancelLoadCommand(http.User.PartyId(), LoadId.From(id)), ct), http, TypedResults.Ok);

    private static async Task<IResult> PlaceBid(Guid id, AmountRequest request, PlaceBidHandler handler, MarketEvents events, HttpContext http, CancellationToken ct)
    {
        var amount = Rupees.From(request.Amount);
        if (!amount.IsSuccess)
        {
            return ApiResults.Problem(amount.Error, http);
        }

        var placed = await handler.HandleAsync(new PlaceBidCommand(http.User.PartyId(), LoadId.From(id), amount.Value), ct);
        if (placed.IsSuccess)
        {
            await events.ToParties(MarketEvents.BidReceived, placed.Value, placed.Value.ShipperId);
        }

        return ApiResults.From(placed, http, bid => TypedResults.Created($"/api/v1/bids/{bid.Id}", bid));
    }

    private static async Task<IResult> ListBids(Guid id, ListBidsHandler handler, HttpContext http, CancellationToken ct, bool live = false, int page = 1, int pageSize = Paging.DefaultPageSize) =>
        ApiResults.From(await handler.HandleAsync(new ListBidsQuery(http.User.PartyId(), LoadId.From(id), live, page, pageSize), ct), http, TypedResults.Ok);

    private static async Task<IResult> BookNow(Guid id, BookNowHandler handler, BookingEvents events, HttpContext http, CancellationToken ct)
    {
        var booked = await handler.HandleAsync(new BookNowCommand(http.User.PartyId(), LoadId.From(id)), ct);
        await events.PublishAsync(booked, ct);
        return ApiResults.From(booked, http, booking => TypedResults.Created($"/api/v1/bookings/{booking.BookingId}", booking));
    }
}
