using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PakLoad.Api.Jobs;
using PakLoad.Core.Bids;
using PakLoad.Core.Common;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Api;

/// <summary>A host whose offers lapse after one second, to see the scheduled expiry do its work.</summary>
public sealed class ShortBidLifetimeApiFactory : IAsyncLifetime
{
    public ApiFactory Api { get; } = new();

    public async Task InitializeAsync()
    {
        Api.Settings["PakLoad:Marketplace:BidLifetime"] = "00:00:01";
        await Api.InitializeAsync();
    }

    public Task DisposeAsync() => Api.DisposeAsync();
}

public sealed class MarketplaceJobsTests(ShortBidLifetimeApiFactory fixture) : IClassFixture<ShortBidLifetimeApiFactory>
{
    private ApiFactory Api => fixture.Api;

    [Fact]
    public void Host_AtStart_SchedulesTheExpiryJobs()
    {
        using var connection = Api.Services.GetRequiredService<JobStorage>().GetConnection();

        var ids = connection.GetRecurringJobs().Select(j => j.Id).ToList();

        Assert.Contains(MarketplaceJobs.ExpireBidsJob, ids);
        Assert.Contains(MarketplaceJobs.ExpireLoadsJob, ids);
        Assert.Contains(MarketplaceJobs.ExpireEmptyTrucksJob, ids);
    }

    [Fact]
    public async Task ExpireBidsJob_AfterTheLifetime_ExpiresTheBidOnceAndTellsTheCarrier()
    {
        var shipper = await Api.SignInAsync(Scenario.NextPhone(), "Shipper");
        var carrier = await Api.SignInAsync(Scenario.NextPhone(), "Carrier");
        var load = await shipper.Client.PostJsonAsync("/api/v1/loads", Scenario.LoadBody());
        var bid = await carrier.Client.PostJsonAsync($"/api/v1/loads/{load.Id()}/bids", new { amount = 300_000 });
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        await using (var scope = Api.Services.CreateAsyncScope())
        {
            var jobs = scope.ServiceProvider.GetRequiredService<MarketplaceJobs>();
            Assert.True(await jobs.ExpireBidsAsync(CancellationToken.None) >= 1);
            Assert.Equal(0, await jobs.ExpireBidsAsync(CancellationToken.None));
        }

        await using var db = Api.CreateDbContext();
        var bidId = BidId.From(bid.Id());
        Assert.Equal(BidStatus.Expired, (await db.Bids.SingleAsync(b => b.Id == bidId)).Status);
        var carrierId = PartyId.From(carrier.PartyId);
        Assert.Equal(1, await db.Outbox.CountAsync(o => o.RecipientId == carrierId && o.TemplateKey == "notifications.bid.expired"));
    }
}
