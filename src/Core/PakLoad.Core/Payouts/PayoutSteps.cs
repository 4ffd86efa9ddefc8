using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Escrow;
using PakLoad.Core.Notifications;
using PakLoad.Core.Parties;

namespace PakLoad.Core.Payouts;

internal static class PayoutSteps
{
    /// <summary>The bank (or Raast/wallet) rail the payout file is paid through: it mirrors money outside, so it may go negative.</summary>
    public static readonly AccountSpec BankClearing = AccountSpec.Clearing("bank");

    public static async Task<Party?> AdminAsync(IPakLoadDb db, PartyId id, CancellationToken ct)
    {
        var party = await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        return party is not null && party.Has(PartyRole.Admin) ? party : null;
    }

    public static async Task NotifyAsync(IPakLoadDb db, TimeProvider clock, Payout payout, string template, string key, CancellationToken ct)
    {
        var carrier = await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == payout.CarrierId, ct);
        if (carrier is null)
        {
            return;
        }

        db.Outbox.Add(OutboxMessage.To(
            carrier, template, $"money:{key}:{carrier.Id}", clock,
            ("amount", payout.Amount.Format(carrier.Language)), ("reference", payout.BankReference ?? string.Empty)));
    }
}
