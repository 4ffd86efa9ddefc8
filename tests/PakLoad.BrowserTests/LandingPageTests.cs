using Microsoft.Playwright;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.BrowserTests;

/// <summary>The landing page of the embedded default, in a real headless Chromium.</summary>
[Collection(BrowserGroup.Name)]
public sealed class LandingPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("pakload-browser-").FullName;
    private HostProcess _host = null!;

    public async Task InitializeAsync() =>
        _host = await HostProcess.StartAsync(new Dictionary<string, string> { ["PakLoad__DataDirectory"] = _dataDirectory });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Landing_FollowReadinessLink_ShowsEveryDependencyHealthy()
    {
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(_host.BaseAddress.ToString());

        Assert.Equal("PakLoad", await page.TitleAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Readiness: every dependency" }).ClickAsync();
        var body = await page.Locator("body").InnerTextAsync();

        Assert.EndsWith("/health/ready", page.Url, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"Healthy\"", body, StringComparison.Ordinal);
        Assert.Contains("\"provider\": \"sqlite\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Landing_SwitchToUrdu_RendersRightToLeftInUrduScript()
    {
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(_host.BaseAddress.ToString());

        await page.GetByRole(AriaRole.Link, new() { Name = "اردو" }).ClickAsync();

        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        Assert.Equal("ur", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("پاک لوڈ", await page.TitleAsync());
        var tagline = await page.GetByTestId("tagline").InnerTextAsync();
        Assert.Contains("ٹرک", tagline, StringComparison.Ordinal);
        var direction = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).direction");
        Assert.Equal("rtl", direction);
    }

    [Fact]
    public async Task Landing_FollowCitiesLink_ListsTheGazetteer()
    {
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(_host.BaseAddress.ToString());

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Cities PakLoad knows") }).ClickAsync();
        var rows = await page.Locator("[data-testid=places] tbody tr").CountAsync();
        var vehicleRows = await page.Locator("[data-testid=vehicles] tbody tr").CountAsync();

        Assert.True(rows >= 44, $"only {rows} cities listed");
        Assert.Equal(10, vehicleRows);
        Assert.Contains("Gujranwala", await page.Locator("[data-testid=places]").InnerTextAsync(), StringComparison.Ordinal);
    }
}
