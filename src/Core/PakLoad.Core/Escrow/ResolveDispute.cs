using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;

namespace PakLoad.Core.Escrow;

/// <summary>An admin settles a dispute: <see cref="CarrierShare"/> of what escrow holds to the carrier, the rest to the shipper.</summary>
/// <remarks>A missing or unreadable share arrives as null and is refused after the access check, so it reveals nothing.</remarks>
public sealed record ResolveDisputeCommand(PartyId AdminId, BookingId BookingId, Money? CarrierShare);

public sealed class ResolveDisputeHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer)
{
    public async Task<Result<EscrowView>> HandleAsync(ResolveDisputeCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var admin = await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.AdminId, ct);
        if (admin is null || !admin.Has(PartyRole.Admin))
        {
            // The booking's parties may know it exists; to anyone else it does not.
            var party = await db.Bookings.AsNoTracking()
                .AnyAsync(b => b.Id == command.BookingId && (b.ShipperId == command.AdminId || b.CarrierId == command.AdminId), ct);
            return Error.Of(party ? "errors.forbidden" : "errors.not_found");
        }

        return await Conflicts.RetryAsync(db, async token =>
        {
            var escrow = await EscrowSteps.FindOrOpenAsync(db, command.BookingId, EscrowOptions.Default, clock, token);
            if (escrow is null)
            {
                return Error.Of("errors.not_found");
            }

            if (command.CarrierShare is not { } share)
            {
                return Error.Of("errors.escrow.share_invalid", ("max", escrow.Held.ToString()));
            }

            var resolved = escrow.Resolve(share, clock);
            if (!resolved.IsSuccess)
            {
                return resolved.Error;
            }

            var settled = await EscrowSteps.SettleAsync(db, gazetteer, escrow, clock, token);
            return settled.IsSuccess ? EscrowView.Of(escrow) : Result<EscrowView>.Failure(settled.Error);
        }, ct);
    }
}
