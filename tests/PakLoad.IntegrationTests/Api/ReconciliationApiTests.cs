using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PakLoad.Api.Jobs;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;
using PakLoad.Core.Payments;
using PakLoad.Core.Payouts;
using PakLoad.Core.Trips;
using PakLoad.IntegrationTests.Escrow;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Api;

/// <summary>
/// The admin reconciliation API on the real host: a bank's settlement CSV against carrier payouts marked paid,
/// a fetched sandbox run, the cases and their resolution; anyone but an admin sees none of it.
/// </summary>
public sealed class ReconciliationApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Header = "date,reference,kind,gross_pkr,fee_pkr,net_pkr,currency\n";
    private static int _days;

    [Fact]
    public async Task SettlementFile_Malformed_TypedErrorAndNothingStored()
    {
        var (admin, _) = await PeopleAsync();
        var day = NextDay();
        var csv = Header + $"{day:yyyy-MM-dd},IBFT-1,payout,100.00,0,100.00,PKR\n{day:yyyy-MM-dd},IBFT-2,payout,1OO.00,0,100.00,PKR\n";

        using var response = await UploadAsync(admin, "bank", day, csv);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("errors.reconciliation.file_invalid", problem.GetProperty("code").GetString());
        Assert.Equal(("3", "gross_pkr"), (problem.GetProperty("args").GetProperty("line").GetString(), problem.GetProperty("args").GetProperty("column").GetString()));
        Assert.Equal((0, 0), await StoredAsync("bank", day));
    }

    [Fact]
    public async Task SettlementFile_BankPayouts_MatchedDuplicateOpensOneCaseRerunOpensNone()
    {
        var (admin, outsider) = await PeopleAsync();
        var (world, day) = await WorldAsync();
        var reference = $"IBFT-{Guid.NewGuid():N}"[..16];
        await PaidPayoutAsync(world, reference);
        var csv = Header
                  + $"{day:yyyy-MM-dd},{reference},payout,{Rupees(EscrowWorld.Price)},0,{Rupees(EscrowWorld.Price)},PKR\n"
                  + $"{day:yyyy-MM-dd},DUP-1,payout,10.00,0.50,9.50,PKR\n"
                  + $"{day:yyyy-MM-dd},DUP-1,payout,10.00,0.50,9.50,PKR\n";

        using (var refused = await UploadAsync(outsider, "bank", day, csv))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        Assert.Equal((0, 0), await StoredAsync("bank", day));
        var first = await ReadAsync(await UploadAsync(admin, "bank", day, csv));
        var again = await ReadAsync(await UploadAsync(admin, "bank", day, csv));

        Assert.Equal((3, 1, 1, "uploaded"), (first.GetProperty("lines").GetInt32(), first.GetProperty("matched").GetInt32(), first.GetProperty("duplicatesInReport").GetInt32(), first.GetProperty("source").GetString()));
        var opened = Assert.Single(first.GetProperty("opened").EnumerateArray());
        Assert.Equal(("DuplicateInReport", "DUP-1", 20.00m), (opened.GetProperty("kind").GetString(), opened.GetProperty("reference").GetString(), opened.GetProperty("reportAmount").GetDecimal()));
        Assert.Equal((0, 2), (again.GetProperty("opened").GetArrayLength(), again.GetProperty("runs").GetInt32()));
        Assert.Equal((1, 1), await StoredAsync("bank", day));
    }

    [Fact]
    public async Task SettlementFile_OverTheHostWideBodyLimit_Accepted()
    {
        var (admin, _) = await PeopleAsync();
        var day = NextDay();
        var line = $"{day:yyyy-MM-dd},BULK-0000000000000000000000000001,payment,1000.00,20.00,980.00,PKR\n";
        var csv = Header + string.Concat(Enumerable.Repeat(line, 1_200));
        Assert.True(Encoding.UTF8.GetByteCount(csv) > 64 * 1024);

        var outcome = await ReadAsync(await UploadAsync(admin, "jazzcash", day, csv));

        Assert.Equal((1_200, 1), (outcome.GetProperty("lines").GetInt32(), outcome.GetProperty("duplicatesInReport").GetInt32()));
    }

    [Fact]
    public async Task Run_SandboxDay_FetchedAndMatched_OutsiderGets404()
    {
        var (admin, outsider) = await PeopleAsync();
        var (world, day) = await WorldAsync();
        var link = (await world.LinkAsync()).ValueOrThrow();
        (await world.EventAsync(PaymentEventKind.PaymentSucceeded, link.PaymentId.Value, SandboxPaymentProvider.EventId(link.PaymentId.Value, PaymentEventKind.PaymentSucceeded))).ValueOrThrow();
        var body = new { provider = "sandbox", day = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };

        await outsider.Client.PostJsonAsync("/api/v1/admin/reconciliation/runs", body, HttpStatusCode.NotFound);
        var outcome = await admin.Client.PostJsonAsync("/api/v1/admin/reconciliation/runs", body, HttpStatusCode.OK);
        await admin.Client.PostJsonAsync("/api/v1/admin/reconciliation/runs", new { provider = "sandbox", day = "25-11-2026" }, HttpStatusCode.UnprocessableEntity);

        Assert.Equal((1, 1, "fetched"), (outcome.GetProperty("lines").GetInt32(), outcome.GetProperty("matched").GetInt32(), outcome.GetProperty("source").GetString()));
        Assert.Equal(0, outcome.GetProperty("opened").GetArrayLength());
    }

    [Fact]
    public async Task Cases_AdminListsAndResolvesWithNote_OutsiderGets404()
    {
        var (admin, outsider) = await PeopleAsync();
        var day = NextDay();
        var reference = $"GHOST-{Guid.NewGuid():N}"[..20];
        var uploaded = await ReadAsync(await UploadAsync(admin, "bank", day, Header + $"{day:yyyy-MM-dd},{reference},payout,500.00,0,500.00,PKR\n"));
        Assert.Equal(1, uploaded.GetProperty("opened").GetArrayLength());

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Client.GetAsync("/api/v1/admin/reconciliation/cases")).StatusCode);
        var listed = await admin.Client.GetFromJsonAsync<JsonElement>("/api/v1/admin/reconciliation/cases?provider=bank&pageSize=100");
        var open = listed.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("reference").GetString() == reference);
        Assert.Equal(("MissingInLedger", "Open"), (open.GetProperty("kind").GetString(), open.GetProperty("status").GetString()));
        var resolve = $"/api/v1/admin/reconciliation/cases/{open.Id()}/resolve";

        await outsider.Client.PostJsonAsync(resolve, new { note = "mine now" }, HttpStatusCode.NotFound);
        await admin.Client.PostJsonAsync(resolve, new { note = "  " }, HttpStatusCode.UnprocessableEntity);
        var resolved = await admin.Client.PostJsonAsync(resolve, new { note = "Bank reversed a wrong credit on 26 Nov; no money of ours." }, HttpStatusCode.OK);
        await admin.Client.PostJsonAsync(resolve, new { note = "again" }, HttpStatusCode.Conflict);

        Assert.Equal(("Resolved", admin.PartyId), (resolved.GetProperty("status").GetString(), resolved.Id("resolvedBy")));
        var stillOpen = await admin.Client.GetFromJsonAsync<JsonElement>("/api/v1/admin/reconciliation/cases?provider=bank&pageSize=100");
        Assert.DoesNotContain(stillOpen.GetProperty("items").EnumerateArray(), c => c.GetProperty("reference").GetString() == reference);
    }

    [Fact]
    public async Task DailyJob_ScheduledInKarachiTime_ReconcilesYesterdayForEachProviderOnce()
    {
        using (var connection = api.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == ReconciliationJobs.DailyJob);
            Assert.Equal(("30 6 * * *", "Asia/Karachi"), (job.Cron, job.TimeZoneId));
        }

        var yesterday = PakistanTime.Today(TimeProvider.System).AddDays(-1);
        for (var i = 0; i < 2; i++)
        {
            await using var scope = api.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReconciliationJobs>().ReconcileYesterdayAsync(CancellationToken.None);
        }

        await using var db = api.CreateDbContext();
        var run = await db.ReconciliationRuns.SingleAsync(r => r.Provider == "sandbox" && r.Day == yesterday);
        Assert.Equal((2, "fetched"), (run.Runs, run.Source));
        Assert.False(await db.ReconciliationRuns.AnyAsync(r => r.Provider == "stripe"));
    }

    private static DateOnly NextDay() => new DateOnly(2026, 4, 1).AddDays(Interlocked.Increment(ref _days) * 3);

    private async Task<(EscrowWorld World, DateOnly Day)> WorldAsync()
    {
        var day = NextDay();
        var clock = new FakeTimeProvider(PakistanTime.StartOf(day).AddHours(10).ToUniversalTime());
        return (await EscrowWorld.CreateAsync(api.Database, TripStatus.AtPickup, clock), day);
    }

    /// <summary>An admin (signed in, then given the role in the database: nobody can sign up as one) and an outsider.</summary>
    private async Task<(SignedInClient Admin, SignedInClient Outsider)> PeopleAsync()
    {
        var admin = await api.SignInAsync(Scenario.NextPhone(), "Shipper", "Ops Desk");
        var outsider = await api.SignInAsync(Scenario.NextPhone(), "Carrier", "Outsider");
        await using var db = api.CreateDbContext();
        var party = await db.Parties.SingleAsync(p => p.Id == PartyId.From(admin.PartyId));
        party.AddRole(PartyRole.Admin);
        await db.SaveChangesAsync();
        return (admin, outsider);
    }

    /// <summary>A completed trip's carrier is paid their whole balance through the bank, marked paid with <paramref name="reference"/>.</summary>
    private static async Task PaidPayoutAsync(EscrowWorld world, string reference)
    {
        await world.FundAsync();
        foreach (var step in new[] { TripMilestone.Load, TripMilestone.Depart, TripMilestone.Arrive })
        {
            (await world.AdvanceAsync(world.Trips.Driver, step)).ValueOrThrow();
        }

        (await world.Trips.ConfirmAsync(world.Trips.Driver, world.Trips.Code)).ValueOrThrow();
        (await world.AdvanceAsync(world.Trips.Shipper, TripMilestone.Complete)).ValueOrThrow();
        var clock = world.Trips.Clock;
        (await world.Run(db => new RegisterPayoutMethodHandler(db, clock).HandleAsync(
            new RegisterPayoutMethodCommand(world.Trips.Carrier.Id, PayoutMethodKind.Iban, "PK36SCBL0000001123456702", "Khyber Goods"), default))).ValueOrThrow();
        var payout = (await world.Run(db => new RequestPayoutHandler(db, clock).HandleAsync(new RequestPayoutCommand(world.Trips.Carrier.Id), default))).ValueOrThrow();
        foreach (var (decision, bankRef) in new[] { (PayoutDecision.Approve, (string?)null), (PayoutDecision.MarkPaid, reference) })
        {
            (await world.Run(db => new DecidePayoutHandler(db, clock).HandleAsync(new DecidePayoutCommand(world.Admin.Id, payout.Id, decision, bankRef), default))).ValueOrThrow();
        }
    }

    private static async Task<HttpResponseMessage> UploadAsync(SignedInClient who, string provider, DateOnly day, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        return await who.Client.PostAsync($"/api/v1/admin/reconciliation/runs/{provider}/{day:yyyy-MM-dd}/file", content);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    private async Task<(int Runs, int Cases)> StoredAsync(string provider, DateOnly day)
    {
        await using var db = api.CreateDbContext();
        return (await db.ReconciliationRuns.CountAsync(r => r.Provider == provider && r.Day == day), await db.ReconciliationCases.CountAsync(c => c.Provider == provider && c.Day == day));
    }

    private static string Rupees(Money money) => (money.Paisa / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
