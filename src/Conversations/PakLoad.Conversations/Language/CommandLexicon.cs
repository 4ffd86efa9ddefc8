using System.Collections.Frozen;
using System.Text.Json;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;
using CoreLanguage = PakLoad.Core.Common.Language;

namespace PakLoad.Conversations.Language;

/// <summary>A whole-message command, valid at every step of every form.</summary>
public enum Command
{
    None,
    Cancel,
    Help,
    Back,
    Menu,
    Restart,
    Greeting,
}

/// <summary>What a free message from the menu is about, read from the phrases it contains.</summary>
public enum Intent
{
    PostLoad,
    FindLoads,
    EmptyTruck,
    MyLoads,
    MyBids,
    MyTrips,
    Bid,
    Language,
    Balance,
}

/// <summary>A trip status a driver can report in words ("maal load ho gaya", "پہنچ گیا").</summary>
public enum SpokenMilestone
{
    ArriveAtPickup,
    Load,
    Depart,
    Arrive,
    Deliver,
}

/// <summary>
/// The words of locales/lexicon/commands.json: commands (whole message only), intents (anywhere in the
/// message), language names, roles, skip and "more" words, trip milestones and the markers that tell Roman
/// Urdu from English. Phrases go through <see cref="Normalizer"/> at load, like messages do.
/// </summary>
public sealed class CommandLexicon
{
    public const string ResourceName = "PakLoad.Lexicon.commands.json";

    private readonly FrozenDictionary<string, Command> _commands;
    private readonly (Intent Intent, string[] Tokens)[] _intents;
    private readonly FrozenDictionary<string, CoreLanguage> _languages;
    private readonly FrozenDictionary<string, PartyRole> _roles;
    private readonly FrozenSet<string> _skip;
    private readonly FrozenSet<string> _more;
    private readonly FrozenDictionary<string, Command> _ussdCommands;
    private readonly FrozenSet<string> _ussdMore;
    private readonly string[][] _nearMe;
    private readonly (SpokenMilestone Milestone, string[] Tokens)[] _milestones;
    private readonly FrozenSet<string> _romanMarkers;
    private readonly FrozenSet<string> _englishMarkers;

