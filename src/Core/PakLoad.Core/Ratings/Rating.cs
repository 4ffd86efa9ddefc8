using PakLoad.Core.Common;

namespace PakLoad.Core.Ratings;

/// <summary>One party's stars for the other after a completed trip; one per booking per rater.</summary>
public sealed class Rating
{
    public const int MaxCommentLength = 280;

    private Rating()
    {
    }

    public RatingId Id { get; private set; }

    public BookingId BookingId { get; private set; }

    public PartyId FromPartyId { get; private set; }

    public PartyId ToPartyId { get; private set; }

    public int Stars { get; private set; }

    public string? Comment { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Result<Rating> Give(BookingId booking, PartyId from, PartyId to, int stars, string? comment, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (stars is < 1 or > 5)
        {
            return Error.Of("errors.rating.stars_invalid");
        }

        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (text is { Length: > MaxCommentLength } || (text?.Any(char.IsControl) ?? false))
        {
            return Error.Of("errors.rating.comment_invalid", ("max", MaxCommentLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new Rating
        {
            Id = RatingId.New(clock),
            BookingId = booking,
            FromPartyId = from,
            ToPartyId = to,
            Stars = stars,
            Comment = text,
            CreatedAt = clock.GetUtcNow(),
        };
    }
}
