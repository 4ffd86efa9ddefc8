using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;

namespace PakLoad.Core.Escrow;

/// <summary>A booking's escrow, for its shipper or its carrier; anyone else gets errors.not_found.</summary>
public sealed record GetEscrowQuery(PartyId ActorId, BookingId BookingId);

public sealed class GetEscrowHandler(IPakLoadDb db, TimeProvider clock, EscrowOptions? options = null)
{
    public async Task<Result<EscrowView>> HandleAsync(GetEscrowQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var booking = await db.Bookings.AsNoTracking()
            .SingleOrDefaultAsync(b => b.Id == query.BookingId && (b.ShipperId == query.ActorId || b.CarrierId == query.ActorId), ct);
        if (booking is null)
        {
            return Error.Of("errors.not_found");
        }

        var escrow = await db.Escrows.AsNoTracking().SingleOrDefaultAsync(e => e.BookingId == booking.Id, ct)
                     ?? BookingEscrow.Open(booking, options ?? EscrowOptions.Default, clock);
        return EscrowView.Of(escrow);
    }
}
