using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Common;
using PakLoad.Core.Ratings;

namespace PakLoad.Core.Tests.Ratings;

public sealed class RatingTests
{
    private static readonly BookingId Booking = BookingId.From(Guid.Parse("0193f6a0-0000-7000-8000-0000000000b1"));
    private static readonly PartyId Shipper = PartyId.From(Guid.Parse("0193f6a0-0000-7000-8000-000000000001"));
    private static readonly PartyId Carrier = PartyId.From(Guid.Parse("0193f6a0-0000-7000-8000-000000000002"));

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Give_StarsOneToFive_IsRecorded(int stars)
    {
        var result = Rating.Give(Booking, Shipper, Carrier, stars, null, _clock);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal((Booking, Shipper, Carrier, stars, _clock.GetUtcNow()), (result.Value.BookingId, result.Value.FromPartyId, result.Value.ToPartyId, result.Value.Stars, result.Value.CreatedAt));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    [InlineData(10)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Give_StarsOutsideOneToFive_IsRefused(int stars)
    {
        Assert.Equal("errors.rating.stars_invalid", Rating.Give(Booking, Shipper, Carrier, stars, null, _clock).Error?.Key);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData("  On time, careful driver. ", "On time, careful driver.")]
    [InlineData("وقت پر پہنچا، شکریہ", "وقت پر پہنچا، شکریہ")]
    [InlineData("Maal theek pohncha", "Maal theek pohncha")]
    public void Give_Comment_IsTrimmedAndBlankBecomesNone(string? comment, string? expected)
    {
        var result = Rating.Give(Booking, Shipper, Carrier, 4, comment, _clock);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(expected, result.Value.Comment);
    }

    [Fact]
    public void Give_CommentAtTheLimit_IsAccepted()
    {
        var comment = new string('a', Rating.MaxCommentLength);

        Assert.Equal(comment, Rating.Give(Booking, Shipper, Carrier, 5, $"  {comment}  ", _clock).Value?.Comment);
    }

    [Theory]
    [InlineData(281)]
    [InlineData(1000)]
    public void Give_CommentOverTheLimit_IsRefusedWithTheLimit(int length)
    {
        var result = Rating.Give(Booking, Shipper, Carrier, 5, new string('a', length), _clock);

        Assert.Equal("errors.rating.comment_invalid(max=280)", result.Error?.ToString());
    }

    [Theory]
    [InlineData("good\u0000driver")]
    [InlineData("line\nbreak")]
    [InlineData("bell\u0007")]
    public void Give_CommentWithControlCharacters_IsRefused(string comment)
    {
        Assert.Equal("errors.rating.comment_invalid", Rating.Give(Booking, Shipper, Carrier, 3, comment, _clock).Error?.Key);
    }
}
