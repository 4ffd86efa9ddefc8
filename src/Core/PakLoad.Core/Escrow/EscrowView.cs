using PakLoad.Core.Common;

namespace PakLoad.Core.Escrow;

/// <summary>A booking's escrow as its shipper and carrier see it.</summary>
public sealed record EscrowView(
    BookingId BookingId,
    EscrowStatus Status,
    Money Price,
    Money Fee,
    Money Total,
    Money Funded,
    Money Held,
    Money PaidToCarrier,
    Money ReturnedToShipper,
    int AdvancePercent,
    DateTimeOffset? ReleaseDueAt)
{
    public static EscrowView Of(BookingEscrow escrow)
    {
        ArgumentNullException.ThrowIfNull(escrow);
        return new EscrowView(
            escrow.BookingId, escrow.Status, escrow.Price, escrow.Fee, escrow.Total, escrow.Funded, escrow.Held,
            escrow.PaidToCarrier, escrow.ReturnedToShipper, escrow.AdvancePercent, escrow.ReleaseDueAt);
    }
}
