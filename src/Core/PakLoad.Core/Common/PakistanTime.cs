namespace PakLoad.Core.Common;

/// <summary>"Today" and "tomorrow" are Pakistani dates: Asia/Karachi, UTC+5 all year (no daylight saving).</summary>
public static class PakistanTime
{
    public static readonly TimeZoneInfo Zone = FindZone();

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime);
    }

    /// <summary>The instant a Pakistani calendar day starts (its midnight, Karachi time).</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }

    /// <summary>The Pakistani calendar day an instant falls on.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The instant a Pakistani calendar day ends (midnight after it, Karachi time).</summary>
    public static DateTimeOffset EndOf(DateOnly day)
    {
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Karachi", TimeSpan.FromHours(5), "Pakistan Standard Time", "PKT");
        }
    }
}
