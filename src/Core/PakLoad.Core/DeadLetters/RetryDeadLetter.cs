using PakLoad.Core.Common;

namespace PakLoad.Core.DeadLetters;

/// <summary>
/// Admin: put a dead letter back as pending with its attempts reset, so its worker takes it again. Retrying a row
/// that is already pending changes nothing; a row answered, sent or discarded is refused (errors.dead_letter.not_dead).
/// </summary>
public sealed record RetryDeadLetterCommand(PartyId AdminId, string? Direction, long Id);

public sealed class RetryDeadLetterHandler(IPakLoadDb db, IDeadLetterBox box)
{
    public async Task<Result<DeadLetterActionResult>> HandleAsync(RetryDeadLetterCommand command, CancellationToken ct)
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

        return DeadLetterRules.Outcome(await box.RetryAsync(direction, command.Id, ct), direction, command.Id);
    }
}
