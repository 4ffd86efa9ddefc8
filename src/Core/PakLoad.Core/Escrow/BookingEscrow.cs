using PakLoad.Core.Bookings;
using PakLoad.Core.Common;
using PakLoad.Core.Trips;

namespace PakLoad.Core.Escrow;

public enum EscrowStatus
{
    AwaitingFunding,
    Funded,
    Releasing,
    Frozen,
    Closed,
}

public enum Canceller
{
    Shipper,
    Carrier,
}

/// <summary>A move of money out of a booking's escrow account, named by the one step it is.</summary>
public sealed record EscrowMove(string Step, LedgerTransactionKind Kind, AccountSpec To, Money Amount);

/// <summary>
/// A booking's escrow: the facts that decide who is owed what (funded, loaded, delivered, completed, cancelled
/// by whom and when, disputed, resolved) and what has already been paid out. <see cref="Settle"/> turns the facts
/// into moves; each move is a ledger transaction keyed by booking and step, so it happens at most once, in any
/// order the facts arrive. Policy (stated in Escrow/README.md):
/// <list type="bullet">
/// <item>the shipper pays price + fee into escrow;</item>
/// <item>at loading the carrier gets the advance (a share of the price);</item>
/// <item>at proof of delivery the rest of the price goes to the carrier and the fee to the platform, once the
/// dispute window has passed (a job) or the shipper confirmed completion;</item>
/// <item>cancelled (only possible before loading): by the carrier, or by the shipper before the truck reached
/// pickup, everything is refunded; by the shipper after the truck reached pickup, the carrier keeps the late
/// cancellation share of the price and the rest is refunded;</item>
/// <item>a dispute freezes what is left until an admin splits it between carrier and shipper (the platform
/// waives its fee in a dispute).</item>
/// </list>
/// </summary>
public sealed class BookingEscrow
{
    private BookingEscrow()
    {
    }

    public BookingId BookingId { get; private set; }

    public PartyId ShipperId { get; private set; }

    public PartyId CarrierId { get; private set; }

    public Money Price { get; private set; }

    public Money Fee { get; private set; }

    public int AdvancePercent { get; private set; }

    public int LateCancellationPercent { get; private set; }

    public TimeSpan DisputeWindow { get; private set; }

    /// <summary>What reached escrow from the shipper's first successful payment (zero until then).</summary>
    public Money Funded { get; private set; }

