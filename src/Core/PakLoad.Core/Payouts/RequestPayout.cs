using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Escrow;

namespace PakLoad.Core.Payouts;

/// <summary>"Request payout": the carrier asks for <see cref="Amount"/> (all of it when null) of their payable balance.</summary>
public sealed record RequestPayoutCommand(PartyId ActorId, Money? Amount = null);

public sealed record PayoutView(
    PayoutId Id, PartyId CarrierId, Money Amount, PayoutMethodKind MethodKind, string Destination, string AccountTitle,
    PayoutStatus Status, string? BankReference, DateTimeOffset RequestedAt, DateTimeOffset UpdatedAt)
{
    public static PayoutView Of(Payout payout)
    {
        ArgumentNullException.ThrowIfNull(payout);
        return new PayoutView(
            payout.Id, payout.CarrierId, payout.Amount, payout.MethodKind, payout.Destination, payout.AccountTitle,
            payout.Status, payout.BankReference, payout.RequestedAt, payout.UpdatedAt);
    }
}

public sealed class RequestPayoutHandler(IPakLoadDb db, TimeProvider clock)
{
    public Task<Result<PayoutView>> HandleAsync(RequestPayoutCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Conflicts.RetryAsync<PayoutView>(db, async token =>
        {
            var method = await db.PayoutMethods.AsNoTracking().SingleOrDefaultAsync(m => m.CarrierId == command.ActorId, token);
            if (method is null)
            {
                return Error.Of("errors.payout.no_method");
            }

            var payable = AccountSpec.CarrierPayable(command.ActorId);
            var balance = await Ledger.BalanceAsync(db, payable, token);
            var amount = command.Amount ?? balance;
            if (amount <= Money.Zero || amount > balance)
            {
                return Error.Of("errors.payout.amount_invalid", ("max", balance.ToString()));
            }

            // The money leaves "payable" now, so the same balance cannot be asked for twice.
            var payout = Payout.Request(method, amount, clock);
            db.Payouts.Add(payout);
            var key = $"payout:{payout.Id}:requested";
            var staged = await Ledger.StageAsync(
                db, Posting.Transfer(key, LedgerTransactionKind.PayoutRequested, null, payable, AccountSpec.CarrierPayouts(command.ActorId), amount), clock, token);
            if (!staged.IsSuccess)
            {
                return staged.Error;
            }

            await PayoutSteps.NotifyAsync(db, clock, payout, "notifications.money.payout_requested", key, token);
            return PayoutView.Of(payout);
        }, ct);
    }
}
