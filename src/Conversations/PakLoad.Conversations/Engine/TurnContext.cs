using System.Globalization;
using PakLoad.Conversations.Language;
using PakLoad.Core.Common;
using PakLoad.Core.Localization;
using PakLoad.Core.Places;
using CoreLanguage = PakLoad.Core.Common.Language;

namespace PakLoad.Conversations.Engine;

/// <summary>The interpreters a turn reads with, built once and shared (they are immutable).</summary>
public sealed class Interpreters(
    CommandLexicon commands,
    YesNoInterpreter yesNo,
    NumberInterpreter numbers,
    MoneyInterpreter money,
    WeightInterpreter weight,
    DateInterpreter dates,
    PlaceInterpreter places,
    RouteInterpreter routes,
    VehicleInterpreter vehicles)
{
    public static Interpreters Default { get; } = new(
        CommandLexicon.Default,
        YesNoInterpreter.Default,
        NumberInterpreter.Default,
        MoneyInterpreter.Default,
        WeightInterpreter.Default,
        DateInterpreter.Default,
        PlaceInterpreter.Default,
        RouteInterpreter.Default,
        VehicleInterpreter.Default);

    public CommandLexicon Commands => commands;

    public YesNoInterpreter YesNo => yesNo;

    public NumberInterpreter Numbers => numbers;

    public MoneyInterpreter Money => money;

    public WeightInterpreter Weight => weight;

    public DateInterpreter Dates => dates;

    public PlaceInterpreter Places => places;

    public RouteInterpreter Routes => routes;

    public VehicleInterpreter Vehicles => vehicles;
}

