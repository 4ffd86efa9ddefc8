using PakLoad.Core.Common;

namespace PakLoad.Core.DeadLetters;

/// <summary>
/// Admin: stop showing a dead letter. The row is kept, marked discarded with the admin's id and the time; discarding
/// it again changes nothing; a row that is not dead is refused (errors.dead_letter.not_dead).
/// </summary>
public sealed record DiscardDeadLetterCommand(PartyId AdminId, string? Direction, long Id);

public sealed class DiscardDeadLetterHandler(IPakLoadDb db, IDeadLetterBox box, TimeProvider clock)
{
    public async Task<Result<DeadLetterActionResult>> HandleAsync(DiscardDeadLetterCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!await DeadLetterRules.IsAdminAsync(db, command.AdminId, ct))
        {
            return Error.Of("errors.forbidden");
        }

        if (DeadLetterRules.ParseDirection(command.Direction) is not { IsSuccess: true, Value: { } direction })
        {
            return Error.Of("errors.dead_letter.direction_invalid");
        }

        return DeadLetterRules.Outcome(await box.DiscardAsync(direction, command.Id, command.AdminId, clock.GetUtcNow(), ct), direction, command.Id);
    }
}
