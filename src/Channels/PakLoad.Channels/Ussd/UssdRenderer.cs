using System.Globalization;
using System.Text;
using PakLoad.Channels.Rendering;
using PakLoad.Conversations.Engine;

using CoreLanguage = PakLoad.Core.Common.Language;

namespace PakLoad.Channels.Ussd;

/// <summary>
/// USSD screens: at most 160 GSM-7 characters each (the CON/END prefix is protocol, not screen), Urdu rendered
/// as Roman Urdu, options numbered "1. …". When the options do not fit, they continue on further pages behind
/// "98. More"; option numbers stay those of the prompt, so "8" on page two still means option 8.
/// </summary>
public sealed class UssdRenderer(PromptTexts texts)
{
    public const int MaxChars = 160;
    public const string MoreToken = "98";

    public IReadOnlyList<string> Pages(IReadOnlyList<Prompt> prompts, CoreLanguage language)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var bodies = new List<string>();
        var options = new List<string>();
        foreach (var prompt in prompts)
        {
            var words = texts.Words(prompt, language, "ussd", roman: true);
            bodies.Add(Sanitise(words.Body));
            for (var i = 0; i < words.Options.Count; i++)
            {
                options.Add(string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {Sanitise(words.Options[i].Title)}"));
            }
        }

        var more = MoreToken + ". " + Sanitise(texts.Text("chat.option.more", language, "ussd", roman: true));
        var body = string.Join('\n', bodies.Where(b => b.Length > 0));
        var single = options.Count == 0 ? body : body + "\n" + string.Join('\n', options);
        if (single.Length <= MaxChars)
        {
            return [Validate(single.Trim('\n'))];
        }

        // The body keeps room for at least one option and the "more" line.
        var firstOption = options.Count == 0 ? 0 : options[0].Length + 1 + more.Length + 1;
        body = Shorten(body, MaxChars - firstOption);
        var pages = new List<string>();
        var page = new StringBuilder(body);
        var index = 0;
        while (index < options.Count)
        {
            var line = options[index];
            var remainingAfter = options.Count - index - 1;
            var reserve = remainingAfter > 0 ? more.Length + 1 : 0;
            if (page.Length + (page.Length > 0 ? 1 : 0) + line.Length + reserve <= MaxChars || page.Length == 0)
            {
                if (page.Length > 0)
                {
                    page.Append('\n');
                }

                page.Append(Shorten(line, MaxChars - reserve - 1));
                index++;
                continue;
            }

            page.Append('\n').Append(more);
            pages.Add(Validate(page.ToString()));
            page.Clear();
        }

        pages.Add(Validate(page.Length == 0 ? body : page.ToString()));
        return pages;
    }

    /// <summary>The screen rule: ≤ 160 characters, GSM-7 only. Throws, because breaking it is a bug here.</summary>
    public static string Validate(string screen)
    {
        ArgumentNullException.ThrowIfNull(screen);
        if (screen.Length > MaxChars || Gsm7.Septets(screen) > MaxChars)
        {
            throw new ArgumentException($"A USSD screen has {screen.Length} characters; the limit is {MaxChars}.", nameof(screen));
        }

        if (!Gsm7.CanEncode(screen))
        {
            throw new ArgumentException("A USSD screen must be GSM-7 only (no Urdu script, no emoji).", nameof(screen));
        }

        return screen;
    }

    /// <summary>Anything a feature phone cannot show becomes '?' (the texts themselves are tested to be GSM-7).</summary>
    private static string Sanitise(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(Gsm7.IsBasic(c) ? c : c is '’' or '‘' ? '\'' : c is '–' or '—' ? '-' : '?');
        }

        return result.ToString();
    }

    private static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text[..Math.Max(0, max - 2)];
        var space = cut.LastIndexOf(' ');
        return (space > max / 2 ? cut[..space] : cut).TrimEnd() + "..";
    }
}
