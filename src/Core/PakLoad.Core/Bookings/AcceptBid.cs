using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Escrow;
using PakLoad.Core.Loads;
using PakLoad.Core.Places;

namespace PakLoad.Core.Bookings;

/// <summary>
/// Whoever's turn it is takes the amount on the table: the shipper accepts a carrier's open bid, or the carrier
/// accepts the shipper's counter. The load is booked in the same transaction, and every other bidder is told.
/// </summary>
public sealed record AcceptBidCommand(PartyId ActorId, BidId BidId);

public sealed class AcceptBidHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer, EscrowOptions? escrowOptions = null)
{
    public Task<Result<BookingConfirmation>> HandleAsync(AcceptBidCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        return db.InTransactionAsync(token => AcceptAsync(command, token), ct);
    }

    private async Task<Result<BookingConfirmation>> AcceptAsync(AcceptBidCommand command, CancellationToken ct)
    {
        var bid = await db.Bids.SingleOrDefaultAsync(b => b.Id == command.BidId, ct);
        if (bid?.SideOf(command.ActorId) is not { } side)
        {
            return Error.Of("errors.not_found");
        }

        var load = await db.Loads.SingleAsync(l => l.Id == bid.LoadId, ct);
        if (load.Status == LoadStatus.Booked)
        {
            return Error.Of("errors.booking.conflict");
        }

        var accepted = bid.Accept(side, clock);
        if (!accepted.IsSuccess)
        {
            return accepted.Error;
        }

        return await BookingStep.CompleteAsync(db, gazetteer, clock, load, bid, escrowOptions ?? EscrowOptions.Default, ct);
    }
}
