using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PakLoad.Channels.Inbox;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.Core.Parties;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.BrowserTests;

/// <summary>
/// The back office's dead-letter page in headless Chromium, against the real binary on PostgreSQL: an admin (signed in
/// through the real endpoints, the token sent as a bearer header) sees a parked WhatsApp message and presses retry;
/// the worker answers it.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class DeadLettersPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string AdminPhone = "+923001290001";
    private const string UserPhone = "+923001290002";
    private TestDatabase _database = null!;
    private HostProcess _host = null!;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("pakload-deadletters-").FullName;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider.Postgres);
        _host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = _database.ConnectionString,
            ["PakLoad__MigrateAtStart"] = "true",
            ["PakLoad__DataDirectory"] = _dataDirectory,
            ["PakLoad__WhatsApp__AppSecret"] = "browser-app-secret",
            ["PakLoad__WhatsApp__VerifyToken"] = "browser-verify-token",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Admin_SeesTheDeadLetter_PressesRetry_AndTheWorkerAnswersIt()
    {
        var token = await AdminTokenAsync();
        long id;
        await using (var db = _database.CreateContext())
        {
            // A message the inbox worker gave up on, as it parks one after its last attempt.
            var row = new InboxRecord
            {
                Provider = "whatsapp",
                ProviderMessageId = "wamid.browser.dead",
                UserKey = $"whatsapp:{UserPhone}",
                Payload = new InboundEnvelope(Channel.WhatsApp, UserPhone, "wamid.browser.dead", InboundKind.Text, "hi").Serialize(),
                ReceivedAt = DateTimeOffset.UtcNow,
                Status = InboxStatus.Dead,
                Attempts = 5,
                LastError = "TimeoutException: the database did not answer",
            };
            db.ChannelInbox.Add(row);
            await db.SaveChangesAsync();
            id = row.Id;
        }

        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(new Uri(_host.BaseAddress, "/admin/dead-letters").ToString());
        var letter = page.Locator($"[data-letter='inbound-{id}']");
        var shown = await letter.InnerTextAsync();
        await letter.GetByTestId("retry").ClickAsync();
        await page.GetByTestId("notice").WaitForAsync(new() { Timeout = 20_000 });

        Assert.Equal(200, response!.Status);
        Assert.Contains("+••••••••0002", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("3001290002", shown, StringComparison.Ordinal);
        Assert.Contains("TimeoutException", shown, StringComparison.Ordinal);
        Assert.Equal("Put back in the queue.", await page.GetByTestId("notice").InnerTextAsync());
        Assert.Equal(0, await page.Locator($"[data-letter='inbound-{id}']").CountAsync());
        for (var i = 0; ; i++)
        {
            await using var db = _database.CreateContext();
            var done = await db.ChannelInbox.AsNoTracking().AnyAsync(r => r.Id == id && r.Status == InboxStatus.Done);
            var replies = await db.ChannelOutbound.AsNoTracking().CountAsync(o => o.DedupeKey.StartsWith($"inbox:{id}:") && o.Status == OutboundStatus.Sent);
            if (done && replies > 0)
            {
                break;
            }

            Assert.True(i < 200, $"The retried message was not answered:\n{_host.Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Signs the admin in through the real endpoints (the code read as the SMS carried it), grants the role, signs in again.</summary>
    private async Task<string> AdminTokenAsync()
    {
        await SignInAsync();
        await using (var db = _database.CreateContext())
        {
            var party = await db.Parties.SingleAsync(p => p.Phone == PhoneNumber.FromE164(AdminPhone));
            party.AddRole(PartyRole.Admin);
            party.ChangeLanguage(Language.En);
            await db.SaveChangesAsync();
        }

        return await SignInAsync();
    }

    private async Task<string> SignInAsync()
    {
        using (var sent = await _host.Client.PostAsJsonAsync("/api/v1/auth/code", new { phone = AdminPhone }))
        {
            sent.EnsureSuccessStatusCode();
        }

        var code = await CodeAsync();
        using var verified = await _host.Client.PostAsJsonAsync("/api/v1/auth/verify", new { phone = AdminPhone, code, name = "Ops Admin", role = "Shipper", language = "en" });
        verified.EnsureSuccessStatusCode();
        return (await verified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>The newest sign-in code: from the outbox while pending, else from the words that went out (the outbox blanks it once sent).</summary>
    private async Task<string> CodeAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            await using var db = _database.CreateContext();
            var message = await db.Outbox.AsNoTracking().Where(o => o.RecipientPhone == PhoneNumber.FromE164(AdminPhone) && o.TemplateKey == "notifications.auth.code")
                .OrderByDescending(o => o.CreatedAt).FirstAsync();
            var code = message.Arguments[Core.Notifications.OutboxMessage.SecretArgument];
            if (!code.StartsWith('*'))
            {
                return code;
            }

            var sent = await db.ChannelOutbound.AsNoTracking().FirstOrDefaultAsync(o => o.DedupeKey == "outbox:" + message.DedupeKey);
            if (sent is not null && System.Text.RegularExpressions.Regex.Match(sent.Payload, @"(\d{4,})") is { Success: true } found)
            {
                return found.Groups[1].Value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No sign-in code was sent.");
    }
}
