using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Bids;
using PakLoad.Core.Common;
using PakLoad.Core.Escrow;
using PakLoad.Core.Loads;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;

namespace PakLoad.Core.Bookings;

/// <summary>A carrier takes a fixed-price load at its price: first come, first booked, the database deciding who was first.</summary>
public sealed record BookNowCommand(PartyId ActorId, LoadId LoadId);

public sealed class BookNowHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer, EscrowOptions? escrowOptions = null)
{
    public Task<Result<BookingConfirmation>> HandleAsync(BookNowCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        return db.InTransactionAsync(token => BookAsync(command, token), ct);
    }

    private async Task<Result<BookingConfirmation>> BookAsync(BookNowCommand command, CancellationToken ct)
    {
        var load = await db.Loads.SingleOrDefaultAsync(l => l.Id == command.LoadId, ct);
        if (load is null)
        {
            return Error.Of("errors.not_found");
        }

        var actor = await db.Parties.SingleOrDefaultAsync(p => p.Id == command.ActorId, ct);
        var isCarrier = actor?.Has(PartyRole.Carrier) ?? false;

        // Most contenders that lose a booking race read the load only after the winner committed: to a carrier, a
        // public load booked by someone else is the race lost (it was on the board), not a load that never existed.
        if (isCarrier && load is { Status: LoadStatus.Booked, Visibility: LoadVisibility.Public })
        {
            return Error.Of("errors.booking.conflict");
        }

        if (!load.IsOnBoardFor(command.ActorId))
        {
            return Error.Of("errors.not_found");
        }

        if (actor is null || !isCarrier)
        {
            return Error.Of("errors.forbidden");
        }

        var bid = Bid.BookAtFixedPrice(load, actor.Id, clock);
        if (!bid.IsSuccess)
        {
            return bid.Error;
        }

        db.Bids.Add(bid.Value);
        return await BookingStep.CompleteAsync(db, gazetteer, clock, load, bid.Value, escrowOptions ?? EscrowOptions.Default, ct);
    }
}
