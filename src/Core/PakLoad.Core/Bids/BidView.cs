using PakLoad.Core.Common;

namespace PakLoad.Core.Bids;

/// <summary>A bid and its negotiation so far; <see cref="Turn"/> says who must answer next (null once it is over).</summary>
public sealed record BidView(
    BidId Id,
    LoadId LoadId,
    PartyId CarrierId,
    PartyId ShipperId,
    Money Amount,
    BidStatus Status,
    BidSide? Turn,
    IReadOnlyList<BidRound> Rounds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset ExpiresAt,
    int Version)
{
    public static BidView Of(Bid bid)
    {
        ArgumentNullException.ThrowIfNull(bid);
        return new BidView(
            bid.Id,
            bid.LoadId,
            bid.CarrierId,
            bid.ShipperId,
            bid.Amount,
            bid.Status,
            bid.Turn(),
            bid.Rounds.OrderBy(r => r.Number).ToList(),
            bid.CreatedAt,
            bid.UpdatedAt,
            bid.ExpiresAt,
            bid.Version);
    }
}
