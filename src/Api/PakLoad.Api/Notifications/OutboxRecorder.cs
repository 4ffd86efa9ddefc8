using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Data;
using PakLoad.Core.Localization;
using PakLoad.Core.Notifications;

namespace PakLoad.Api.Notifications;

/// <summary>
/// Until the channel senders exist (WhatsApp, SMS, USSD), the embedded default records outbox messages: each
/// pending message is rendered in its recipient's language, written to the log (so a developer can read a
/// sign-in code) and marked sent. Rows stay in the database for the simulator and the back office.
/// </summary>
internal sealed partial class OutboxRecorder(IServiceScopeFactory scopes, LocaleCatalog locales, TimeProvider clock, ILogger<OutboxRecorder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RecordPendingAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    internal async Task<int> RecordPendingAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PakLoadDbContext>();
        var pending = await db.Outbox.Where(o => o.Status == OutboxStatus.Pending).OrderBy(o => o.CreatedAt).Take(100).ToListAsync(ct);
        foreach (var message in pending)
        {
            var text = locales.Format(message.TemplateKey, message.Language, message.Arguments.Select(a => (a.Key, a.Value)).ToArray());
            LogRecorded(logger, message.Channel, message.RecipientPhone, text);
            message.MarkSent(clock);
            message.RedactSecrets();
        }

        await db.SaveChangesAsync(ct);
        return pending.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox ({Channel} to {Phone}): {Text}")]
    private static partial void LogRecorded(ILogger logger, Core.Common.Channel channel, Core.Parties.PhoneNumber phone, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox recording failed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
