using PakLoad.Core.Matching;

namespace PakLoad.Core.Tests.Matching;

/// <summary>The score on a hand-built Pakistani market: backhauls first, overloads never, near before far.</summary>
public sealed class RankingTests
{
    [Fact]
    public void RankTrucks_LahoreToKarachiLoad_TruckEmptyInLahoreHeadingToKarachiRanksFirst()
    {
        using var world = new MarketWorld();
        var homeward = MarketWorld.Truck("lahore", wanted: "karachi", northKm: 3);
        var awayward = MarketWorld.Truck("lahore", wanted: "peshawar", northKm: 1);
        var anywhere = MarketWorld.Truck("lahore", eastKm: 2);
        var faisalabad = MarketWorld.Truck("faisalabad", wanted: "karachi");
        world.Add(awayward, anywhere, faisalabad, homeward);

        var ranked = world.Index.RankTrucks(MarketWorld.Load("lahore", "karachi"), 10, MarketWorld.Now);

        Assert.Equal([homeward.Id, anywhere.Id, faisalabad.Id, awayward.Id], ranked.Select(m => m.Truck.Id));
        Assert.Equal("matching.reason.on_the_way", ranked[0].Score.Reasons.First(r => r.Name == "heading").ReasonKey);
        Assert.Equal("Karachi", ranked[0].Score.Parts.Single(p => p.Name == "heading").Args["city"]);
    }

    [Fact]
    public void RankTrucks_OverweightLoad_NeverMatchesASmallVehicle()
    {
        using var world = new MarketWorld();
        world.Add(
            MarketWorld.Truck("lahore", "mazda", wanted: "karachi"),
            MarketWorld.Truck("lahore", "shehzore", wanted: "karachi"),
            MarketWorld.Truck("lahore", "pickup", wanted: "karachi"),
            MarketWorld.Truck("lahore", "6-wheeler", wanted: "karachi"));

        var ranked = world.Index.RankTrucks(MarketWorld.Load("lahore", "karachi", kg: 20_000), 10, MarketWorld.Now);

        Assert.Empty(ranked);
    }

    [Fact]
    public void RankLoads_SmallTruck_SeesOnlyLoadsItMayLegallyCarry()
    {
        using var world = new MarketWorld();
        var heavy = MarketWorld.Load("lahore", "karachi", kg: 20_000);
        var light = MarketWorld.Load("lahore", "karachi", "mazda", kg: 3_000);
        world.Add(heavy, light);

        var ranked = world.Index.RankLoads(MarketWorld.Truck("lahore", "mazda", wanted: "karachi"), 10, MarketWorld.Now);

        Assert.Equal([light.Id], ranked.Select(m => m.Load.Id));
    }

    [Fact]
    public void RankTrucks_TruckThreeHundredKmAway_RanksBelowOneTwentyKmAway()
    {
        using var world = new MarketWorld();
        var far = MarketWorld.Truck("lahore", wanted: "karachi", northKm: -300);
        var near = MarketWorld.Truck("lahore", wanted: "karachi", northKm: -20);
        world.Add(far, near);

        var ranked = world.Index.RankTrucks(MarketWorld.Load("lahore", "karachi"), 10, MarketWorld.Now);

        Assert.Equal([near.Id, far.Id], ranked.Select(m => m.Truck.Id));
        Assert.InRange(ranked[0].DistanceKm, 19.5, 20.5);
        Assert.InRange(ranked[1].DistanceKm, 299, 301);
        Assert.True(ranked[0].Score.Total - ranked[1].Score.Total > 15, $"{ranked[0].Score.Total} vs {ranked[1].Score.Total}");
    }

    [Fact]
    public void RankLoads_TruckEmptyInKarachiWantingLahore_BackhaulLoadFirst()
    {
        using var world = new MarketWorld();
        var quetta = MarketWorld.Load("karachi", "quetta");
        var lahore = MarketWorld.Load("karachi", "lahore");
        var multan = MarketWorld.Load("karachi", "multan");
        world.Add(quetta, lahore, multan);

        var ranked = world.Index.RankLoads(MarketWorld.Truck("karachi", wanted: "lahore"), 10, MarketWorld.Now);

        Assert.Equal([lahore.Id, multan.Id, quetta.Id], ranked.Select(m => m.Load.Id));
        Assert.Equal("matching.reason.on_the_way", ranked[0].Score.Parts.Single(p => p.Name == "heading").ReasonKey);
        Assert.Equal("matching.reason.toward", ranked[1].Score.Parts.Single(p => p.Name == "heading").ReasonKey);
    }

