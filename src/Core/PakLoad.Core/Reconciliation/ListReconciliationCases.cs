using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;

namespace PakLoad.Core.Reconciliation;

/// <summary>Admin: reconciliation cases, open ones by default, newest day first; optionally of one provider.</summary>
public sealed record ListReconciliationCasesQuery(
    PartyId AdminId, CaseStatus? Status = CaseStatus.Open, string? Provider = null, int Page = 1, int PageSize = Paging.DefaultPageSize);

public sealed class ListReconciliationCasesHandler(IPakLoadDb db)
{
    public async Task<Result<Paged<ReconciliationCaseView>>> HandleAsync(ListReconciliationCasesQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!await ReconciliationAccess.IsAdminAsync(db, query.AdminId, ct))
        {
            return Error.Of("errors.not_found");
        }

        var rows = db.ReconciliationCases.AsNoTracking();
        if (query.Status is { } status)
        {
            rows = rows.Where(c => c.Status == status);
        }

        if (!string.IsNullOrEmpty(query.Provider))
        {
            rows = rows.Where(c => c.Provider == query.Provider);
        }

        return await rows.OrderByDescending(c => c.Day).ThenBy(c => c.Key).ToPagedAsync(query.Page, query.PageSize, ReconciliationCaseView.Of, ct);
    }
}

/// <summary>Also for starting a run or uploading a file from the API: only admins see reconciliation at all.</summary>
public static class ReconciliationAccess
{
    public static async Task<bool> IsAdminAsync(IPakLoadDb db, PartyId id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var party = await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        return party is not null && party.Has(PartyRole.Admin);
    }
}
