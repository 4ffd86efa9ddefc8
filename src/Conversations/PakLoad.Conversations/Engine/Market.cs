using PakLoad.Core.Bids;
using PakLoad.Core.Bookings;
using PakLoad.Core.Capacity;
using PakLoad.Core.Escrow;
using PakLoad.Core.Matching;
using PakLoad.Core.Payments;
using PakLoad.Core.Payouts;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;
using PakLoad.Core.Trips;
using PakLoad.Core.Vehicles;

using CoreLanguage = PakLoad.Core.Common.Language;

namespace PakLoad.Conversations.Engine;

/// <summary>
/// The Core use cases a conversation may invoke, one method each, named as the transcript records them. The
/// flows decide what to ask; Core decides what is allowed. Nothing here talks to a channel.
/// </summary>
public sealed class Market(
    IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer, VehicleCatalogue vehicles, MarketplaceOptions options, MarketServices? services = null)
{
    private readonly MarketServices _services = services ?? MarketServices.None;

    private readonly List<string> _invoked = [];

    public Gazetteer Gazetteer => gazetteer;

    public VehicleCatalogue Vehicles => vehicles;

    /// <summary>The use cases invoked since the last <see cref="TakeInvoked"/>.</summary>
    public IReadOnlyList<string> TakeInvoked()
    {
        var taken = _invoked.ToArray();
        _invoked.Clear();
        return taken;
    }

    public Task<Party?> FindPartyAsync(PhoneNumber phone, CancellationToken ct) =>
        new FindPartyByPhoneHandler(db).HandleAsync(new FindPartyByPhoneQuery(phone), ct);

    public Task<Result<Party>> RegisterAsync(RegisterPartyCommand command, CancellationToken ct) =>
        Invoke("RegisterParty", () => new RegisterPartyHandler(db, clock, vehicles).HandleAsync(command, ct));

    public Task<Result<CoreLanguage>> ChangeLanguageAsync(ChangeLanguageCommand command, CancellationToken ct) =>
        Invoke("ChangeLanguage", () => new ChangeLanguageHandler(db).HandleAsync(command, ct));

    public Task<Result<LoadView>> PostLoadAsync(PostLoadCommand command, CancellationToken ct) =>
        Invoke("PostLoad", () => new PostLoadHandler(db, clock, gazetteer, vehicles).HandleAsync(command, ct));

    public Task<Result<Paged<LoadSummary>>> FindLoadsAsync(FindOpenLoadsQuery query, CancellationToken ct) =>
        Invoke("FindOpenLoads", () => new FindOpenLoadsHandler(db, clock, gazetteer, vehicles).HandleAsync(query, ct));

    public Task<Result<LoadView>> GetLoadAsync(GetLoadQuery query, CancellationToken ct) =>
        Invoke("GetLoad", () => new GetLoadHandler(db).HandleAsync(query, ct));

    public Task<IReadOnlyList<LoadSummary>> FindByReferenceAsync(FindLoadsByReferenceQuery query, CancellationToken ct) =>
        Invoke("FindLoadsByReference", () => new FindLoadsByReferenceHandler(db).HandleAsync(query, ct));

    public Task<Result<Paged<LoadSummary>>> MyLoadsAsync(ListMyLoadsQuery query, CancellationToken ct) =>
        Invoke("ListMyLoads", () => new ListMyLoadsHandler(db).HandleAsync(query, ct));

    public Task<Result<BidView>> PlaceBidAsync(PlaceBidCommand command, CancellationToken ct) =>
        Invoke("PlaceBid", () => new PlaceBidHandler(db, clock, gazetteer, options).HandleAsync(command, ct));

    public Task<Result<Paged<BidView>>> ListBidsAsync(ListBidsQuery query, CancellationToken ct) =>
        Invoke("ListBids", () => new ListBidsHandler(db).HandleAsync(query, ct));

    public Task<Result<BidView>> CounterAsync(CounterBidCommand command, CancellationToken ct) =>
        Invoke("CounterBid", () => new CounterBidHandler(db, clock, gazetteer, options).HandleAsync(command, ct));

    public Task<Result<BookingConfirmation>> AcceptAsync(AcceptBidCommand command, CancellationToken ct) =>
        Invoke("AcceptBid", () => new AcceptBidHandler(db, clock, gazetteer).HandleAsync(command, ct));

    public Task<Result<BidView>> WithdrawAsync(WithdrawBidCommand command, CancellationToken ct) =>
        Invoke("WithdrawBid", () => new WithdrawBidHandler(db, clock, gazetteer).HandleAsync(command, ct));

    public Task<Result<BidView>> RejectAsync(RejectBidCommand command, CancellationToken ct) =>
        Invoke("RejectBid", () => new RejectBidHandler(db, clock, gazetteer).HandleAsync(command, ct));

    public Task<Result<Paged<TripSummary>>> ListTripsAsync(ListTripsQuery query, CancellationToken ct) =>
        Invoke("ListTrips", () => new ListTripsHandler(db).HandleAsync(query, ct));

    public Task<Result<TripView>> GetTripAsync(GetTripQuery query, CancellationToken ct) =>
        Invoke("GetTrip", () => new GetTripHandler(db).HandleAsync(query, ct));

    public Task<Result<TripView>> AssignDriverAsync(AssignDriverCommand command, CancellationToken ct) =>
        Invoke("AssignDriver", () => new AssignDriverHandler(db, clock, gazetteer).HandleAsync(command, ct));

    public Task<Result<TripView>> AdvanceTripAsync(AdvanceTripCommand command, CancellationToken ct) =>
        Invoke("AdvanceTrip", () => new AdvanceTripHandler(db, clock, gazetteer).HandleAsync(command, ct));

    public Task<Result<TripView>> CheckInAsync(CheckInCommand command, CancellationToken ct) =>
        Invoke("CheckIn", () => new CheckInHandler(db, clock).HandleAsync(command, ct));

    public Task<Result<TripView>> ConfirmDeliveryAsync(ConfirmDeliveryCommand command, CancellationToken ct) =>
        Invoke("ConfirmDelivery", () => new ConfirmDeliveryHandler(db, clock, gazetteer).HandleAsync(command, ct));

    public Task<Result<EmptyTruckView>> PostEmptyTruckAsync(PostEmptyTruckCommand command, CancellationToken ct) =>
        Invoke("PostEmptyTruck", () => new PostEmptyTruckHandler(db, clock, gazetteer, vehicles).HandleAsync(command, ct));

    /// <summary>True when the host keeps a market index (search by radius, matches for a truck).</summary>
    public bool HasIndex => _services.Index is not null;

    /// <summary>True when a payment provider is configured (payment links after a booking).</summary>
    public bool HasPayments => _services.Payments is not null;

    public Task<Result<LaneGuidance>> PriceGuidanceAsync(PriceGuidanceQuery query, CancellationToken ct) =>
        Invoke("PriceGuidance", () => new PriceGuidanceHandler(db, clock, gazetteer, vehicles, _services.Matching ?? new MatchingOptions(), _services.LanePrices).HandleAsync(query, ct));

    public Task<Result<Paged<LoadHit>>> SearchLoadsAsync(SearchLoadsQuery query, CancellationToken ct) =>
        Invoke("SearchLoads", () => new SearchLoadsHandler(db, _services.Index ?? throw new InvalidOperationException("No market index."), clock, gazetteer, vehicles).HandleAsync(query, ct));

    public Task<Result<IReadOnlyList<LoadMatch>>> MatchesForTruckAsync(MatchesForTruckQuery query, CancellationToken ct) =>
        Invoke("MatchesForTruck", () => new MatchesForTruckHandler(db, _services.Index ?? throw new InvalidOperationException("No market index."), clock).HandleAsync(query, ct));

    public Task<Result<CarrierBalance>> CarrierBalanceAsync(GetCarrierBalanceQuery query, CancellationToken ct) =>
        Invoke("GetCarrierBalance", () => new GetCarrierBalanceHandler(db).HandleAsync(query, ct));

    public Task<Result<PayoutView>> RequestPayoutAsync(RequestPayoutCommand command, CancellationToken ct) =>
        Invoke("RequestPayout", () => new RequestPayoutHandler(db, clock).HandleAsync(command, ct));

    public Task<Result<FundingLink>> FundingLinkAsync(CreateFundingLinkCommand command, CancellationToken ct) =>
        Invoke("CreateFundingLink", () => new CreateFundingLinkHandler(db, clock, _services.Payments ?? throw new InvalidOperationException("No payment provider."), _services.Escrow).HandleAsync(command, ct));

    private Task<T> Invoke<T>(string useCase, Func<Task<T>> call)
    {
        _invoked.Add(useCase);
        return call();
    }
}

/// <summary>What the host adds beyond the database: the market index and the payment providers (null = not offered).</summary>
public sealed record MarketServices(MarketIndex? Index = null, MatchingOptions? Matching = null, PaymentProviders? Payments = null, EscrowOptions? Escrow = null, LanePrices? LanePrices = null)
{
    public static MarketServices None { get; } = new();
}
