using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Trips;

namespace PakLoad.Core.Tests.Trips;

public sealed class TripDeliveryTests
{
    private readonly FakeTimeProvider _clock = new(TestTrips.Start);

    [Fact]
    public void Deliver_RightCode_MovesToDelivered()
    {
        var (trip, code) = TestTrips.At(TripStatus.Arrived, _clock);

        var result = trip.Deliver(code, _clock);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(TripStatus.Delivered, trip.Status);
        Assert.Equal(0, trip.DeliveryCodeAttempts);
    }

    [Fact]
    public void Deliver_RightCodeInUrduDigitsWithASpace_MovesToDelivered()
    {
        var (trip, code) = TestTrips.At(TripStatus.Arrived, _clock);
        var urdu = string.Concat(code.Select(c => (char)('\u06F0' + (c - '0'))));

        var result = trip.Deliver($" {urdu[..3]} {urdu[3..]} ", _clock);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(TripStatus.Delivered, trip.Status);
    }

    [Fact]
    public void Deliver_WrongCodeFiveTimes_CountsDownThenLocks()
    {
        var (trip, code) = TestTrips.At(TripStatus.Arrived, _clock);
        var wrong = Wrong(code);
        var version = trip.Version;

        var answers = Enumerable.Range(0, 5).Select(_ => trip.Deliver(wrong, _clock).Error!).ToList();

        Assert.Equal(
            ["errors.trip.code_wrong(left=4)", "errors.trip.code_wrong(left=3)", "errors.trip.code_wrong(left=2)", "errors.trip.code_wrong(left=1)", "errors.trip.code_locked"],
            answers.Select(a => a.ToString()));
        Assert.Equal(5, trip.DeliveryCodeAttempts);
        Assert.Equal(version + 5, trip.Version); // each attempt is a change to save
        Assert.Equal(TripStatus.Arrived, trip.Status);
    }

    [Fact]
    public void Deliver_RightCodeAfterLock_IsRefusedAsLocked()
    {
        var (trip, code) = TestTrips.At(TripStatus.Arrived, _clock);
        for (var i = 0; i < DeliveryCode.MaxAttempts; i++)
        {
            trip.Deliver(Wrong(code), _clock);
        }

        var result = trip.Deliver(code, _clock);

        Assert.Equal("errors.trip.code_locked", result.Error?.Key);
        Assert.Equal(TripStatus.Arrived, trip.Status);
        Assert.Equal(DeliveryCode.MaxAttempts, trip.DeliveryCodeAttempts);
    }

    [Fact]
    public void Deliver_RightCodeAfterFourWrong_MovesToDelivered()
    {
        var (trip, code) = TestTrips.At(TripStatus.Arrived, _clock);
        for (var i = 0; i < DeliveryCode.MaxAttempts - 1; i++)
        {
            trip.Deliver(Wrong(code), _clock);
        }

        var result = trip.Deliver(code, _clock);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(TripStatus.Delivered, trip.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Deliver_BlankCode_IsRefusedWithoutCostingAnAttempt(string? typed)
    {
        var (trip, _) = TestTrips.At(TripStatus.Arrived, _clock);
        var before = TripState.Of(trip);

        var result = trip.Deliver(typed, _clock);

        Assert.Equal("errors.trip.code_required", result.Error?.Key);
        Assert.Equal(before, TripState.Of(trip));
    }

    [Fact]
    public void Deliver_WrongCodeBeforeArrival_IsRefusedWithoutCostingAnAttempt()
    {
        var (trip, code) = TestTrips.At(TripStatus.InTransit, _clock);

        var result = trip.Deliver(Wrong(code), _clock);

        Assert.Equal("errors.trip.transition_invalid", result.Error?.Key);
        Assert.Equal(0, trip.DeliveryCodeAttempts);
    }

    internal static string Wrong(string code) => code == "000000" ? "000001" : "000000";
}
