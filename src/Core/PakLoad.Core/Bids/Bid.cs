using PakLoad.Core.Common;
using PakLoad.Core.Loads;

namespace PakLoad.Core.Bids;

public enum BidStatus
{
    /// <summary>The carrier's offer waits for the shipper.</summary>
    Open,

    /// <summary>The shipper's counter-offer waits for the carrier.</summary>
    Countered,
    Accepted,
    Rejected,
    Withdrawn,
    Expired,
}

public enum BidSide
{
    Carrier,
    Shipper,
}

/// <summary>One step of a negotiation, kept for the record (who offered what, when).</summary>
public sealed record BidRound(int Number, BidSide By, Money Amount, DateTimeOffset At);

/// <summary>
/// A carrier's offer for a load and the negotiation that follows: the shipper counters, the carrier
/// counters back, either side accepts the other's last amount. At most one live bid per carrier per load
/// (a filtered unique index on live statuses).
/// </summary>
public sealed class Bid
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(2);

    private readonly List<BidRound> _rounds = [];

    private Bid()
    {
    }

    public BidId Id { get; private set; }

    public LoadId LoadId { get; private set; }

    public PartyId CarrierId { get; private set; }

    /// <summary>The load's shipper, kept here so ownership checks need no join.</summary>
    public PartyId ShipperId { get; private set; }

    /// <summary>The amount on the table now: the last offer or counter-offer.</summary>
    public Money Amount { get; private set; }

    public BidStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<BidRound> Rounds => _rounds;

    public bool IsLive => Status is BidStatus.Open or BidStatus.Countered;

    public static Result<Bid> Place(Load load, PartyId carrier, Money amount, TimeSpan lifetime, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(clock);
        if (load.WhyNotOpen(clock.GetUtcNow()) is { } closed)
        {
            return closed;
        }

        if (load.RateMode == RateMode.Fixed)
        {
            return Error.Of("errors.bid.fixed_price");
        }

        if (load.ShipperId == carrier)
        {
            return Error.Of("errors.bid.own_load");
        }

        if (AmountError(amount) is { } error)
        {
            return error;
        }

        return Opened(load, carrier, amount, BidStatus.Open, lifetime, clock);
    }

    /// <summary>A fixed-price load booked at its price: a bid born accepted, so every booking has one.</summary>
    public static Result<Bid> BookAtFixedPrice(Load load, PartyId carrier, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(clock);
        if (load.WhyNotOpen(clock.GetUtcNow()) is { } closed)
        {
            return closed;
        }

        if (load.RateMode != RateMode.Fixed || load.TargetPrice is not { } price)
        {
            return Error.Of("errors.bid.not_fixed_price");
        }

        if (load.ShipperId == carrier)
        {
            return Error.Of("errors.bid.own_load");
        }

        return Opened(load, carrier, price, BidStatus.Accepted, TimeSpan.Zero, clock);
    }

    /// <summary>A new bid with the carrier's first round: open for an answer, or accepted at a fixed price.</summary>
    private static Bid Opened(Load load, PartyId carrier, Money amount, BidStatus status, TimeSpan lifetime, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var bid = new Bid
        {
            Id = BidId.New(clock),
            LoadId = load.Id,
            CarrierId = carrier,
            ShipperId = load.ShipperId,
            Amount = amount,
            Status = status,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now + lifetime,
        };
        bid._rounds.Add(new BidRound(1, BidSide.Carrier, amount, now));
        return bid;
    }

    /// <summary>A new amount from the side whose turn it is: the shipper answers an open bid, the carrier a counter.</summary>
    public Result<Bid> Counter(BidSide by, Money amount, TimeSpan lifetime, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Turn() != by)
        {
            return NotYourTurn();
        }

        if (AmountError(amount) is { } error)
        {
            return error;
        }

        var now = clock.GetUtcNow();
        if (now >= ExpiresAt)
        {
            // Without this, a counter would revive an offer that lapsed before the expiry job ran.
            return Error.Of("errors.bid.expired");
        }

        Amount = amount;
        Status = by == BidSide.Shipper ? BidStatus.Countered : BidStatus.Open;
        ExpiresAt = now + lifetime;
        _rounds.Add(new BidRound(_rounds.Count + 1, by, amount, now));
        Touch(now);
        return this;
    }

    /// <summary>Accepts the other side's amount: the shipper an open bid, the carrier a counter-offer.</summary>
    public Result<Bid> Accept(BidSide by, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Turn() != by)
        {
            return NotYourTurn();
        }

        if (clock.GetUtcNow() >= ExpiresAt)
        {
            return Error.Of("errors.bid.expired");
        }

        Status = BidStatus.Accepted;
        Touch(clock.GetUtcNow());
        return this;
    }

    public Result<Bid> Reject(TimeProvider clock) => End(BidStatus.Rejected, clock);

    public Result<Bid> Withdraw(TimeProvider clock) => End(BidStatus.Withdrawn, clock);

    /// <summary>Closes a live bid because its load was booked by someone else, cancelled or expired.</summary>
    public void CloseBecauseLoadClosed(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (IsLive)
        {
            Status = BidStatus.Rejected;
            Touch(clock.GetUtcNow());
        }
    }

    public Result<Bid> Expire(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (!IsLive)
        {
            return NotLive();
        }

        if (clock.GetUtcNow() < ExpiresAt)
        {
            return Error.Of("errors.bid.not_expired");
        }

        Status = BidStatus.Expired;
        Touch(clock.GetUtcNow());
        return this;
    }

    /// <summary>Which side of this bid a party is on; null for anyone else.</summary>
    public BidSide? SideOf(PartyId party) =>
        party == CarrierId ? BidSide.Carrier
        : party == ShipperId ? BidSide.Shipper
        : null;

    /// <summary>Whose move it is; null when the bid is over.</summary>
    public BidSide? Turn() => Status switch
    {
        BidStatus.Open => BidSide.Shipper,
        BidStatus.Countered => BidSide.Carrier,
        BidStatus.Accepted or BidStatus.Rejected or BidStatus.Withdrawn or BidStatus.Expired => null,
    };

    /// <summary>The shipper may reject, and the carrier withdraw, at any live point of the negotiation.</summary>
    private Result<Bid> End(BidStatus to, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (!IsLive)
        {
            return NotLive();
        }

        Status = to;
        Touch(clock.GetUtcNow());
        return this;
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }

    private Error NotLive() => Error.Of("errors.bid.not_live", ("status", Status.ToString().ToLowerInvariant()));

    private Error NotYourTurn() => IsLive ? Error.Of("errors.bid.not_your_turn") : NotLive();

    private static Error? AmountError(Money amount) =>
        amount.Paisa <= 0 || amount > Money.MaxUserAmount ? Error.Of("errors.bid.amount_invalid") : null;
}
