using System.Collections.Concurrent;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Matching;

/// <summary>
/// Lane prices computed recently, shared by every request: a lane's 90-day median barely moves in a few minutes,
/// and chat shows it beside every price question, so each lane is read from the database at most once per
/// <see cref="MatchingOptions.LaneCacheFor"/> (per process). A booking made meanwhile shows up when the entry
/// expires. The key space is bounded by the gazetteer and the vehicle catalogue (cities² × classes).
/// </summary>
public sealed class LanePrices(TimeProvider clock, MatchingOptions options)
{
    private readonly ConcurrentDictionary<(PlaceId From, PlaceId To, VehicleClassId Vehicle), Entry> _lanes = new();

    public async Task<LaneGuidance> GetOrComputeAsync(PlaceId from, PlaceId to, VehicleClassId vehicle, Func<CancellationToken, Task<LaneGuidance>> compute, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var now = clock.GetUtcNow();
        if (_lanes.TryGetValue((from, to, vehicle), out var cached) && cached.Until > now)
        {
            return cached.Guidance;
        }

        // Two requests for the same cold lane may both compute it; the answers are the same, so the last one stays.
        var guidance = await compute(ct);
        _lanes[(from, to, vehicle)] = new Entry(guidance, now + options.LaneCacheFor);
        return guidance;
    }

    /// <summary>Forgets every lane (tests, or an admin correcting bookings).</summary>
    public void Clear() => _lanes.Clear();

    private sealed record Entry(LaneGuidance Guidance, DateTimeOffset Until);
}
