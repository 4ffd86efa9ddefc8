using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Payments;

namespace PakLoad.Core.Reconciliation;

/// <summary>What a settlement line is about.</summary>
public enum SettlementLineKind
{
    /// <summary>Money in from a payer: matched against the ledger's funding of that payment.</summary>
    Payment,

    /// <summary>Money back to a payer: matched against the refund's "paid" posting.</summary>
    Refund,

    /// <summary>Money out to a carrier (bank or wallet file): matched against the payout marked paid with that reference.</summary>
    Payout,

    /// <summary>The provider paying its balance into our own bank account (Stripe's "payout"): reported, summed, not diffed.</summary>
    Sweep,
}

/// <summary>
/// One line of a provider's settlement report. <see cref="Reference"/> is the provider's id of the payment, refund
/// or payout (the one we store as ProviderRef or BankReference); amounts are positive paisa.
/// </summary>
public sealed record SettlementLine(string Reference, SettlementLineKind Kind, Money Gross, Money Fee, Money Net, string Currency, DateTimeOffset At);

/// <summary>A provider's account of one settlement day (a Pakistani calendar day, Asia/Karachi).</summary>
public sealed record SettlementReport(string Provider, DateOnly Day, IReadOnlyList<SettlementLine> Lines)
{
    public const string Pkr = "pkr";
}

/// <summary>Where a provider's settlement report comes from: its API, its own records, or a file someone uploads.</summary>
public interface ISettlementSource
{
    string Provider { get; }

    Task<Result<SettlementReport>> FetchAsync(DateOnly day, CancellationToken ct);
}

/// <summary>The settlement sources this host has, by provider name.</summary>
public sealed class SettlementSources(IEnumerable<ISettlementSource> sources)
{
    private readonly Dictionary<string, ISettlementSource> _byName = sources.ToDictionary(s => s.Provider, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Providers => _byName.Keys;

    public Result<ISettlementSource> Get(string provider) =>
        _byName.TryGetValue(provider, out var source)
            ? Result<ISettlementSource>.Success(source)
            : Error.Of("errors.reconciliation.provider_unknown", ("provider", provider));
}

/// <summary>
/// The sandbox provider's settlement report, from its own records: the outcome events it emitted (stored in
/// payment_events when applied, ids from <see cref="SandboxPaymentProvider.EventId"/>) for the day, with the amounts of the payments and refunds they name. The ledger
/// is not read, so a posting lost or doubled on our side shows up as a difference.
/// </summary>
public sealed class SandboxSettlementSource(IPakLoadDb db) : ISettlementSource
{
    public string Provider => SandboxPaymentProvider.ProviderName;

    public async Task<Result<SettlementReport>> FetchAsync(DateOnly day, CancellationToken ct)
    {
        var (from, to) = (PakistanTime.StartOf(day).ToUniversalTime(), PakistanTime.EndOf(day).ToUniversalTime());
        const string provider = SandboxPaymentProvider.ProviderName;
        var events = await db.PaymentEvents.AsNoTracking()
            .Where(e => e.Provider == provider && e.ReceivedAt >= from && e.ReceivedAt < to
                        && (e.Kind == nameof(PaymentEventKind.PaymentSucceeded) || e.Kind == nameof(PaymentEventKind.RefundSucceeded)))
            .ToListAsync(ct);

        var ids = events.Select(e => SandboxPaymentProvider.OurIdOf(e.EventId)).OfType<Guid>().ToList();
        var paymentIds = ids.Select(PaymentId.From).ToList();
        var refundIds = ids.Select(PaymentRefundId.From).ToList();
        var payments = await db.Payments.AsNoTracking().Where(p => p.Provider == provider && paymentIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id.Value, ct);
        var refunds = await db.PaymentRefunds.AsNoTracking().Where(r => r.Provider == provider && refundIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id.Value, ct);

        var lines = new List<SettlementLine>();
        foreach (var e in events.OrderBy(e => e.ReceivedAt))
        {
            if (SandboxPaymentProvider.OurIdOf(e.EventId) is not { } id)
            {
                continue;
            }

            if (e.Kind == nameof(PaymentEventKind.PaymentSucceeded) && payments.TryGetValue(id, out var p))
            {
                lines.Add(new SettlementLine(p.ProviderRef ?? id.ToString(), SettlementLineKind.Payment, p.Amount, Money.Zero, p.Amount, SettlementReport.Pkr, e.ReceivedAt));
            }
            else if (e.Kind == nameof(PaymentEventKind.RefundSucceeded) && refunds.TryGetValue(id, out var r))
            {
                lines.Add(new SettlementLine(r.ProviderRef ?? id.ToString(), SettlementLineKind.Refund, r.Amount, Money.Zero, r.Amount, SettlementReport.Pkr, e.ReceivedAt));
            }
        }

        return new SettlementReport(provider, day, lines);
    }
}
