using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;

namespace PakLoad.Core.Tests.Loads;

public sealed class LoadLifecycleTests
{
    public enum Action
    {
        Edit,
        Cancel,
        MarkBooked,
        ExpireAfterWindow,
    }

    /// <summary>Every action from every state: only an open load moves, and only to the state the action names.</summary>
    public static TheoryData<LoadStatus, Action, LoadStatus?> Transitions
    {
        get
        {
            var data = new TheoryData<LoadStatus, Action, LoadStatus?>
            {
                { LoadStatus.Open, Action.Edit, LoadStatus.Open },
                { LoadStatus.Open, Action.Cancel, LoadStatus.Cancelled },
                { LoadStatus.Open, Action.MarkBooked, LoadStatus.Booked },
                { LoadStatus.Open, Action.ExpireAfterWindow, LoadStatus.Expired },
            };
            foreach (var from in new[] { LoadStatus.Booked, LoadStatus.Cancelled, LoadStatus.Expired })
            {
                foreach (var action in Enum.GetValues<Action>())
                {
                    data.Add(from, action, null);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Action_FromEachStatus_MovesOnlyAnOpenLoad(LoadStatus from, Action action, LoadStatus? expected)
    {
        var clock = TestLoads.Clock();
        var load = TestLoads.In(from, clock);
        var version = load.Version;

        var result = action switch
        {
            Action.Edit => load.Edit(TestLoads.Details(weight: 30, from: TestLoads.Today.AddDays(1)), clock),
            Action.Cancel => load.Cancel(clock),
            Action.MarkBooked => load.MarkBooked(clock),
            Action.ExpireAfterWindow => Expire(load, clock),
        };

        if (expected is { } to)
        {
            Assert.True(result.IsSuccess, result.ToString());
            Assert.Equal(to, load.Status);
            Assert.Equal(version + 1, load.Version);
        }
        else
        {
            Assert.Equal("errors.load.not_open", result.Error?.Key);
            Assert.Equal(from.ToString().ToLowerInvariant(), result.Error?.Args["status"]);
            Assert.Equal(from, load.Status);
            Assert.Equal(version, load.Version);
        }
    }

    private static Result<Load> Expire(Load load, FakeTimeProvider clock)
    {
        if (clock.GetUtcNow() < load.ExpiresAt)
        {
            clock.SetUtcNow(load.ExpiresAt);
        }

        return load.Expire(clock);
    }

    [Fact]
    public void Edit_WhileOpen_AppliesTheNewDetailsAndTouchesTheLoad()
    {
        var clock = TestLoads.Clock();
        var load = TestLoads.Open(clock);
        clock.Advance(TimeSpan.FromMinutes(5));

        var result = load.Edit(TestLoads.Details(weight: 30, to: TestLoads.Today.AddDays(4)), clock);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(30_000, load.WeightKg);
        Assert.Equal(TestLoads.Today.AddDays(4), load.PickupTo);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 19, 0, 0, TimeSpan.Zero), load.ExpiresAt);
        Assert.Equal(TestLoads.Now.AddMinutes(5), load.UpdatedAt);
        Assert.Equal(TestLoads.Now, load.CreatedAt);
    }

    [Fact]
    public void Edit_InvalidDetails_ChangesNothing()
    {
        var clock = TestLoads.Clock();
        var load = TestLoads.Open(clock);

        var result = load.Edit(TestLoads.Details(vehicle: "mazda", weight: 20), clock);

        Assert.Equal("errors.load.overweight", result.Error?.Key);
        Assert.Equal((20_000, "22-wheeler", 0), (load.WeightKg, load.VehicleClass.Value, load.Version));
    }

    [Fact]
    public void Expire_BeforeTheWindowEnds_IsRefusedAsNotExpired()
    {
        var clock = TestLoads.Clock();
        var load = TestLoads.Open(clock);
        clock.SetUtcNow(load.ExpiresAt.AddTicks(-1));

        var result = load.Expire(clock);

        Assert.Equal("errors.load.not_expired", result.Error?.Key);
        Assert.Equal(LoadStatus.Open, load.Status);
    }

    [Fact]
    public void MarkBooked_OpenButPastItsWindow_IsRefusedAsExpiredBeforeTheJobRuns()
    {
        var clock = TestLoads.Clock();
        var load = TestLoads.Open(clock);
        clock.SetUtcNow(load.ExpiresAt);

        var result = load.MarkBooked(clock);

        Assert.Equal("errors.load.not_open", result.Error?.Key);
        Assert.Equal("expired", result.Error?.Args["status"]);
        Assert.Equal(LoadStatus.Open, load.Status);
    }

    [Theory]
    [InlineData(LoadStatus.Open, 0, null)]
    [InlineData(LoadStatus.Open, -1, null)]
    [InlineData(LoadStatus.Open, 1, "expired")]
    [InlineData(LoadStatus.Booked, 0, "booked")]
    [InlineData(LoadStatus.Cancelled, 0, "cancelled")]
    public void WhyNotOpen_ByStatusAndTime_NamesTheReason(LoadStatus status, int ticksFromExpiry, string? reason)
    {
        var clock = TestLoads.Clock();
        var load = TestLoads.In(status, clock);
        var at = ticksFromExpiry switch
        {
            > 0 => load.ExpiresAt,
            < 0 => load.ExpiresAt.AddTicks(-1),
            _ => TestLoads.Now,
        };

        var why = load.WhyNotOpen(at);

        Assert.Equal(reason, why?.Args["status"]);
    }

    [Theory]
    [InlineData(LoadStatus.Open, LoadVisibility.Public, true, true)]
    [InlineData(LoadStatus.Open, LoadVisibility.Private, true, false)]
    [InlineData(LoadStatus.Booked, LoadVisibility.Public, true, false)]
    [InlineData(LoadStatus.Cancelled, LoadVisibility.Public, true, false)]
    [InlineData(LoadStatus.Expired, LoadVisibility.Public, true, false)]
    public void IsOnBoardFor_OwnerAlwaysOthersOnlyWhilePublicAndOpen(LoadStatus status, LoadVisibility visibility, bool owner, bool other)
    {
        var clock = TestLoads.Clock();
        var load = Load.Post(TestLoads.Shipper, TestLoads.Details(to: TestLoads.Today) with { Visibility = visibility }, clock).ValueOrThrow();
        _ = status switch
        {
            LoadStatus.Booked => load.MarkBooked(clock),
            LoadStatus.Cancelled => load.Cancel(clock),
            LoadStatus.Expired => Expire(load, clock),
            LoadStatus.Open => load,
        };

        Assert.Equal((owner, other), (load.IsOnBoardFor(TestLoads.Shipper), load.IsOnBoardFor(TestLoads.Carrier)));
    }
}
