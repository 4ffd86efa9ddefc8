using Microsoft.EntityFrameworkCore;
using PakLoad.Api.Auth;
using PakLoad.Api.Http;
using PakLoad.Api.Hubs;
using PakLoad.Core.Bids;
using PakLoad.Core.Bookings;
using PakLoad.Core.Common;

namespace PakLoad.Api.Endpoints;

internal static class BidEndpoints
{
    public static IEndpointRouteBuilder MapBids(this IEndpointRouteBuilder app)
    {
        var bids = app.MapGroup("/api/v1/bids").WithTags("Bids").RequireAuthorization().RequireRateLimiting(RateLimitSetup.Api);
        bids.MapGet("/", Mine).WithSummary("My bids (carrier) or the bids on my loads (shipper)");
        bids.MapPost("/{id:guid}/counter", Counter).WithSummary("Counter-offer: the shipper answers a bid, the carrier answers a counter");
        bids.MapPost("/{id:guid}/accept", Accept).WithSummary("Accept the other side's amount: books the load, rejects the other bids");
        bids.MapPost("/{id:guid}/reject", Reject);
        bids.MapPost("/{id:guid}/withdraw", Withdraw);

        var bookings = app.MapGroup("/api/v1/bookings").WithTags("Bookings").RequireAuthorization().RequireRateLimiting(RateLimitSetup.Api);
        bookings.MapGet("/", ListBookings);
        bookings.MapGet("/{id:guid}", GetBooking);
        return app;
    }

    private static async Task<IResult> Mine(ListBidsHandler handler, HttpContext http, CancellationToken ct, bool live = false, int page = 1, int pageSize = Paging.DefaultPageSize) =>
        ApiResults.From(await handler.HandleAsync(new ListBidsQuery(http.User.PartyId(), null, live, page, pageSize), ct), http, TypedResults.Ok);

    private static async Task<IResult> Counter(Guid id, AmountRequest request, CounterBidHandler handler, MarketEvents events, HttpContext http, CancellationToken ct)
    {
        var amount = Rupees.From(request.Amount);
        if (!amount.IsSuccess)
        {
            return ApiResults.Problem(amount.Error, http);
        }

        var countered = await handler.HandleAsync(new CounterBidCommand(http.User.PartyId(), BidId.From(id), amount.Value), ct);
        if (countered.IsSuccess)
        {
            await events.ToParties(MarketEvents.BidReceived, countered.Value, countered.Value.ShipperId, countered.Value.CarrierId);
        }

        return ApiResults.From(countered, http, TypedResults.Ok);
    }

    private static async Task<IResult> Accept(Guid id, AcceptBidHandler handler, BookingEvents events, HttpContext http, CancellationToken ct)
    {
        var booked = await handler.HandleAsync(new AcceptBidCommand(http.User.PartyId(), BidId.From(id)), ct);
        await events.PublishAsync(booked, ct);
        return ApiResults.From(booked, http, booking => TypedResults.Created($"/api/v1/bookings/{booking.BookingId}", booking));
    }

    private static async Task<IResult> Reject(Guid id, RejectBidHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(await handler.HandleAsync(new RejectBidCommand(http.User.PartyId(), BidId.From(id)), ct), http, TypedResults.Ok);

    private static async Task<IResult> Withdraw(Guid id, WithdrawBidHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(await handler.HandleAsync(new WithdrawBidCommand(http.User.PartyId(), BidId.From(id)), ct), http, TypedResults.Ok);

    private static async Task<IResult> ListBookings(ListBookingsHandler handler, HttpContext http, CancellationToken ct, int page = 1, int pageSize = Paging.DefaultPageSize) =>
        ApiResults.From(await handler.HandleAsync(new ListBookingsQuery(http.User.PartyId(), page, pageSize), ct), http, TypedResults.Ok);

    private static async Task<IResult> GetBooking(Guid id, GetBookingHandler handler, HttpContext http, CancellationToken ct) =>
        ApiResults.From(await handler.HandleAsync(new GetBookingQuery(http.User.PartyId(), BookingId.From(id)), ct), http, TypedResults.Ok);
}

/// <summary>Tells both sides of a new booking over SignalR, once it has committed.</summary>
internal sealed class BookingEvents(MarketEvents events, IPakLoadDb db)
{
    public async Task PublishAsync(Result<BookingConfirmation> booked, CancellationToken ct)
    {
        if (!booked.IsSuccess)
        {
            return;
        }

        var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == booked.Value.BookingId, ct);
        await events.ToParties(MarketEvents.BookingConfirmed, booked.Value, booking.ShipperId, booking.CarrierId);
    }
}
