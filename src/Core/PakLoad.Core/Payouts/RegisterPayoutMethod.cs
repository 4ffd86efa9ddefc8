using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;

namespace PakLoad.Core.Payouts;

/// <summary>A carrier says where to be paid: an IBAN (checked with mod-97) or a Raast/wallet mobile number.</summary>
public sealed record RegisterPayoutMethodCommand(PartyId ActorId, PayoutMethodKind Kind, string? Destination, string? AccountTitle);

public sealed record PayoutMethodView(PayoutMethodKind Kind, string Destination, string AccountTitle, DateTimeOffset UpdatedAt)
{
    public static PayoutMethodView Of(PayoutMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return new PayoutMethodView(method.Kind, method.Destination, method.AccountTitle, method.UpdatedAt);
    }
}

public sealed class RegisterPayoutMethodHandler(IPakLoadDb db, TimeProvider clock)
{
    public async Task<Result<PayoutMethodView>> HandleAsync(RegisterPayoutMethodCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var actor = await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.ActorId, ct);
        if (actor is null || !actor.Has(PartyRole.Carrier))
        {
            return Error.Of("errors.forbidden");
        }

        var method = PayoutMethod.Create(actor.Id, command.Kind, command.Destination, command.AccountTitle, clock);
        if (!method.IsSuccess)
        {
            return method.Error;
        }

        var existing = await db.PayoutMethods.SingleOrDefaultAsync(m => m.CarrierId == actor.Id, ct);
        if (existing is null)
        {
            db.PayoutMethods.Add(method.Value);
        }
        else
        {
            existing.ReplaceWith(method.Value);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (db.IsConflict(ex))
        {
            db.DiscardChanges();
            return Error.Of("errors.conflict");
        }

        return PayoutMethodView.Of(existing ?? method.Value);
    }
}
