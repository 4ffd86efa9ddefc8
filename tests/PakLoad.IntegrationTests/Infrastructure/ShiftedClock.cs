namespace PakLoad.IntegrationTests.Infrastructure;

/// <summary>
/// The system clock plus an offset a test moves forward: "three idle minutes later" without waiting. Only the wall
/// clock (<see cref="GetUtcNow"/>) moves; timers and timestamps stay the system's, because the host's workers poll on
/// <c>PeriodicTimer(…, clock)</c> and <c>Task.Delay(…, clock)</c>, which a frozen FakeTimeProvider would never fire.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the wall clock forward (never back: the host's leases and sessions assume time does not run backwards).</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + Offset;
}