    [Fact]
    public void RankTrucks_BodyTheLoadNeeds_OtherBodiesExcludedUnknownBodyPenalised()
    {
        using var world = new MarketWorld();
        var reefer = MarketWorld.Truck("lahore", "22-wheeler", "karachi", body: "reefer");
        var flatbed = MarketWorld.Truck("lahore", "22-wheeler", "karachi", body: "flatbed");
        var unknown = MarketWorld.Truck("lahore", "22-wheeler", "karachi");
        world.Add(reefer, flatbed, unknown);

        var ranked = world.Index.RankTrucks(MarketWorld.Load("lahore", "karachi", body: "reefer"), 10, MarketWorld.Now);

        Assert.Equal([reefer.Id, unknown.Id], ranked.Select(m => m.Truck.Id));
    }

    [Fact]
    public void RankTrucks_TruckFreeOnlyAfterThePickupWindow_IsNotACandidate()
    {
        using var world = new MarketWorld();
        var late = MarketWorld.Truck("lahore", wanted: "karachi", availableIn: 5);
        var onTime = MarketWorld.Truck("lahore", wanted: "karachi", availableIn: 1);
        world.Add(late, onTime);

        var ranked = world.Index.RankTrucks(MarketWorld.Load("lahore", "karachi", window: 2), 10, MarketWorld.Now);

        Assert.Equal([onTime.Id], ranked.Select(m => m.Truck.Id));
        Assert.Equal("matching.reason.later", ranked[0].Score.Parts.Single(p => p.Name == "date").ReasonKey);
    }

    [Fact]
    public void RankTrucks_CarrierWithSeveralTrucks_IsListedOnceWithItsBest()
    {
        using var world = new MarketWorld();
        var carrier = MarketWorld.NewParty();
        var best = MarketWorld.Truck("lahore", wanted: "karachi", carrier: carrier);
        world.Add(best, MarketWorld.Truck("lahore", wanted: "peshawar", carrier: carrier), MarketWorld.Truck("lahore", carrier: carrier));

        var ranked = world.Index.RankTrucks(MarketWorld.Load("lahore", "karachi"), 10, MarketWorld.Now);

        Assert.Equal([best.Id], ranked.Select(m => m.Truck.Id));
    }

    [Fact]
    public void RankTrucks_ShippersOwnTruck_IsNotOffered()
    {
        using var world = new MarketWorld();
        var both = MarketWorld.NewParty();
        world.Add(MarketWorld.Truck("lahore", wanted: "karachi", carrier: both));

        Assert.Empty(world.Index.RankTrucks(MarketWorld.Load("lahore", "karachi", shipper: both), 10, MarketWorld.Now));
    }

    [Fact]
    public void Score_Parts_AddUpToTheTotalAndStayWithinTheirMaxima()
    {
        using var world = new MarketWorld();
        world.Add(
            MarketWorld.Truck("lahore", wanted: "karachi"),
            MarketWorld.Truck("gujranwala", "10-wheeler", wanted: "multan", availableIn: 2),
            MarketWorld.Truck("sheikhupura", body: "flatbed"));

        var ranked = world.Index.RankTrucks(MarketWorld.Load("lahore", "karachi", "10-wheeler", kg: 12_000, window: 3), 10, MarketWorld.Now);

        Assert.Equal(3, ranked.Count);
        Assert.All(ranked, m =>
        {
            Assert.Equal(6, m.Score.Parts.Count);
            Assert.All(m.Score.Parts, p => Assert.InRange(p.Points, 0, p.MaxPoints));
            Assert.Equal(100, m.Score.Parts.Sum(p => p.MaxPoints));
            Assert.InRange(m.Score.Total - m.Score.Parts.Sum(p => p.Points), -0.1, 0.1);
        });
        Assert.True(ranked.Zip(ranked.Skip(1)).All(p => p.First.Score.Total >= p.Second.Score.Total));
    }

    [Fact]
    public void RankTrucks_RatedReliableCarrier_BeatsAnUnratedOneAtTheSameSpot()
    {
        using var world = new MarketWorld();
        var rated = MarketWorld.NewParty();
        var first = MarketWorld.Truck("lahore", wanted: "karachi");
        var reliable = MarketWorld.Truck("lahore", wanted: "karachi", carrier: rated);
        world.Add(first, reliable);
        world.Index.ApplyStats([new CarrierStats(rated, 49, 10, 10, 0, MarketWorld.Now)]);

        var ranked = world.Index.RankTrucks(MarketWorld.Load("lahore", "karachi"), 10, MarketWorld.Now);

        Assert.Equal(reliable.Id, ranked[0].Truck.Id);
        Assert.Equal("matching.reason.rating", ranked[0].Score.Parts.Single(p => p.Name == "reliability").ReasonKey);
        Assert.Equal("4.9", ranked[0].Score.Parts.Single(p => p.Name == "reliability").Args["stars"]);
    }
}
