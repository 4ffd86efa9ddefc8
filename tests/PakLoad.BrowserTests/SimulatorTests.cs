using Microsoft.Playwright;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.BrowserTests;

/// <summary>The channel simulator of the embedded default, in headless Chromium, through the real webhooks.</summary>
[Collection(BrowserGroup.Name)]
public sealed class SimulatorTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("pakload-simulator-").FullName;
    private HostProcess _host = null!;

    public async Task InitializeAsync() =>
        _host = await HostProcess.StartAsync(new Dictionary<string, string> { ["PakLoad__DataDirectory"] = _dataDirectory });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task WhatsApp_NewUserSaysHi_GetsTappableOptions_TapMovesTheConversationOn()
    {
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(new Uri(_host.BaseAddress, "/simulator").ToString());
        await page.GetByTestId("phone").FillAsync("03005550101");

        await page.GetByTestId("message").FillAsync("hi");
        await page.GetByTestId("message").PressAsync("Enter");
        var option = page.Locator(".bubble.pak .options button").First;
        await option.WaitForAsync(new() { Timeout = 20_000 });
        var before = await page.Locator(".bubble.pak").CountAsync();
        await option.ClickAsync();
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('.bubble.pak').length > {before}", null, new() { Timeout = 20_000 });

        var chat = await page.GetByTestId("chat").InnerTextAsync();
        Assert.Contains("PakLoad", chat, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ussd_DialShowsAScreenOfAtMost160Characters()
    {
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(new Uri(_host.BaseAddress, "/simulator").ToString());
        await page.GetByTestId("phone").FillAsync("03005550102");
        await page.GetByTestId("channel").SelectOptionAsync("ussd");

        await page.GetByRole(AriaRole.Button, new() { Name = "Dial *384*123#" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=screen]').textContent.length > 0", null, new() { Timeout = 20_000 });
        var first = await page.GetByTestId("screen").InnerTextAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "2", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).Last.ClickAsync();
        await page.WaitForFunctionAsync($"() => document.querySelector('[data-testid=screen]').textContent !== {System.Text.Json.JsonSerializer.Serialize(first)}", null, new() { Timeout = 20_000 });

        Assert.InRange(first.Length, 1, 160);
        Assert.InRange((await page.GetByTestId("screen").InnerTextAsync()).Length, 1, 160);
    }
}
