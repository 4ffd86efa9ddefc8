using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Escrow;

namespace PakLoad.Core.Payouts;

public enum PayoutDecision
{
    Approve,
    Reject,
    MarkPaid,
    MarkFailed,
}

/// <summary>
/// The back office moves a payout: approve or reject a request, then mark an approved one paid (with the bank's
/// reference: the money leaves the ledger to the bank) or failed (the money returns to the carrier's balance).
/// </summary>
public sealed record DecidePayoutCommand(PartyId AdminId, PayoutId PayoutId, PayoutDecision Decision, string? BankReference = null);

public sealed class DecidePayoutHandler(IPakLoadDb db, TimeProvider clock)
{
    public async Task<Result<PayoutView>> HandleAsync(DecidePayoutCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await PayoutSteps.AdminAsync(db, command.AdminId, ct) is null)
        {
            // The carrier may know their own payout exists; to anyone else it does not.
            var own = await db.Payouts.AsNoTracking().AnyAsync(p => p.Id == command.PayoutId && p.CarrierId == command.AdminId, ct);
            return Error.Of(own ? "errors.forbidden" : "errors.not_found");
        }

        return await Conflicts.RetryAsync<PayoutView>(db, async token =>
        {
            var payout = await db.Payouts.SingleOrDefaultAsync(p => p.Id == command.PayoutId, token);
            if (payout is null)
            {
                return Error.Of("errors.not_found");
            }

            var moved = command.Decision switch
            {
                PayoutDecision.Approve => payout.Approve(command.AdminId, clock),
                PayoutDecision.Reject => payout.Reject(command.AdminId, clock),
                PayoutDecision.MarkPaid => payout.MarkPaid(command.AdminId, command.BankReference, clock),
                PayoutDecision.MarkFailed => payout.MarkFailed(command.AdminId, clock),
            };
            if (!moved.IsSuccess)
            {
                return moved.Error;
            }

            var pending = AccountSpec.CarrierPayouts(payout.CarrierId);
            var (posting, template) = payout.Status switch
            {
                PayoutStatus.Paid => (Posting.Transfer($"payout:{payout.Id}:paid", LedgerTransactionKind.PayoutPaid, null, pending, PayoutSteps.BankClearing, payout.Amount),
                    "notifications.money.payout_paid"),
                PayoutStatus.Failed or PayoutStatus.Rejected => (Posting.Transfer(
                    $"payout:{payout.Id}:returned", LedgerTransactionKind.PayoutFailed, null, pending, AccountSpec.CarrierPayable(payout.CarrierId), payout.Amount),
                    "notifications.money.payout_failed"),
                _ => ((Posting?)null, (string?)null),
            };
            if (posting is not null)
            {
                var staged = await Ledger.StageAsync(db, posting, clock, token);
                if (!staged.IsSuccess)
                {
                    return staged.Error;
                }

                await PayoutSteps.NotifyAsync(db, clock, payout, template!, posting.IdempotencyKey, token);
            }

            return PayoutView.Of(payout);
        }, ct);
    }
}
