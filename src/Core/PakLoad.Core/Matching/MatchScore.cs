using System.Globalization;

namespace PakLoad.Core.Matching;

/// <summary>One part of a match score: its points out of its maximum, and the locale key (with arguments) that says why.</summary>
public sealed record ScorePart(string Name, double Points, double MaxPoints, string ReasonKey, IReadOnlyDictionary<string, string> Args);

/// <summary>A score out of 100 and its parts, strongest reason first, so a chat can say "aap ke raste mein hai".</summary>
public sealed record MatchScore(double Total, IReadOnlyList<ScorePart> Parts)
{
    private static readonly string[] Telling = ["heading", "proximity", "vehicle", "date", "reliability", "activity"];

    /// <summary>
    /// The reasons worth saying: parts that earned at least half their points, strongest first (to the nearest
    /// tenth); on a tie the route comes first, because "aap ke raste mein hai" is what sells a backhaul.
    /// </summary>
    public IEnumerable<ScorePart> Reasons => Parts
        .Where(p => p.Points >= p.MaxPoints / 2)
        .OrderByDescending(p => Math.Round(p.Points / p.MaxPoints, 1))
        .ThenBy(p => Array.IndexOf(Telling, p.Name));
}

/// <summary>
/// The facts about one (load, truck) pair that the score reads. Hard rules (payload, body, dates, distance)
/// are applied before a pair gets here; see the Matching README for the formula.
/// </summary>
internal struct MatchFacts
{
    public double DistanceKm;

    /// <summary>True when the truck's wanted destination is the load's destination city.</summary>
    public bool OnTheWay;

    /// <summary>Share of the way from the empty point toward the wanted destination the load covers (0..1); -1 without a wanted destination.</summary>
    public double Progress;

    public bool SameClass;
    public bool BodyUnknown;
    public int WeightKg;
    public int TruckMaxPayloadKg;
    public int AvailableDay;
    public int PickupFromDay;
    public int PickupToDay;
    public int RatingSum;
    public int RatingCount;
    public int Completed;
    public int Cancelled;
    public long LastActiveTicks;
    public long NowTicks;
}

/// <summary>The documented score (Matching/README.md). Pure arithmetic, no allocation on the ranking path.</summary>
internal static class MatchScorer
{
    public const double ProximityMax = 30;
    public const double HeadingMax = 25;
    public const double VehicleMax = 20;
    public const double DateMax = 10;
    public const double ReliabilityMax = 10;
    public const double ActivityMax = 5;

    /// <summary>Every part except proximity at its maximum: the best a truck at a given distance can do.</summary>
    public const double AllButProximity = HeadingMax + VehicleMax + DateMax + ReliabilityMax + ActivityMax;

    /// <summary>Proximity halves about every 70 km: 20 km away keeps 75%, 300 km away 5%.</summary>
    public const double ProximityScaleKm = 100;

    private const double NeutralHeading = 0.4;
    private const double NeutralReliability = 0.6;
    private static readonly long ActiveWindowTicks = TimeSpan.FromDays(30).Ticks;
    private static readonly long FreshTicks = TimeSpan.FromDays(1).Ticks;

    public static double Proximity(double km) => ProximityMax * Math.Exp(-km / ProximityScaleKm);

    public static double Heading(in MatchFacts f) =>
        HeadingMax * (f.OnTheWay ? 1 : f.Progress < 0 ? NeutralHeading : f.Progress);

    public static double Vehicle(in MatchFacts f)
    {
        var fit = f.SameClass ? 1 : 0.5 + (0.5 * Math.Min(1, (double)f.WeightKg / f.TruckMaxPayloadKg));
        return VehicleMax * fit * (f.BodyUnknown ? 0.8 : 1);
    }

    public static double Date(in MatchFacts f)
    {
        if (f.AvailableDay <= f.PickupFromDay)
        {
            return DateMax;
        }

        var window = f.PickupToDay - f.PickupFromDay + 1;
        return DateMax * Math.Max(0, 1 - ((double)(f.AvailableDay - f.PickupFromDay) / (window + 1)));
    }

    public static double Reliability(in MatchFacts f)
    {
        var stars = f.RatingCount > 0 ? f.RatingSum / (5.0 * f.RatingCount) : NeutralReliability;
        var ended = f.Completed + f.Cancelled;
        var kept = ended > 0 ? (double)f.Completed / ended : NeutralReliability;
        return ReliabilityMax * ((stars + kept) / 2);
    }

    public static double Activity(in MatchFacts f)
    {
        if (f.LastActiveTicks <= 0)
        {
            return 0;
        }

        var idle = f.NowTicks - f.LastActiveTicks;
        return idle <= FreshTicks ? ActivityMax : ActivityMax * Math.Max(0, 1 - ((double)(idle - FreshTicks) / ActiveWindowTicks));
    }

    public static double Total(in MatchFacts f) =>
        Proximity(f.DistanceKm) + Heading(f) + Vehicle(f) + Date(f) + Reliability(f) + Activity(f);

    /// <summary>The same numbers as <see cref="Total"/>, with the reason for each part.</summary>
    public static MatchScore Explain(in MatchFacts f, string vehicleName, string? wantedCityName, string destinationCityName)
    {
        var km = Math.Round(f.DistanceKm).ToString(CultureInfo.InvariantCulture);
        var parts = new List<ScorePart>(6)
        {
            Part("proximity", Proximity(f.DistanceKm), ProximityMax, "matching.reason.near", ("km", km)),
            f.OnTheWay
                ? Part("heading", Heading(f), HeadingMax, "matching.reason.on_the_way", ("city", destinationCityName))
                : f.Progress < 0
                    ? Part("heading", Heading(f), HeadingMax, "matching.reason.any_direction")
                    : Part("heading", Heading(f), HeadingMax, "matching.reason.toward", ("city", wantedCityName ?? destinationCityName), ("percent", Percent(f.Progress))),
            Part("vehicle", Vehicle(f), VehicleMax, f.SameClass ? "matching.reason.vehicle_exact" : "matching.reason.vehicle_fits",
                ("vehicle", vehicleName), ("weight", f.WeightKg.ToString(CultureInfo.InvariantCulture))),
            f.AvailableDay <= f.PickupFromDay
                ? Part("date", Date(f), DateMax, "matching.reason.on_time")
                : Part("date", Date(f), DateMax, "matching.reason.later", ("days", (f.AvailableDay - f.PickupFromDay).ToString(CultureInfo.InvariantCulture))),
            f.RatingCount > 0
                ? Part("reliability", Reliability(f), ReliabilityMax, "matching.reason.rating",
                    ("stars", (f.RatingSum / (double)f.RatingCount).ToString("0.0", CultureInfo.InvariantCulture)),
                    ("count", f.RatingCount.ToString(CultureInfo.InvariantCulture)))
                : Part("reliability", Reliability(f), ReliabilityMax, "matching.reason.new_carrier"),
            Part("activity", Activity(f), ActivityMax, Activity(f) > 0 ? "matching.reason.active" : "matching.reason.inactive"),
        };
        return new MatchScore(Math.Round(Total(f), 1), parts);
    }

    private static string Percent(double share) => Math.Round(share * 100).ToString(CultureInfo.InvariantCulture);

    private static ScorePart Part(string name, double points, double max, string key, params (string Name, string Value)[] args) =>
        new(name, Math.Round(points, 2), max, key, args.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal));
}