    private CommandLexicon(JsonElement root)
    {
        static IEnumerable<string> Phrases(JsonElement e) => e.EnumerateArray().Select(x => x.GetString() ?? string.Empty);

        var commands = new Dictionary<string, Command>(StringComparer.Ordinal);
        foreach (var group in root.GetProperty("commands").EnumerateObject())
        {
            var command = Enum.Parse<Command>(group.Name, ignoreCase: true);
            foreach (var phrase in Phrases(group.Value))
            {
                commands[Key(phrase)] = command;
            }
        }

        _commands = commands.ToFrozenDictionary(StringComparer.Ordinal);
        _intents = root.GetProperty("intents").EnumerateObject()
            .SelectMany(g => Phrases(g.Value).Select(p => (Enum.Parse<Intent>(g.Name.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true), Tokens(p))))
            .OrderByDescending(x => x.Item2.Length)
            .ToArray();
        _languages = root.GetProperty("languages").EnumerateObject()
            .SelectMany(g => Phrases(g.Value).Select(p => (Key(p), Lang: PakLoad.Core.Common.LanguageCodes.Parse(g.Name).ValueOrThrow())))
            .ToFrozenDictionary(x => x.Item1, x => x.Lang, StringComparer.Ordinal);
        _roles = root.GetProperty("roles").EnumerateObject()
            .SelectMany(g => Phrases(g.Value).Select(p => (Key(p), Role: Enum.Parse<PartyRole>(g.Name, ignoreCase: true))))
            .ToFrozenDictionary(x => x.Item1, x => x.Role, StringComparer.Ordinal);
        _skip = Phrases(root.GetProperty("skip")).Select(Key).ToFrozenSet(StringComparer.Ordinal);
        _more = Phrases(root.GetProperty("more")).Select(Key).ToFrozenSet(StringComparer.Ordinal);
        var ussd = root.GetProperty("ussd");
        _ussdCommands = Phrases(ussd.GetProperty("back")).Select(p => (Key(p), Command.Back))
            .Concat(Phrases(ussd.GetProperty("menu")).Select(p => (Key(p), Command.Menu)))
            .ToFrozenDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);
        _ussdMore = Phrases(ussd.GetProperty("more")).Select(Key).ToFrozenSet(StringComparer.Ordinal);
        _nearMe = Phrases(root.GetProperty("nearMe")).Select(Tokens).ToArray();
        _milestones = root.GetProperty("milestones").EnumerateObject()
            .SelectMany(g => Phrases(g.Value).Select(p => (Enum.Parse<SpokenMilestone>(g.Name), Tokens(p))))
            .OrderByDescending(x => x.Item2.Length)
            .ToArray();
        var markers = root.GetProperty("languageMarkers");
        _romanMarkers = Phrases(markers.GetProperty("ur-Latn")).Select(Key).ToFrozenSet(StringComparer.Ordinal);
        _englishMarkers = Phrases(markers.GetProperty("en")).Select(Key).ToFrozenSet(StringComparer.Ordinal);
    }

    public static CommandLexicon Default { get; } = Load(OpenEmbedded());

    public static Stream OpenEmbedded() =>
        typeof(CommandLexicon).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");

    public static CommandLexicon Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return new CommandLexicon(document.RootElement);
    }

    /// <summary>The command the whole message is, or <see cref="Command.None"/>.</summary>
    public Command MatchCommand(NormalizedText message) =>
        _commands.TryGetValue(Key(message), out var command) ? command : Command.None;

    /// <summary>
    /// The command the whole message is on this channel: on USSD also the navigation tokens ("0" back, "00" main
    /// menu). Elsewhere a bare "0" is data (an answer the step judges), never navigation.
    /// </summary>
    public Command MatchCommand(NormalizedText message, Channel channel) =>
        channel == Channel.Ussd && _ussdCommands.TryGetValue(Key(message), out var command) ? command : MatchCommand(message);

    /// <summary>A whole-message language name ("urdu", "اردو", "roman").</summary>
    public CoreLanguage? MatchLanguage(NormalizedText message) =>
        _languages.TryGetValue(Key(message), out var language) ? language : null;

    public PartyRole? MatchRole(NormalizedText message) =>
        _roles.TryGetValue(Key(message), out var role) ? role : null;

    public bool IsSkip(NormalizedText message) => _skip.Contains(Key(message));

    public bool IsMore(NormalizedText message) => _more.Contains(Key(message));

    /// <summary>"More" on this channel: on USSD also "98".</summary>
    public bool IsMore(NormalizedText message, Channel channel) =>
        IsMore(message) || (channel == Channel.Ussd && _ussdMore.Contains(Key(message)));

    public bool MentionsNearMe(NormalizedText message) => _nearMe.Any(p => Contains(message.Tokens, p));

    /// <summary>Every intent whose phrase appears in the message, longest phrases first.</summary>
    public IReadOnlySet<Intent> Intents(NormalizedText message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var found = new HashSet<Intent>();
        foreach (var (intent, tokens) in _intents)
        {
            if (Contains(message.Tokens, tokens))
            {
                found.Add(intent);
            }
        }

        return found;
    }

    public SpokenMilestone? MatchMilestone(NormalizedText message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var (milestone, tokens) in _milestones)
        {
            if (Contains(message.Tokens, tokens))
            {
                return milestone;
            }
        }

        return null;
    }

    /// <summary>
    /// The language a message is written in, when it says so clearly: any Urdu-script letter means Urdu;
    /// otherwise more Roman-Urdu markers than English ones (or the reverse) decide; a tie says nothing.
    /// </summary>
    public CoreLanguage? DetectLanguage(NormalizedText message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var c in message.Text)
        {
            if (c is >= '\u0600' and <= '\u06FF')
            {
                return CoreLanguage.Ur;
            }
        }

        int roman = 0, english = 0;
        foreach (var token in message.Tokens)
        {
            roman += _romanMarkers.Contains(token) ? 1 : 0;
            english += _englishMarkers.Contains(token) ? 1 : 0;
        }

        return roman > english ? CoreLanguage.UrLatn : english > roman ? CoreLanguage.En : null;
    }

    private static bool Contains(IReadOnlyList<string> tokens, string[] phrase)
    {
        if (phrase.Length == 0)
        {
            return false;
        }

        for (var i = 0; i + phrase.Length <= tokens.Count; i++)
        {
            var match = true;
            for (var j = 0; j < phrase.Length && match; j++)
            {
                match = string.Equals(tokens[i + j], phrase[j], StringComparison.Ordinal);
            }

            if (match)
            {
                return true;
            }
        }

        return false;
    }

    private static string[] Tokens(string phrase) => [.. Normalizer.Normalize(phrase).Tokens];

    private static string Key(string phrase) => Key(Normalizer.Normalize(phrase));

    private static string Key(NormalizedText text) =>
        text.Tokens.Count == 0 ? text.Text : string.Join(' ', text.Tokens);
}
