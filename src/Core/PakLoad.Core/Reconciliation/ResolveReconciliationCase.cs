using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Escrow;

namespace PakLoad.Core.Reconciliation;

/// <summary>Admin: close a case with a note saying what was found or done (a correction is its own ledger posting).</summary>
public sealed record ResolveReconciliationCaseCommand(PartyId AdminId, ReconciliationCaseId CaseId, string? Note);

public sealed class ResolveReconciliationCaseHandler(IPakLoadDb db, TimeProvider clock)
{
    public async Task<Result<ReconciliationCaseView>> HandleAsync(ResolveReconciliationCaseCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!await ReconciliationAccess.IsAdminAsync(db, command.AdminId, ct))
        {
            return Error.Of("errors.not_found");
        }

        return await Conflicts.RetryAsync<ReconciliationCaseView>(db, async token =>
        {
            var found = await db.ReconciliationCases.SingleOrDefaultAsync(c => c.Id == command.CaseId, token);
            if (found is null)
            {
                return Error.Of("errors.not_found");
            }

            var resolved = found.Resolve(command.AdminId, command.Note, clock);
            return resolved.IsSuccess ? ReconciliationCaseView.Of(found) : resolved.Error!;
        }, ct);
    }
}
