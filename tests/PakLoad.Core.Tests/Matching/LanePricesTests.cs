using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Matching;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Tests.Matching;

public sealed class LanePricesTests
{
    private static readonly PlaceId Karachi = Gazetteer.Default.Find("Karachi").Value!.Id;
    private static readonly PlaceId Lahore = Gazetteer.Default.Find("Lahore").Value!.Id;
    private static readonly VehicleClassId TwentyTwoWheeler = VehicleCatalogue.Default.FindClass("22 wheeler").Value!.Id;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));
    private int _computed;

    [Fact]
    public async Task GetOrCompute_WithinTheCacheTime_ReadsTheLaneOnce()
    {
        var prices = new LanePrices(_clock, new MatchingOptions { LaneCacheFor = TimeSpan.FromMinutes(5) });

        var first = await prices.GetOrComputeAsync(Karachi, Lahore, TwentyTwoWheeler, Compute, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(4));
        var second = await prices.GetOrComputeAsync(Karachi, Lahore, TwentyTwoWheeler, Compute, CancellationToken.None);

        Assert.Equal(1, _computed);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task GetOrCompute_AfterTheCacheTime_ReadsTheLaneAgain()
    {
        var prices = new LanePrices(_clock, new MatchingOptions { LaneCacheFor = TimeSpan.FromMinutes(5) });

        await prices.GetOrComputeAsync(Karachi, Lahore, TwentyTwoWheeler, Compute, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var fresh = await prices.GetOrComputeAsync(Karachi, Lahore, TwentyTwoWheeler, Compute, CancellationToken.None);

        Assert.Equal(2, _computed);
        Assert.Equal(2, fresh.Samples);
    }

    [Fact]
    public async Task GetOrCompute_OtherLaneOrVehicle_IsItsOwnEntry()
    {
        var prices = new LanePrices(_clock, new MatchingOptions());
        var mazda = VehicleCatalogue.Default.FindClass("mazda").Value!.Id;

        await prices.GetOrComputeAsync(Karachi, Lahore, TwentyTwoWheeler, Compute, CancellationToken.None);
        await prices.GetOrComputeAsync(Lahore, Karachi, TwentyTwoWheeler, Compute, CancellationToken.None);
        await prices.GetOrComputeAsync(Karachi, Lahore, mazda, Compute, CancellationToken.None);

        Assert.Equal(3, _computed);
    }

    private Task<LaneGuidance> Compute(CancellationToken ct)
    {
        _computed++;
        return Task.FromResult(Lane.Of(Karachi, Lahore, TwentyTwoWheeler, 90, [.. Enumerable.Repeat(8_500_000L, _computed)], 3));
    }
}
