using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;

namespace PakLoad.Core.DeadLetters;

/// <summary>
/// Admin: the inbound messages and outbound sends the channel workers gave up on, newest first. <see cref="Direction"/>
/// ("inbound", "outbound") and <see cref="Channel"/> ("whatsapp", "sms", "ussd") filter when given.
/// </summary>
public sealed record ListDeadLettersQuery(PartyId AdminId, string? Direction = null, string? Channel = null, int Page = 1, int PageSize = Paging.DefaultPageSize);

public sealed class ListDeadLettersHandler(IPakLoadDb db, IDeadLetterBox box)
{
    public async Task<Result<Paged<DeadLetterView>>> HandleAsync(ListDeadLettersQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!await DeadLetterRules.IsAdminAsync(db, query.AdminId, ct))
        {
            return Error.Of("errors.forbidden");
        }

        var direction = DeadLetterRules.ParseDirection(query.Direction);
        if (!direction.IsSuccess)
        {
            return direction.Error;
        }

        var channel = DeadLetterRules.ParseChannel(query.Channel);
        if (!channel.IsSuccess)
        {
            return channel.Error;
        }

        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        return await box.ListAsync(direction.Value, channel.Value, page, size, ct);
    }
}

internal static class DeadLetterRules
{
    public static async Task<bool> IsAdminAsync(IPakLoadDb db, PartyId id, CancellationToken ct)
    {
        // The token's role claim may be minutes old: the database says who is an admin now.
        var party = await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        return party is not null && party.Has(PartyRole.Admin);
    }

    /// <summary>Null or empty: both directions.</summary>
    public static Result<DeadLetterDirection?> ParseDirection(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => (DeadLetterDirection?)null,
        "inbound" => DeadLetterDirection.Inbound,
        "outbound" => DeadLetterDirection.Outbound,
        _ => Error.Of("errors.dead_letter.direction_invalid"),
    };

    /// <summary>Null or empty: every channel. Only the channels that have an inbox or an outbound table.</summary>
    public static Result<Channel?> ParseChannel(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => (Channel?)null,
        "whatsapp" => Channel.WhatsApp,
        "sms" => Channel.Sms,
        "ussd" => Channel.Ussd,
        _ => Error.Of("errors.dead_letter.channel_invalid"),
    };

    public static Result<DeadLetterActionResult> Outcome(DeadLetterChange change, DeadLetterDirection direction, long id) => change switch
    {
        DeadLetterChange.Changed => new DeadLetterActionResult(id, direction, Changed: true),
        DeadLetterChange.Already => new DeadLetterActionResult(id, direction, Changed: false),
        DeadLetterChange.NotDead => Error.Of("errors.dead_letter.not_dead"),
        DeadLetterChange.NotFound => Error.Of("errors.not_found"),
    };
}
