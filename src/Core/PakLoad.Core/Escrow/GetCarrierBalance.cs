using PakLoad.Core.Common;

namespace PakLoad.Core.Escrow;

/// <summary>What a carrier can ask to be paid now, and what is already on its way to their account.</summary>
public sealed record CarrierBalance(PartyId CarrierId, Money Payable, Money PayoutsPending);

/// <summary>"My balance": the caller's own payable and pending payout balances (zero for anyone with none).</summary>
public sealed record GetCarrierBalanceQuery(PartyId ActorId);

public sealed class GetCarrierBalanceHandler(IPakLoadDb db)
{
    public async Task<Result<CarrierBalance>> HandleAsync(GetCarrierBalanceQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new CarrierBalance(
            query.ActorId,
            await Ledger.BalanceAsync(db, AccountSpec.CarrierPayable(query.ActorId), ct),
            await Ledger.BalanceAsync(db, AccountSpec.CarrierPayouts(query.ActorId), ct));
    }
}
