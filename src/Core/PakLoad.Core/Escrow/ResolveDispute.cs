using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;

namespace PakLoad.Core.Escrow;

/// <summary>An admin settles a dispute: <see cref="CarrierShare"/> of what escrow holds to the carrier, the rest to the shipper.</summary>
public sealed record ResolveDisputeCommand(PartyId AdminId, BookingId BookingId, Money CarrierShare);

public sealed class ResolveDisputeHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer)
{
    public async Task<Result<EscrowView>> HandleAsync(ResolveDisputeCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var admin = await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.AdminId, ct);
        if (admin is null || !admin.Has(PartyRole.Admin))
        {
            return Error.Of("errors.forbidden");
        }

        return await Conflicts.RetryAsync(db, async token =>
        {
            var escrow = await EscrowSteps.FindOrOpenAsync(db, command.BookingId, EscrowOptions.Default, clock, token);
            if (escrow is null)
            {
                return Error.Of("errors.not_found");
            }

            var resolved = escrow.Resolve(command.CarrierShare, clock);
            if (!resolved.IsSuccess)
            {
                return resolved.Error;
            }

            var settled = await EscrowSteps.SettleAsync(db, gazetteer, escrow, clock, token);
            return settled.IsSuccess ? EscrowView.Of(escrow) : Result<EscrowView>.Failure(settled.Error);
        }, ct);
    }
}
