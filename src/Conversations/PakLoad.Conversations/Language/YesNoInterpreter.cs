namespace PakLoad.Conversations.Language;

/// <summary>
/// Reads a whole-message yes/no answer ("ji haan", "nahi bhai", "ok", "ہاں جی", "👍"). Only the start of the
/// message counts (conversations.md §3.6): "pata nahi" is not a no. "ji" followed by a no word ("ji nahi",
/// "جی نہیں") is a polite no: the longest lexicon phrase wins.
/// </summary>
public sealed class YesNoInterpreter(WordLexicon lexicon)
{
    private readonly WordLexicon _lexicon = lexicon ?? throw new ArgumentNullException(nameof(lexicon));

    public static YesNoInterpreter Default { get; } = new(WordLexicon.Default);

    public Answer Interpret(NormalizedText message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var tokens = message.Tokens;
        if (tokens.Count == 0)
        {
            return _lexicon.SymbolAnswer(message.Text);
        }

        return _lexicon.Answers.TryMatch(tokens, 0, out var answer, out _) ? answer : Answer.Unknown;
    }
}
