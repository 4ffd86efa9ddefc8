using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;

namespace PakLoad.Core.Capacity;

/// <summary>The carrier found a load (or changed plans): the empty-truck post leaves the board.</summary>
public sealed record CloseEmptyTruckCommand(PartyId ActorId, CapacityPostId PostId);

public sealed class CloseEmptyTruckHandler(IPakLoadDb db, TimeProvider clock)
{
    public async Task<Result<EmptyTruckView>> HandleAsync(CloseEmptyTruckCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var post = await db.CapacityPosts.SingleOrDefaultAsync(c => c.Id == command.PostId, ct);
        if (post is null || !post.IsOwnedBy(command.ActorId))
        {
            return Error.Of("errors.not_found");
        }

        var closed = post.Close(clock);
        if (!closed.IsSuccess)
        {
            return closed.Error;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (db.IsConflict(ex))
        {
            db.DiscardChanges();
            return Error.Of("errors.conflict");
        }

        return EmptyTruckView.Of(post);
    }
}
