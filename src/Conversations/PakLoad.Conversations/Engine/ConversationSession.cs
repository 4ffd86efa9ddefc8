using System.Text.Json;
using System.Text.Json.Serialization;

using CoreLanguage = PakLoad.Core.Common.Language;

namespace PakLoad.Conversations.Engine;

/// <summary>
/// Everything a conversation remembers between turns, saved whole as one JSON document with a version. The
/// Stateless machine holds no state of its own: it reads and writes <see cref="Step"/> here.
/// </summary>
public sealed class ConversationSession
{
    public const int RememberedMessages = 64;

    public CoreLanguage Language { get; set; } = CoreLanguage.UrLatn;

    /// <summary>True once the user picked a language; until then replies follow the language they write in.</summary>
    public bool LanguageChosen { get; set; }

    public Guid? PartyId { get; set; }

    /// <summary>The party as last read (see <see cref="PartyCard"/>); null for a stranger.</summary>
    public PartyCard? Party { get; set; }

    public Step Step { get; set; } = Step.Idle;

    /// <summary>Slot values as invariant strings (place ids, kg, ISO dates, paisa, entity ids).</summary>
    public Dictionary<string, string> Slots { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Steps answered in this flow, most recent last, for Back.</summary>
    public List<Step> History { get; set; } = [];

    public int Retries { get; set; }

    /// <summary>The option ids the last question showed, in order: a bare "2" means the second.</summary>
    public List<string> Options { get; set; } = [];

    /// <summary>Set while fixing one field from the confirmation: the next answer goes back to confirm.</summary>
    public bool ReturnToConfirm { get; set; }

    /// <summary>Where a timed-out form stood, while the user is asked to continue or start again.</summary>
    public Step? Suspended { get; set; }

    /// <summary>A first message that arrived before the user was registered, replayed once onboarding ends.</summary>
    public string? PendingText { get; set; }

    public DateTimeOffset LastActivityAt { get; set; }

    /// <summary>The version this copy was read at (0 = never saved). The store bumps it on every save.</summary>
    public int Version { get; set; }

    /// <summary>Provider message ids already answered, newest last, bounded.</summary>
    public List<string> RecentMessages { get; set; } = [];

    public bool InForm => Step != Step.Idle;

    public string? Slot(string name) => Slots.GetValueOrDefault(name);

    public bool Has(string name) => Slots.ContainsKey(name);

    public void Set(string name, string value) => Slots[name] = value;

    public void Clear(string name) => Slots.Remove(name);

    /// <summary>Forgets the flow's answers (not the language, party or message memory).</summary>
    public void ResetFlow()
    {
        Slots.Clear();
        History.Clear();
        Options.Clear();
        Retries = 0;
        ReturnToConfirm = false;
        Suspended = null;
    }

    public bool HasSeen(string messageId) => RecentMessages.Contains(messageId, StringComparer.Ordinal);

    public void Remember(string messageId)
    {
        RecentMessages.Add(messageId);
        if (RecentMessages.Count > RememberedMessages)
        {
            RecentMessages.RemoveRange(0, RecentMessages.Count - RememberedMessages);
        }
    }

    public string Serialize() => JsonSerializer.Serialize(this, SessionJson.Default.ConversationSession);

    public static ConversationSession Deserialize(string json) =>
        JsonSerializer.Deserialize(json, SessionJson.Default.ConversationSession) ?? throw new JsonException("Empty session document.");
}

/// <summary>The session document's JSON, generated at compile time (every turn reads and writes it once).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationSession))]
internal sealed partial class SessionJson : JsonSerializerContext;
