using PakLoad.Core.Common;
using PakLoad.Core.Notifications;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;

namespace PakLoad.Core.Loads;

/// <summary>An outbox message about a load: its route, and an amount when there is one, in the recipient's language.</summary>
internal static class LoadNotice
{
    public static OutboxMessage To(
        Party recipient, Load load, string templateKey, string dedupeKey, Gazetteer gazetteer, TimeProvider clock, Money? amount = null)
    {
        var route = ("route", Routes.Describe(gazetteer, load, recipient.Language));
        return amount is { } money
            ? OutboxMessage.To(recipient, templateKey, dedupeKey, clock, route, ("amount", money.Format(recipient.Language)))
            : OutboxMessage.To(recipient, templateKey, dedupeKey, clock, route);
    }
}
