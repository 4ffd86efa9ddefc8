using PakLoad.Core.Capacity;
using PakLoad.Core.Loads;
using PakLoad.Core.Places;
using PakLoad.Core.Tests.Loads;

namespace PakLoad.Core.Tests.Capacity;

public sealed class CapacityPostTests
{
    private static readonly PlaceId Karachi = new("karachi");

    [Fact]
    public void Post_ValidTruck_IsOpenForThreeDaysFromItsFirstDayInKarachiTime()
    {
        var clock = TestLoads.Clock();

        var post = CapacityPost.Post(
            TestLoads.Carrier, TestLoads.Vehicle("22-wheeler"), null, TestLoads.City("lahore"), TestLoads.Today.AddDays(1), Karachi, clock).ValueOrThrow();

        Assert.Equal((CapacityStatus.Open, TestLoads.Carrier, "lahore", (PlaceId?)Karachi), (post.Status, post.CarrierId, post.EmptyAtCity.Value, post.WantedDestination));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 19, 0, 0, TimeSpan.Zero), post.ExpiresAt); // end of the 28th in Karachi
        Assert.Equal(TimeSpan.Zero, post.ExpiresAt.Offset);
        Assert.True(post.IsOwnedBy(TestLoads.Carrier));
        Assert.False(post.IsOwnedBy(TestLoads.OtherCarrier));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(Load.MaxPickupDaysAhead, true)]
    [InlineData(Load.MaxPickupDaysAhead + 1, false)]
    public void Post_AvailableFrom_MustBeTodayToSixtyDaysAhead(int days, bool accepted)
    {
        var result = CapacityPost.Post(
            TestLoads.Carrier, TestLoads.Vehicle("mazda"), null, TestLoads.City("lahore"), TestLoads.Today.AddDays(days), null, TestLoads.Clock());

        Assert.Equal(accepted ? null : "errors.capacity.date_invalid", result.Error?.Key);
    }

    [Fact]
    public void Post_AfterMidnightInKarachiButNotInUtc_YesterdayIsRefused()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 20, 0, 0, TimeSpan.Zero));

        var result = CapacityPost.Post(TestLoads.Carrier, TestLoads.Vehicle("mazda"), null, TestLoads.City("lahore"), new DateOnly(2026, 11, 25), null, clock);

        Assert.Equal("errors.capacity.date_invalid", result.Error?.Key);
    }

    [Fact]
    public void Post_ImpossiblePin_IsRefused()
    {
        var at = new LoadPoint(new PlaceId("lahore"), new GeoPoint(120, 74));

        var result = CapacityPost.Post(TestLoads.Carrier, TestLoads.Vehicle("mazda"), null, at, TestLoads.Today, null, TestLoads.Clock());

        Assert.Equal("errors.load.location_invalid", result.Error?.Key);
    }

    [Fact]
    public void Close_Twice_SecondIsRefused()
    {
        var post = CapacityPost.Post(TestLoads.Carrier, TestLoads.Vehicle("mazda"), null, TestLoads.City("lahore"), TestLoads.Today, null, TestLoads.Clock()).ValueOrThrow();

        var first = post.Close(TestLoads.Clock());
        var second = post.Close(TestLoads.Clock());

        Assert.True(first.IsSuccess);
        Assert.Equal("errors.capacity.not_open", second.Error?.Key);
        Assert.Equal((CapacityStatus.Closed, 1), (post.Status, post.Version));
    }

    [Fact]
    public void Expire_BeforeAndAfterItsLastDay_OnlyAfterExpires()
    {
        var clock = TestLoads.Clock();
        var post = CapacityPost.Post(TestLoads.Carrier, TestLoads.Vehicle("mazda"), null, TestLoads.City("lahore"), TestLoads.Today, null, clock).ValueOrThrow();
        clock.SetUtcNow(post.ExpiresAt.AddTicks(-1));
        var early = post.Expire(clock);
        clock.SetUtcNow(post.ExpiresAt);

        var due = post.Expire(clock);

        Assert.Equal("errors.capacity.not_open", early.Error?.Key);
        Assert.True(due.IsSuccess);
        Assert.Equal(CapacityStatus.Expired, post.Status);
    }
}
