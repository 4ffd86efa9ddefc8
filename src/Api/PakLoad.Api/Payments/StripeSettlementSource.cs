using PakLoad.Core.Common;
using PakLoad.Core.Reconciliation;
using Stripe;

namespace PakLoad.Api.Payments;

/// <summary>
/// Stripe's settlement report for a Pakistani day: the balance transactions created in it (GET /v1/balance_transactions,
/// created[gte]/created[lt], every page, with data.source expanded so a charge names its PaymentIntent, which is
/// our ProviderRef). charge/payment → Payment, refund/payment_refund → Refund, payout (Stripe paying our bank) →
/// Sweep; a refund_failure cancels its refund when both fall on the day; fees, adjustments and other types are not
/// lines. Amounts are in the currency's smallest unit; PKR is
/// a two-decimal currency on Stripe (it is not on the zero-decimal list), so Stripe's minor unit is the paisa.
/// </summary>
public sealed class StripeSettlementSource(StripeClient client) : ISettlementSource
{
    public string Provider => StripePaymentProvider.ProviderName;

    public async Task<Result<SettlementReport>> FetchAsync(DateOnly day, CancellationToken ct)
    {
        var options = new BalanceTransactionListOptions
        {
            Created = new DateRangeOptions { GreaterThanOrEqual = PakistanTime.StartOf(day).UtcDateTime, LessThan = PakistanTime.EndOf(day).UtcDateTime },
            Limit = 100,
            Expand = ["data.source"],
        };
        var lines = new List<SettlementLine>();
        var failedRefunds = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var bt in new BalanceTransactionService(client).ListAutoPagingAsync(options, null, ct))
            {
                if (bt.Type == "refund_failure" && bt.SourceId is { } refund)
                {
                    failedRefunds.Add(refund);
                }
                else if (Line(bt) is { } line)
                {
                    lines.Add(line);
                }
            }
        }
        catch (StripeException)
        {
            return Error.Of("errors.reconciliation.report_unavailable", ("provider", Provider));
        }

        // A refund that failed the same day gave its money back: neither it nor its reversal is money that moved.
        return new SettlementReport(Provider, day, lines.Where(l => l.Kind != SettlementLineKind.Refund || !failedRefunds.Contains(l.Reference)).ToList());
    }

    private static SettlementLine? Line(BalanceTransaction bt)
    {
        SettlementLineKind? kind = bt.Type switch
        {
            "charge" or "payment" => SettlementLineKind.Payment,
            "refund" or "payment_refund" => SettlementLineKind.Refund,
            "payout" => SettlementLineKind.Sweep,
            _ => null,
        };
        if (kind is null)
        {
            return null;
        }

        var reference = bt.Source switch
        {
            Charge charge when !string.IsNullOrEmpty(charge.PaymentIntentId) => charge.PaymentIntentId,
            _ => bt.SourceId ?? bt.Id,
        };
        var currency = (bt.Currency ?? string.Empty).ToLowerInvariant();
        return new SettlementLine(
            reference, kind.Value, Minor(bt.Amount), Minor(bt.Fee), Minor(bt.Net), currency, new DateTimeOffset(DateTime.SpecifyKind(bt.Created, DateTimeKind.Utc)));
    }

    /// <summary>Stripe signs amounts by direction (a refund is negative); a line carries its size, the kind says the direction.</summary>
    private static Money Minor(long amount) => new(Math.Abs(amount));
}