/// <summary>
/// One turn in progress: the message, the session it acts on, the prompts collected so far, and helpers that
/// turn values into prompt arguments in the session's language.
/// </summary>
public sealed class TurnContext(
    ConversationSession session,
    InboundMessage message,
    NormalizedText input,
    Interpreters read,
    Market market,
    LocaleCatalog locale,
    TimeProvider clock,
    ConversationOptions options,
    CancellationToken cancellationToken)
{
    private static readonly CultureInfo Urdu = CultureInfo.GetCultureInfo("ur-PK");
    private readonly List<Prompt> _prompts = [];
    private readonly List<string> _notes = [];

    public ConversationSession Session => session;

    public InboundMessage Message => message;

    public NormalizedText Input { get; set; } = input;

    public Interpreters Read => read;

    public Market Market => market;

    public TimeProvider Clock => clock;

    public ConversationOptions Options => options;

    public CancellationToken CancellationToken => cancellationToken;

    public PartyCard? Party { get; set; }

    public CoreLanguage Language => session.Language;

    public IReadOnlyList<Prompt> Prompts => _prompts;

    /// <summary>How the turn was read, for the transcript ("route khi->lhe; weight 20000kg").</summary>
    public string Interpretation => string.Join("; ", _notes);

    public void Note(string note) => _notes.Add(note);

    public void Say(string key, params PromptArg[] args) =>
        _prompts.Add(new Prompt(key, args, [], PromptExpects.Nothing));

    public void Say(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _prompts.Add(new Prompt(error.Key, error.Args.Select(a => new PromptArg(a.Key, a.Value)).ToArray(), [], PromptExpects.Nothing));
    }

    /// <summary>Asks a question; its options become what a bare number means on the next turn.</summary>
    public void Ask(string key, PromptExpects expects, IReadOnlyList<PromptOption>? options = null, params PromptArg[] args)
    {
        var list = options ?? [];
        session.Options = list.Select(o => o.Id).ToList();
        _prompts.Add(new Prompt(key, args, list, expects));
    }

    /// <summary>
    /// At the end of the turn: the options of the last question asked are what a bare number means next. A question
    /// asked while a transition was still running (the state machine queues a trigger fired from inside one, so an
    /// entry action such as Idle's "reset the flow" may run after the menu was shown) must not lose them.
    /// </summary>
    public void SettleOptions()
    {
        if (_prompts.LastOrDefault(p => p.Expects != PromptExpects.Nothing) is { } question)
        {
            session.Options = question.Options.Select(o => o.Id).ToList();
        }
    }

    public static PromptArg Arg(string name, string value) => new(name, value);

    /// <summary>A short word from the locale (a status name, a unit) as an argument value.</summary>
    public string Word(string key) => locale.Format(key, Language);

    public string City(string placeId) =>
        market.Gazetteer.Contains(new PlaceId(placeId)) ? market.Gazetteer.Get(new PlaceId(placeId)).Name(Language) : placeId;

    public string Weight(int kg)
    {
        var tons = kg / 1000m;
        return kg >= 1000 && kg % 100 == 0
            ? locale.Format("chat.unit.ton", Language, ("n", tons.ToString("0.#", CultureInfo.InvariantCulture)))
            : locale.Format("chat.unit.kg", Language, ("n", kg.ToString(CultureInfo.InvariantCulture)));
    }

    public string Date(DateOnly date) => Language switch
    {
        CoreLanguage.Ur => date.ToString("d MMMM", Urdu),
        CoreLanguage.En => date.ToString("ddd d MMM", CultureInfo.InvariantCulture),
        _ => date.ToString("d MMM", CultureInfo.InvariantCulture),
    };

    public string Money(Money amount) => amount.Format(Language);

    public string Vehicle(string classId) =>
        market.Vehicles.FindClass(classId) is { IsSuccess: true } found ? found.Value!.Name(Language) : classId;

    public static string Reference(int reference) => $"PK{reference.ToString(CultureInfo.InvariantCulture)}";

    public DateOnly Today => PakistanTime.Today(clock);

    /// <summary>The option a bare number or a button id picked from the last question, if any.</summary>
    public string? PickedOption()
    {
        if (message.Kind == InboundKind.Button && message.ButtonId is { } id && session.Options.Contains(id, StringComparer.Ordinal))
        {
            return id;
        }

        if (Input.Tokens.Count == 1 && int.TryParse(Input.Tokens[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 1 && n <= session.Options.Count)
        {
            return session.Options[n - 1];
        }

        // A typed option id ("more", "bid") counts too.
        var whole = string.Join(' ', Input.Tokens);
        return session.Options.FirstOrDefault(o => string.Equals(o, whole, StringComparison.Ordinal));
    }
}

/// <summary>Timeouts and page sizes of the conversation engine; the defaults are what the README states.</summary>
public sealed class ConversationOptions
{
    /// <summary>Idle time after which a form is paused and the user is asked "continue or start again".</summary>
    public Dictionary<Channel, TimeSpan> IdleAfter { get; } = new()
    {
        [Channel.WhatsApp] = TimeSpan.FromMinutes(60),
        [Channel.Sms] = TimeSpan.FromHours(24),
        [Channel.Ussd] = TimeSpan.FromMinutes(2),
        [Channel.Web] = TimeSpan.FromMinutes(60),
    };

    /// <summary>Idle time after which an unfinished form is dropped without asking.</summary>
    public Dictionary<Channel, TimeSpan> DiscardAfter { get; } = new()
    {
        [Channel.WhatsApp] = TimeSpan.FromHours(24),
        [Channel.Sms] = TimeSpan.FromHours(72),
        [Channel.Ussd] = TimeSpan.FromMinutes(30),
        [Channel.Web] = TimeSpan.FromHours(24),
    };

    public int MaxInvalidAnswers { get; set; } = 3;

    /// <summary>Loads, bids or trips shown per page of a list.</summary>
    public int PageSize { get; set; } = 3;

    /// <summary>How long a session trusts its copy of the party before reading it again.</summary>
    public TimeSpan PartyRefreshAfter { get; set; } = TimeSpan.FromMinutes(10);
}
