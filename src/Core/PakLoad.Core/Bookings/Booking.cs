using PakLoad.Core.Bids;
using PakLoad.Core.Common;

namespace PakLoad.Core.Bookings;

/// <summary>
/// The deal: one carrier will move one load at the agreed price. Exactly one per load, kept so by a unique
/// index on load_id (and the load's version check), never by a check in memory.
/// </summary>
public sealed class Booking
{
    private Booking()
    {
    }

    public BookingId Id { get; private set; }

    public LoadId LoadId { get; private set; }

    public BidId BidId { get; private set; }

    public PartyId ShipperId { get; private set; }

    public PartyId CarrierId { get; private set; }

    public Money AgreedPrice { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Booking From(Bid acceptedBid, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(acceptedBid);
        ArgumentNullException.ThrowIfNull(clock);
        if (acceptedBid.Status != BidStatus.Accepted)
        {
            throw new InvalidOperationException("A booking is made only from an accepted bid.");
        }

        return new Booking
        {
            Id = BookingId.New(clock),
            LoadId = acceptedBid.LoadId,
            BidId = acceptedBid.Id,
            ShipperId = acceptedBid.ShipperId,
            CarrierId = acceptedBid.CarrierId,
            AgreedPrice = acceptedBid.Amount,
            CreatedAt = clock.GetUtcNow(),
        };
    }
}
