using System.Globalization;
using System.Text;
using PakLoad.Channels.Rendering;
using PakLoad.Conversations.Engine;

using CoreLanguage = PakLoad.Core.Common.Language;

namespace PakLoad.Channels.Sms;

/// <summary>
/// One SMS per turn: the prompts joined, options numbered ("1 Post a load"), at most
/// <see cref="MaxSegments"/> segments. Urdu script costs UCS-2 (67 a part), so an Urdu reply that does not fit
/// is sent in Roman Urdu instead; whatever still does not fit is cut at a word with "..".
/// </summary>
public sealed class SmsRenderer(PromptTexts texts, int maxSegments = 2)
{
    public int MaxSegments => maxSegments;

    public string Render(IReadOnlyList<Prompt> prompts, CoreLanguage language)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var text = Compose(prompts, language, roman: false);
        if (SmsText.Measure(text).Segments > maxSegments && language == CoreLanguage.Ur)
        {
            text = Compose(prompts, language, roman: true);
        }

        return Fit(text, maxSegments);
    }

    private string Compose(IReadOnlyList<Prompt> prompts, CoreLanguage language, bool roman)
    {
        var text = new StringBuilder();
        foreach (var prompt in prompts)
        {
            var words = texts.Words(prompt, language, "sms", roman);
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(words.Body);
            for (var i = 0; i < words.Options.Count; i++)
            {
                text.Append('\n').Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(' ').Append(words.Options[i].Title);
            }
        }

        return text.ToString();
    }

    /// <summary>Cuts <paramref name="text"/> at a word so it fits <paramref name="segments"/> parts of its encoding.</summary>
    public static string Fit(string text, int segments)
    {
        ArgumentNullException.ThrowIfNull(text);
        var measure = SmsText.Measure(text);
        if (measure.Segments <= segments)
        {
            return text;
        }

        var capacity = SmsText.Capacity(measure.Encoding, segments) - 2;
        var cut = text;
        while (cut.Length > 0 && SmsText.Measure(cut).Units > capacity)
        {
            var space = cut.LastIndexOfAny([' ', '\n'], cut.Length - 1);
            cut = space > 0 ? cut[..space] : cut[..^1];
        }

        return cut.TrimEnd() + "..";
    }
}
