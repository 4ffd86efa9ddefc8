using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using PakLoad.Channels.Outbound;
using PakLoad.Channels.Sms;
using PakLoad.Channels.Ussd;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.Core.Localization;
using PakLoad.Core.Parties;

namespace PakLoad.Api.Channels;

/// <summary>PakLoad:Ussd in configuration.</summary>
internal sealed class UssdOptions
{
    /// <summary>How long a hop may take before the session ends with END and the answer follows by SMS.</summary>
    public TimeSpan TurnBudget { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a hop's answer and a session's pages are kept (gateways end sessions within ~3 minutes).</summary>
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// USSD is synchronous: one hop in, one screen out within the gateway's deadline. A hop is idempotent on
/// (session, hop id): the session's cache entry keeps its last hop's answer, and a repeat (a gateway's retry: hops
/// are synchronous, so only the last one can come again) gets the same screen without a second turn. "98" walks the
/// renderer's pages without a turn; everything else is one engine turn. A new session sends a greeting, which the
/// engine answers with the menu, the current question, or (after 2 idle minutes) "1 continue, 2 start again".
/// A turn that overruns the budget ends the session with END and its answer goes out by SMS.
/// </summary>
internal sealed class UssdService(
    IServiceScopeFactory scopes,
    IDistributedCache cache,
    UssdRenderer renderer,
    SmsRenderer sms,
    LocaleCatalog locales,
    OutboundWorker outbound,
    UssdOptions options,
    TimeProvider clock,
    ChannelMetrics metrics,
    ILogger<UssdService> logger)
{
    private static string SessionKey(UssdRequest r) => SessionKey(r.Gateway, r.SessionId);

    private static string SessionKey(string gateway, string sessionId) => $"pakload:ussd:session:{gateway}:{sessionId}";

    public async Task<UssdResponse> HandleAsync(UssdRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (PhoneNumber.Parse(request.Msisdn) is not { IsSuccess: true } parsed)
        {
            return new UssdResponse(locales.Template("chat.not_understood", Language.En, "ussd"), false);
        }

        if (request.IsEnd)
        {
            await cache.RemoveAsync(SessionKey(request), ct);
            return new UssdResponse(string.Empty, false);
        }

        // One entry per session holds its pages and its last hop's answer: one read, one write per hop.
        var stateJson = await cache.GetStringAsync(SessionKey(request), ct);
        var state = stateJson is null ? null : JsonSerializer.Deserialize<UssdSessionState>(stateJson);
        if (state?.AnswerTo(request.HopId) is { } repeated)
        {
            return repeated;
        }

        if (state is { Ended: true })
        {
            state = null;
        }

        var input = request.LatestInput(state?.RawInput);
        UssdResponse response;
        if (state is { HasMorePages: true } && input == UssdRenderer.MoreToken)
        {
            state = state with { RawInput = request.RawInput, Page = state.Page + 1 };
            response = new UssdResponse(state.Pages[state.Page], state.HasMorePages || state.Continue);
        }
        else
        {
            var text = state is null && input.Length == 0 ? "hi" : input;
            var message = InboundMessage.TextFrom(Channel.Ussd, parsed.Value!, $"ussd:{request.Gateway}:{request.SessionId}:{request.HopId}", text);
            var turn = TurnAsync(message);
            if (await Task.WhenAny(turn, Task.Delay(options.TurnBudget, clock, ct)) != turn)
            {
                _ = FollowUpBySmsAsync(turn, parsed.Value!);
                response = new UssdResponse(locales.Template("chat.channel.ussd_follow_up", Language.UrLatn, "ussd"), false);
                state = null;
            }
            else
            {
                var result = await turn;
                var pages = renderer.Pages(result.Prompts, result.Language);
                var keepOpen = result.Prompts.Any(p => p.Expects != PromptExpects.Nothing);
                state = new UssdSessionState(request.RawInput, pages, 0, keepOpen);
                response = new UssdResponse(pages[0], keepOpen || pages.Count > 1);
            }
        }

        var next = state is not null && response.Continue
            ? state with { HopId = request.HopId, Answer = response }
            : UssdSessionState.EndedWith(request.HopId, response);
        await cache.SetStringAsync(
            SessionKey(request),
            JsonSerializer.Serialize(next),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = options.StateLifetime },
            ct);
        return response;
    }

    /// <summary>
    /// The gateway's end-of-session report: the session's cache entry goes at once (a retried hop can no longer come),
    /// the report is stored once per (gateway, session), counted by status, and a Failed session's error is logged as a
    /// warning. A re-sent report changes nothing and is not counted again. A draft the user left stays with the
    /// conversation (per phone), so the next dial offers to continue it.
    /// </summary>
    public async Task EndedAsync(UssdSessionEnd report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        await cache.RemoveAsync(SessionKey(report.Gateway, report.SessionId), ct);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PakLoadDbContext>();
        db.UssdSessionEnds.Add(new UssdSessionEndRecord
        {
            Gateway = report.Gateway,
            SessionId = report.SessionId,
            Phone = report.Phone is { } raw && PhoneNumber.Parse(raw) is { IsSuccess: true } phone ? phone.Value!.E164 : report.Phone,
            ServiceCode = report.ServiceCode,
            NetworkCode = report.NetworkCode,
            Status = report.Status,
            ErrorMessage = report.ErrorMessage,
            Cost = report.Cost,
            DurationMs = report.DurationMs,
            Hops = report.Hops,
            ReceivedAt = clock.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (db.IsConflict(ex))
        {
            return;
        }

        metrics.UssdSessionEnded(report.Gateway, report.Status);
        if (report.Status == UssdSessionEnd.Failed)
        {
            Log.UssdFailed(logger, report.Gateway, report.SessionId, report.ErrorMessage ?? "(no errorMessage)");
        }
        else
        {
            Log.UssdEnded(logger, report.Gateway, report.SessionId, report.Status);
        }
    }

    private async Task<TurnResult> TurnAsync(InboundMessage message)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConversationEngine>().HandleAsync(message, CancellationToken.None);
    }

    /// <summary>The overrun turn still commits; its answer goes to the phone as an SMS (outbound row, same sender).</summary>
    private async Task FollowUpBySmsAsync(Task<TurnResult> turn, PhoneNumber phone)
    {
        try
        {
            var result = await turn;
            if (result.Duplicate || result.Prompts.Count == 0)
            {
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PakLoadDbContext>();
            db.ChannelOutbound.Add(new OutboundRecord
            {
                Channel = ChannelNames.Sms,
                Recipient = phone.E164,
                Kind = "text",
                Payload = sms.Render(result.Prompts, result.Language),
                DedupeKey = $"ussd-followup:{Guid.CreateVersion7()}",
                Language = result.Language.ToCode(),
                Status = OutboundStatus.Pending,
                CreatedAt = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
            outbound.Signal(OutboundWorker.Key(ChannelNames.Sms, phone.E164));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.FollowUpFailed(logger, ex);
        }
    }
}

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Error, Message = "USSD: the SMS follow-up of an overrun turn failed")]
    public static partial void FollowUpFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "USSD session {Gateway}:{SessionId} ended: {Status}")]
    public static partial void UssdEnded(ILogger logger, string gateway, string sessionId, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "USSD session {Gateway}:{SessionId} failed at the gateway: {ErrorMessage}")]
    public static partial void UssdFailed(ILogger logger, string gateway, string sessionId, string errorMessage);
}