    public bool Loaded { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    /// <summary>Proof of delivery plus the dispute window: when the release job pays the balance.</summary>
    public DateTimeOffset? ReleaseDueAt { get; private set; }

    public bool Completed { get; private set; }

    public Canceller? CancelledBy { get; private set; }

    public bool CancelledAtPickup { get; private set; }

    public bool Disputed { get; private set; }

    public Money? CarrierShare { get; private set; }

    public Money PaidToCarrier { get; private set; }

    public Money PaidToPlatform { get; private set; }

    public Money ReturnedToShipper { get; private set; }

    public bool AdvancePaid { get; private set; }

    /// <summary>Everything owed has left escrow for good: released, refunded or split.</summary>
    public bool Settled { get; private set; }

    public int Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public Money Total => Price + Fee;

    public Money Held => Funded - PaidToCarrier - PaidToPlatform - ReturnedToShipper;


    public Money Advance => new(Price.Paisa * AdvancePercent / 100);

    public EscrowStatus Status =>
        Settled ? EscrowStatus.Closed
        : Funded == Money.Zero ? EscrowStatus.AwaitingFunding
        : Disputed ? EscrowStatus.Frozen
        : DeliveredAt is not null ? EscrowStatus.Releasing
        : EscrowStatus.Funded;

    public static BookingEscrow Open(Booking booking, EscrowOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        return new BookingEscrow
        {
            BookingId = booking.Id,
            ShipperId = booking.ShipperId,
            CarrierId = booking.CarrierId,
            Price = booking.AgreedPrice,
            Fee = FeeFor(booking.AgreedPrice, options),
            AdvancePercent = options.AdvancePercent,
            LateCancellationPercent = options.LateCancellationPercent,
            DisputeWindow = options.DisputeWindow,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>The fee in whole paisa, rounded half up: what the shipper sees on the invoice.</summary>
    public static Money FeeFor(Money price, EscrowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Money(((price.Paisa * options.FeeBasisPoints) + 5_000) / 10_000);
    }

    /// <summary>Records what a trip already in <paramref name="status"/> implies, for an escrow opened late.</summary>
    public void CatchUp(TripStatus status, TimeProvider clock)
    {
        switch (status)
        {
            case TripStatus.Booked or TripStatus.DriverAssigned or TripStatus.AtPickup or TripStatus.Cancelled:
                // A cancellation's author is unknown here: the trip alone cannot say, so it waits for its event.
                break;
            case TripStatus.Loaded or TripStatus.InTransit or TripStatus.Arrived:
                RecordLoaded(clock);
                break;
            case TripStatus.Delivered:
                RecordDelivered(clock);
                break;
            case TripStatus.Completed:
                RecordDelivered(clock);
                RecordCompleted(clock);
                break;
            case TripStatus.Disputed:
                RecordLoaded(clock);
                RecordDisputed(clock);
                break;
        }
    }

    /// <summary>A successful payment reached us. True when it funds the escrow; false when it was already funded (overpaid).</summary>
    public bool RecordFunding(Money amount, TimeProvider clock)
    {
        if (Funded != Money.Zero)
        {
            return false;
        }

        Funded = amount;
        return Touch(clock);
    }

    public void RecordLoaded(TimeProvider clock)
    {
        Loaded = true;
        Touch(clock);
    }

    public void RecordDelivered(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Loaded = true;
        DeliveredAt ??= clock.GetUtcNow();
        ReleaseDueAt = DeliveredAt + DisputeWindow;
        Touch(clock);
    }

    /// <summary>The shipper confirmed completion: the dispute window is waived.</summary>
    public void RecordCompleted(TimeProvider clock)
    {
        Completed = true;
        Touch(clock);
    }

    public void RecordCancelled(Canceller by, bool atPickup, TimeProvider clock)
    {
        CancelledBy ??= by;
        CancelledAtPickup = by == Canceller.Shipper && atPickup;
        Touch(clock);
    }

    public void RecordDisputed(TimeProvider clock)
    {
        Disputed = true;
        Touch(clock);
    }

    /// <summary>An admin splits a frozen escrow: <paramref name="carrierShare"/> to the carrier, the rest back to the shipper.</summary>
    public Result<BookingEscrow> Resolve(Money carrierShare, TimeProvider clock)
    {
        if (!Disputed)
        {
            return Error.Of("errors.escrow.not_disputed");
        }

        if (CarrierShare is not null)
        {
            return Error.Of("errors.escrow.already_resolved");
        }

        var left = Funded == Money.Zero ? Price - PaidToCarrier : Held;
        if (carrierShare.IsNegative || carrierShare > left)
        {
            return Error.Of("errors.escrow.share_invalid", ("max", left.ToString()));
        }

        CarrierShare = carrierShare;
        Touch(clock);
        return this;
    }

    /// <summary>
    /// What must leave escrow now, given the facts; records the moves as made. The caller posts each move as a
    /// ledger transaction in the same database transaction, so the counters here and the ledger never disagree.
    /// </summary>
    public IReadOnlyList<EscrowMove> Settle(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var moves = new List<EscrowMove>();
        if (Funded == Money.Zero || Settled)
        {
            return moves;
        }

        var carrier = AccountSpec.CarrierPayable(CarrierId);
        var shipper = AccountSpec.ShipperRefunds(ShipperId);
        if (Disputed)
        {
            if (CarrierShare is not { } share)
            {
                return moves;
            }

            var toCarrier = Min(share, Held);
            var toShipper = Held - toCarrier;
            Add(moves, "dispute-carrier", LedgerTransactionKind.DisputeToCarrier, carrier, toCarrier);
            Add(moves, "dispute-shipper", LedgerTransactionKind.DisputeToShipper, shipper, toShipper);
            Settled = true;
        }
        else if (CancelledBy is not null)
        {
            var keep = Min(CancelledAtPickup ? new Money(Price.Paisa * LateCancellationPercent / 100) : Money.Zero, Held);
            var back = Held - keep;
            Add(moves, "cancellation-fee", LedgerTransactionKind.CancellationFee, carrier, keep);
            Add(moves, "refund", LedgerTransactionKind.Refund, shipper, back);
            Settled = true;
        }
        else
        {
            if (Loaded && !AdvancePaid)
            {
                Add(moves, "advance", LedgerTransactionKind.Advance, carrier, Min(Advance, Held));
                AdvancePaid = true;
            }

            if (ReleaseDueAt is { } due && (Completed || clock.GetUtcNow() >= due))
            {
                Add(moves, "balance", LedgerTransactionKind.Balance, carrier, Min(Price - PaidToCarrier, Held));
                Add(moves, "fee", LedgerTransactionKind.PlatformFee, AccountSpec.PlatformFees, Held);
                Settled = true;
            }
        }

        if (moves.Count > 0)
        {
            Touch(clock);
        }

        return moves;
    }

    private void Add(List<EscrowMove> moves, string step, LedgerTransactionKind kind, AccountSpec to, Money amount)
    {
        if (amount <= Money.Zero)
        {
            return;
        }

        moves.Add(new EscrowMove(step, kind, to, amount));
        switch (to.Kind)
        {
            case LedgerAccountKind.CarrierPayable:
                PaidToCarrier += amount;
                break;
            case LedgerAccountKind.PlatformFees:
                PaidToPlatform += amount;
                break;
            default:
                ReturnedToShipper += amount;
                break;
        }
    }

    private static Money Min(Money a, Money b) => a < b ? a : b;

    private bool Touch(TimeProvider clock)
    {
        UpdatedAt = clock.GetUtcNow();
        Version++;
        return true;
    }
}
