using System.Globalization;
using System.Text;
using PakLoad.Channels.Rendering;
using PakLoad.Conversations.Engine;

using CoreLanguage = PakLoad.Core.Common.Language;

namespace PakLoad.Channels.WhatsApp;

/// <summary>
/// Prompts to WhatsApp messages. Prompts without options are gathered into the body of the next one that has
/// options (or into one text). Options become reply buttons (≤ 3, titles ≤ 20), else a list (≤ 10 rows,
/// titles ≤ 24), else numbered text that the engine reads back by number. A prompt that waits for a location
/// becomes a location request. Words are the session's language: Urdu script only for Urdu users.
/// </summary>
public sealed class WhatsAppRenderer(PromptTexts texts)
{
    public IReadOnlyList<WhatsAppMessage> Render(IReadOnlyList<Prompt> prompts, CoreLanguage language)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var messages = new List<WhatsAppMessage>();
        var pending = new StringBuilder();
        foreach (var prompt in prompts)
        {
            var words = texts.Words(prompt, language, "whatsapp");
            Append(pending, words.Body);
            if (words.Options.Count == 0 && words.Expects != PromptExpects.Location)
            {
                continue;
            }

            messages.Add(Interactive(pending.ToString(), words, language));
            pending.Clear();
        }

        if (pending.Length > 0)
        {
            foreach (var chunk in Chunks(pending.ToString(), WhatsAppMessage.MaxText))
            {
                messages.Add(new WhatsAppText(chunk));
            }
        }

        return messages;
    }

    private WhatsAppMessage Interactive(string body, PromptWords words, CoreLanguage language)
    {
        var options = words.Options;
        if (body.Length is > 0 and <= WhatsAppMessage.MaxBody)
        {
            if (options.Count == 0)
            {
                return new WhatsAppLocationRequest(body);
            }

            if (options.Count <= WhatsAppButtons.MaxButtons && options.All(o => o.Title.Length <= WhatsAppButtons.MaxTitle)
                && options.Select(o => o.Title).Distinct(StringComparer.Ordinal).Count() == options.Count)
            {
                return new WhatsAppButtons(body, options.Select(o => new ReplyButton(o.Id, o.Title)).ToList());
            }

            var label = texts.Text("chat.channel.choose", language, "whatsapp");
            if (options.Count <= WhatsAppList.MaxRows && options.All(o => o.Title.Length <= WhatsAppList.MaxRowTitle && o.Id.Length <= 200)
                && label.Length <= WhatsAppList.MaxLabel)
            {
                return new WhatsAppList(body, label, options.Select(o => new ListRow(o.Id, o.Title)).ToList());
            }
        }

        // Numbered text: the engine reads "3" as the third option.
        var text = new StringBuilder(body);
        for (var i = 0; i < options.Count; i++)
        {
            text.Append('\n').Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(". ").Append(options[i].Title);
        }

        var all = text.ToString();
        return new WhatsAppText(all.Length <= WhatsAppMessage.MaxText ? all : all[..WhatsAppMessage.MaxText]);
    }

    private static void Append(StringBuilder text, string line)
    {
        if (line.Length == 0)
        {
            return;
        }

        if (text.Length > 0)
        {
            text.Append('\n');
        }

        text.Append(line);
    }

    private static IEnumerable<string> Chunks(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }
}
