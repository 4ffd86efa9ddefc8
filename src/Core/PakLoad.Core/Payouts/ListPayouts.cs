using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;

namespace PakLoad.Core.Payouts;

/// <summary>A carrier's own payouts; for an admin, everyone's (optionally by status).</summary>
public sealed record ListPayoutsQuery(PartyId ActorId, PayoutStatus? Status = null, int Page = 1, int PageSize = Paging.DefaultPageSize);

public sealed class ListPayoutsHandler(IPakLoadDb db)
{
    public async Task<Result<Paged<PayoutView>>> HandleAsync(ListPayoutsQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var isAdmin = await PayoutSteps.AdminAsync(db, query.ActorId, ct) is not null;
        var rows = db.Payouts.AsNoTracking().Where(p => isAdmin || p.CarrierId == query.ActorId);
        if (query.Status is { } status)
        {
            rows = rows.Where(p => p.Status == status);
        }

        return await rows.OrderByDescending(p => p.RequestedAt).ThenBy(p => p.Id).ToPagedAsync(query.Page, query.PageSize, PayoutView.Of, ct);
    }
}

/// <summary>
/// The bank transfer file of approved payouts, as CSV for the bank's bulk upload (one row per payout; IBAN rows
/// for IBFT, mobile rows for Raast/wallet). Exporting changes nothing: payouts are marked paid one by one with
/// the bank's reference, so a file exported twice cannot pay twice through PakLoad's books.
/// </summary>
public sealed record ExportPayoutFileQuery(PartyId AdminId);

public sealed class ExportPayoutFileHandler(IPakLoadDb db)
{
    public async Task<Result<string>> HandleAsync(ExportPayoutFileQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (await PayoutSteps.AdminAsync(db, query.AdminId, ct) is null)
        {
            return Error.Of("errors.forbidden");
        }

        var approved = await db.Payouts.AsNoTracking().Where(p => p.Status == PayoutStatus.Approved).OrderBy(p => p.RequestedAt).ToListAsync(ct);
        var csv = new StringBuilder("payout_id,method,destination,account_title,amount_pkr,narration\r\n");
        foreach (var p in approved)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{p.Id},{p.MethodKind},{p.Destination},{Field(p.AccountTitle)},")
               .Append((p.Amount.Paisa / 100m).ToString("0.00", CultureInfo.InvariantCulture))
               .Append(CultureInfo.InvariantCulture, $",PakLoad payout {p.Id.Value.ToString("N", CultureInfo.InvariantCulture)[..12]}\r\n");
        }

        return csv.ToString();
    }

    /// <summary>RFC 4180 quoting, and a leading quote mark against formula injection when a spreadsheet opens it.</summary>
    private static string Field(string value)
    {
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
