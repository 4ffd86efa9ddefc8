using PakLoad.Core.Common;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;

using CoreLanguage = PakLoad.Core.Common.Language;

namespace PakLoad.Conversations.Engine;

/// <summary>What a channel adapter decoded from one provider message.</summary>
public enum InboundKind
{
    Text,

    /// <summary>A reply button or list row; <see cref="InboundMessage.ButtonId"/> is the option id we sent.</summary>
    Button,
    Location,
    Voice,
    Image,
    Document,

    /// <summary>Anything else (stickers, contacts, reactions): answered with "please type or tap".</summary>
    Unsupported,
}

/// <summary>
/// One user turn, channel-neutral. USSD adapters pass only the newest input; WhatsApp button replies pass the
/// option id. <see cref="MessageId"/> is the provider's id: the engine answers each id once.
/// </summary>
public sealed record InboundMessage(
    Channel Channel,
    PhoneNumber Phone,
    string MessageId,
    InboundKind Kind,
    string? Text = null,
    string? ButtonId = null,
    GeoPoint? Location = null,
    string? MediaId = null)
{
    public static InboundMessage TextFrom(Channel channel, PhoneNumber phone, string messageId, string? text) =>
        new(channel, phone, messageId, InboundKind.Text, text);
}

/// <summary>A session's identity: one phone on one channel.</summary>
public readonly record struct ConversationKey(Channel Channel, PhoneNumber Phone)
{
    public override string ToString() => $"{Channel.ToString().ToLowerInvariant()}:{Phone.E164}";
}

/// <summary>What the prompt waits for, so a renderer can pick buttons, a list or a location request.</summary>
public enum PromptExpects
{
    Nothing,
    Text,
    Choice,
    YesNo,
    Location,
}

/// <summary>One named value for a prompt's placeholder, already in the session's language.</summary>
public readonly record struct PromptArg(string Name, string Value);

/// <summary>A choice offered with a prompt: <see cref="Id"/> comes back as a button id; its number is its place.</summary>
public sealed record PromptOption(string Id, string Key, IReadOnlyList<PromptArg> Args)
{
    public static PromptOption Of(string id, string key, params PromptArg[] args) => new(id, key, args);
}

/// <summary>What to say, never the words: a locale key, its arguments, and any options.</summary>
public sealed record Prompt(string Key, IReadOnlyList<PromptArg> Args, IReadOnlyList<PromptOption> Options, PromptExpects Expects)
{
    public string? Arg(string name) => Args.FirstOrDefault(a => a.Name == name).Value;
}

/// <summary>The result of one turn: prompts in the session's language, and the Core use cases it invoked.</summary>
public sealed record TurnResult(
    ConversationKey Key,
    CoreLanguage Language,
    IReadOnlyList<Prompt> Prompts,
    IReadOnlyList<string> UseCases,
    string StepBefore,
    string StepAfter,
    bool Duplicate)
{
    public IEnumerable<string> PromptKeys => Prompts.Select(p => p.Key);
}
