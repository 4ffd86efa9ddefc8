namespace PakLoad.Core.Matching;

/// <summary>Matching settings a host may change (bound from PakLoad:Matching by the host).</summary>
public sealed record MatchingOptions
{
    /// <summary>How many carriers hear about a new load (and how many loads an empty truck hears about).</summary>
    public int FanOutTop { get; init; } = 20;

    /// <summary>At most this many match messages per carrier per Karachi day, whatever the channel.</summary>
    public int PerCarrierDailyCap { get; init; } = 10;

    /// <summary>Quiet hours in Karachi: matches found then are held and sent when they end.</summary>
    public int QuietFromHour { get; init; } = 22;

    public int QuietToHour { get; init; } = 7;

    /// <summary>A truck farther than this from the pickup is not a candidate at all.</summary>
    public double MaxMatchDistanceKm { get; init; } = 500;

    /// <summary>Below this score nobody is notified (the chat can still show weaker matches on request).</summary>
    public double MinNotifyScore { get; init; } = 40;

    /// <summary>How often each instance reads changes made by other instances.</summary>
    public TimeSpan CatchUpInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How far back a sweep (every <see cref="CatchUpSweepEvery"/>) looks behind the newest change it has seen: longer
    /// than any write transaction plus the clock skew between hosts, so a change committed late (with an earlier
    /// updated_at) is still read. Rows read twice are ignored by version.
    /// </summary>
    public TimeSpan CatchUpOverlap { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How far back the other catch-up reads look: enough for the usual commit delay and clock skew. Reading the
    /// whole <see cref="CatchUpOverlap"/> on every tick re-read every change of the last 30 s twice a second (at
    /// 1,000 new loads a second, 60,000 rows a second).
    /// </summary>
    public TimeSpan CatchUpRecent { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a catch-up looks back the whole <see cref="CatchUpOverlap"/>.</summary>
    public TimeSpan CatchUpSweepEvery { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Ratings and trip outcomes change slowly; they are re-read from the database this often.</summary>
    public TimeSpan CarrierStatsRefresh { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Lane prices: bookings of the last this many days; fewer than <see cref="LaneMinSamples"/> is "no data yet".</summary>
    public int LaneDays { get; init; } = 90;

    public int LaneMinSamples { get; init; } = 3;

    /// <summary>How long a computed lane price is reused before the database is asked again (see <see cref="LanePrices"/>).</summary>
    public TimeSpan LaneCacheFor { get; init; } = TimeSpan.FromMinutes(5);
}
