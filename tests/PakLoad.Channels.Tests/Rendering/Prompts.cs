using PakLoad.Conversations.Engine;

namespace PakLoad.Channels.Tests.Rendering;

/// <summary>Prompts as the engine builds them (keys and option keys from locales/*.json "chat").</summary>
internal static class Prompts
{
    public static Prompt Say(string key, params PromptArg[] args) => new(key, args, [], PromptExpects.Nothing);

    public static Prompt Ask(string key, PromptExpects expects, params string[] optionKeys) =>
        new(key, [], optionKeys.Select((k, i) => PromptOption.Of("o" + i, k)).ToList(), expects);

    public static Prompt MainMenu(string name) => new(
        "chat.menu.title",
        [new PromptArg("name", name)],
        new[] { "post", "myloads", "find", "mybids", "trips", "truck", "language", "help" }
            .Select(o => PromptOption.Of(o, "chat.menu." + o)).ToList(),
        PromptExpects.Choice);

    /// <summary>N options whose titles are the given text (keys that do not exist fall back to themselves).</summary>
    public static Prompt WithTitles(string body, params string[] titles) =>
        new(body, [], titles.Select((t, i) => PromptOption.Of("id" + i, t)).ToList(), PromptExpects.Choice);

    public static bool HasUrduScript(string text) => text.Any(c => c is >= '\u0600' and <= '\u06FF');
}
