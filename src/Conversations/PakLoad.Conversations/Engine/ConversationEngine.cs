using System.Collections.Concurrent;
using PakLoad.Conversations.Flows;
using PakLoad.Conversations.Language;
using PakLoad.Core.Common;
using PakLoad.Core.Conversations;
using PakLoad.Core.Localization;

namespace PakLoad.Conversations.Engine;

/// <summary>
/// One turn in, prompts out. The pipeline: one turn at a time per phone and channel; load the session;
/// answer each provider message id once; pause an idle form (continue or start again); normalise; global
/// commands; read the current step (with fill-ahead); fire the machine; save the session with its version and
/// the transcript row, in the same unit of work as the use cases the turn invoked. A refused save (another
/// instance answered first) re-runs the turn once on the fresh session.
/// </summary>
public sealed class ConversationEngine(
    ISessionStore store,
    Market market,
    TimeProvider clock,
    ConversationOptions? options = null,
    Interpreters? interpreters = null,
    LocaleCatalog? locale = null,
    TurnLocks? locks = null)
{
    private readonly ConversationOptions _options = options ?? new ConversationOptions();
    private readonly Interpreters _read = interpreters ?? Interpreters.Default;
    private readonly LocaleCatalog _locale = locale ?? LocaleCatalog.Default;
    private readonly TurnLocks _locks = locks ?? TurnLocks.Shared;

    public async Task<TurnResult> HandleAsync(InboundMessage message, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = new ConversationKey(message.Channel, message.Phone);
        using var turnLock = await _locks.AcquireAsync(key.ToString(), ct);
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await store.InTurnAsync(c => RunTurnAsync(key, message, c), ct);
            if (outcome.IsSuccess)
            {
                return outcome.Value!;
            }

            if (attempt >= 2)
            {
                throw new InvalidOperationException($"The session {key} kept changing under this turn; giving up after {attempt} attempts.");
            }
        }
    }

    private async Task<Result<TurnResult>> RunTurnAsync(ConversationKey key, InboundMessage message, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var session = await store.LoadAsync(key, ct) ?? new ConversationSession { LastActivityAt = now };
        var stepBefore = session.Step.ToString();
        if (session.HasSeen(message.MessageId))
        {
            return new TurnResult(key, session.Language, [], [], stepBefore, stepBefore, Duplicate: true);
        }

        var input = Normalizer.Normalize(message.Kind is InboundKind.Text or InboundKind.Button ? message.Text : null);
        var turn = new TurnContext(session, message, input, _read, market, _locale, clock, _options, ct);
        market.TakeInvoked();
        turn.Party = session.Party is { } card && now - card.SeenAt < _options.PartyRefreshAfter
            ? card
            : await market.FindPartyAsync(message.Phone, ct);
        if (turn.Party is not null)
        {
            session.PartyId = turn.Party.Id.Value;
            if (!session.LanguageChosen)
            {
                session.Language = turn.Party.Language;
                session.LanguageChosen = true;
            }
        }

        var dialog = Dialog.Rent(turn);
        await PlayAsync(dialog, turn, now);

        // A first message sent before registering is answered once onboarding ends.
        if (turn.Party is not null && session.PendingText is { } pending && session.Step == Step.Idle)
        {
            session.PendingText = null;
            turn.Input = Normalizer.Normalize(pending);
            await dialog.ApplyAsync(await dialog.ReadAsync());
        }

        Dialog.Return(dialog);
        turn.SettleOptions();

        session.LastActivityAt = now;
        session.Party = turn.Party is { } party && party.SeenAt == DateTimeOffset.MinValue ? party with { SeenAt = now } : turn.Party;
        session.Remember(message.MessageId);
        var result = new TurnResult(key, session.Language, turn.Prompts, market.TakeInvoked(), stepBefore, session.Step.ToString(), Duplicate: false);
        var entry = TranscriptEntry.Record(
            key.ToString(), message.MessageId, message.Channel, input.Text, turn.Interpretation, stepBefore, result.StepAfter,
            string.Join(' ', result.PromptKeys), string.Join(' ', result.UseCases), clock);
        if (!await store.SaveAsync(key, session, entry, ct))
        {
            return Error.Of("errors.conflict");
        }

        return result;
    }

    private async Task PlayAsync(Dialog dialog, TurnContext turn, DateTimeOffset now)
    {
        var session = turn.Session;
        var message = turn.Message;

        if (session.InForm && session.Step != Step.ResumeOffer)
        {
            var idle = now - session.LastActivityAt;
            if (idle > _options.DiscardAfter[message.Channel])
            {
                session.ResetFlow();
                session.Step = Step.Idle;
                turn.Say("chat.expired");
                turn.Note("expired: draft dropped");
            }
            else if (idle > _options.IdleAfter[message.Channel])
            {
                turn.Note("idle: resume offered");
                session.Suspended = session.Step;
                session.Step = Step.Idle;
                await dialog.StartAsync(Step.ResumeOffer);
                return;
            }
        }

        if (message.Kind is InboundKind.Voice or InboundKind.Image or InboundKind.Document or InboundKind.Unsupported)
        {
            // Kept and stored by the channel; here the user is asked to type or tap, and nothing moves.
            turn.Say(message.Kind == InboundKind.Voice ? "chat.voice_not_yet" : "chat.media_not_understood");
            turn.Note($"media {message.Kind}");
            if (session.InForm)
            {
                await dialog.FireAsync(Trigger.Reprompt);
            }

            return;
        }

        var language = _read.Commands.MatchLanguage(turn.Input);
        if (language is not null && turn.Party is not null && session.Step != Step.LanguagePick && session.Step != Step.OnboardLanguage)
        {
            turn.Note($"language {language.Value.ToCode()}");
            await dialog.SwitchLanguageAsync(language.Value);
            await dialog.FireAsync(Trigger.Reprompt);
            return;
        }

        if (!session.LanguageChosen && _read.Commands.DetectLanguage(turn.Input) is { } detected)
        {
            session.Language = detected;
        }

        if (turn.Party is null && !IsOnboarding(session.Step))
        {
            // Strangers register first; a request they opened with is kept and answered afterwards.
            session.ResetFlow();
            var command = _read.Commands.MatchCommand(turn.Input);
            if (turn.Input.Tokens.Count > 1 && command == Command.None)
            {
                session.PendingText = turn.Input.Original;
            }

            turn.Say("chat.onboard.hello");
            session.Step = Step.Idle;
            await dialog.StartAsync(session.LanguageChosen ? Step.OnboardRole : Step.OnboardLanguage);
            return;
        }

        var global = _read.Commands.MatchCommand(turn.Input, message.Channel);
        if (global != Command.None && !(message.Kind == InboundKind.Button))
        {
            turn.Note($"command {global}");
            var trigger = global switch
            {
                Command.Cancel => Trigger.Cancel,
                Command.Help => Trigger.Help,
                Command.Back => Trigger.Back,
                Command.Menu or Command.Restart => Trigger.Restart,
                _ => session.InForm ? Trigger.Reprompt : Trigger.Restart,
            };
            await dialog.FireAsync(trigger);
            return;
        }

        var reading = await dialog.ReadAsync();
        turn.Note($"{session.Step}: {reading.Kind}{(reading.Error is null ? string.Empty : " " + reading.Error.Key)}");
        await dialog.ApplyAsync(reading);
    }

    private static bool IsOnboarding(Step step) =>
        step is Step.OnboardLanguage or Step.OnboardRole or Step.OnboardName or Step.OnboardVehicle or Step.OnboardCnic;

    /// <summary>The flows as a Mermaid diagram (for docs; built from the same configuration the turns use).</summary>
    public static string Diagram()
    {
        var session = new ConversationSession();
        var turn = new TurnContext(
            session, InboundMessage.TextFrom(Channel.WhatsApp, PakLoad.Core.Parties.PhoneNumber.FromE164("+923000000000"), "diagram", string.Empty),
            Normalizer.Normalize(string.Empty), Interpreters.Default, null!, LocaleCatalog.Default, TimeProvider.System, new ConversationOptions(), default);
        return Stateless.Graph.MermaidGraph.Format(new Dialog(turn).Info);
    }
}

/// <summary>One turn at a time per conversation key, in this process; across processes the version check decides.</summary>
public sealed class TurnLocks
{
    private readonly ConcurrentDictionary<string, Entry> _locks = new(StringComparer.Ordinal);

    public static TurnLocks Shared { get; } = new();

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken ct)
    {
        Entry entry;
        while (true)
        {
            entry = _locks.GetOrAdd(key, _ => new Entry());
            lock (entry)
            {
                if (!entry.Retired)
                {
                    entry.Users++;
                    break;
                }
            }
        }

        try
        {
            await entry.Gate.WaitAsync(ct);
        }
        catch
        {
            Release(key, entry, held: false);
            throw;
        }

        return new Releaser(() => Release(key, entry, held: true));
    }

    private void Release(string key, Entry entry, bool held)
    {
        if (held)
        {
            entry.Gate.Release();
        }

        lock (entry)
        {
            entry.Users--;
            if (entry.Users == 0)
            {
                entry.Retired = true;
                _locks.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }

        public bool Retired { get; set; }
    }

    private sealed class Releaser(Action release) : IDisposable
    {
        private Action? _release = release;

        public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
    }
}
