using PakLoad.Core.Common;

namespace PakLoad.Core.Escrow;

/// <summary>
/// Posts one ledger transaction on its own: the building block of the money steps, the benchmark, and the
/// concurrency tests. The same key twice is one transaction; the second call answers AlreadyPosted.
/// </summary>
public sealed record TransferFundsCommand(Posting Posting);

public sealed class TransferFundsHandler(IPakLoadDb db, TimeProvider clock)
{
    public Task<Result<PostOutcome>> HandleAsync(TransferFundsCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Conflicts.RetryAsync(db, token => Ledger.StageAsync(db, command.Posting, clock, token), ct);
    }
}
