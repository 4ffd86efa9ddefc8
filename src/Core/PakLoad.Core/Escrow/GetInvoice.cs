using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;

namespace PakLoad.Core.Escrow;

/// <summary>
/// A booking's invoice: the freight (agreed price, the carrier's), PakLoad's fee, the total the shipper pays, and
/// the withholding fields a Pakistani shipper's accounts need. PakLoad does not deduct withholding tax itself:
/// the rate and amount are zero unless a host configures them, and the fields are there for the shipper's books.
/// </summary>
public sealed record Invoice(
    string Number,
    BookingId BookingId,
    DateTimeOffset IssuedAt,
    PartyId ShipperId,
    string ShipperName,
    PartyId CarrierId,
    string CarrierName,
    Money Freight,
    Money PlatformFee,
    Money Total,
    decimal WithholdingRatePercent,
    Money WithholdingAmount,
    Money Funded,
    Money Refunded);

public sealed record GetInvoiceQuery(PartyId ActorId, BookingId BookingId, decimal WithholdingRatePercent = 0);

public sealed class GetInvoiceHandler(IPakLoadDb db, TimeProvider clock)
{
    public async Task<Result<Invoice>> HandleAsync(GetInvoiceQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var booking = await db.Bookings.AsNoTracking()
            .SingleOrDefaultAsync(b => b.Id == query.BookingId && (b.ShipperId == query.ActorId || b.CarrierId == query.ActorId), ct);
        if (booking is null)
        {
            return Error.Of("errors.not_found");
        }

        var escrow = await db.Escrows.AsNoTracking().SingleOrDefaultAsync(e => e.BookingId == booking.Id, ct)
                     ?? BookingEscrow.Open(booking, EscrowOptions.Default, clock);
        var names = await db.Parties.AsNoTracking()
            .Where(p => p.Id == booking.ShipperId || p.Id == booking.CarrierId)
            .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var withholding = new Money((long)decimal.Round(escrow.Price.Paisa * query.WithholdingRatePercent / 100m, MidpointRounding.AwayFromZero));
        return new Invoice(
            $"PL-{booking.CreatedAt:yyyyMM}-{booking.Id.Value.ToString("N", System.Globalization.CultureInfo.InvariantCulture)[..8].ToUpperInvariant()}",
            booking.Id,
            booking.CreatedAt,
            booking.ShipperId,
            names.GetValueOrDefault(booking.ShipperId, string.Empty),
            booking.CarrierId,
            names.GetValueOrDefault(booking.CarrierId, string.Empty),
            escrow.Price,
            escrow.Fee,
            escrow.Total,
            query.WithholdingRatePercent,
            withholding,
            escrow.Funded,
            escrow.ReturnedToShipper);
    }
}
