using PakLoad.Core.Common;

namespace PakLoad.Conversations.Language;

/// <summary>How sure the language layer is that a message names an amount of rupees.</summary>
public enum MoneyReadingKind
{
    /// <summary>No amount in the message.</summary>
    None,

    /// <summary>An amount with a currency word or a k/hazar/lakh/crore magnitude, or a bare number of 1,000 or more.</summary>
    Sure,

    /// <summary>
    /// A bare small number ("85": Rs 85 or Rs 85,000?) or several different sure amounts: the conversation asks
    /// rather than guess. <see cref="MoneyReading.Amount"/> holds the first candidate, read literally.
    /// </summary>
    Ambiguous,

    /// <summary>An amount that is zero, or above <see cref="Money.MaxUserAmount"/>.</summary>
    OutOfRange,
}

/// <summary>The amount read from a message, its certainty and the tokens it came from.</summary>
public readonly record struct MoneyReading(MoneyReadingKind Kind, Money Amount, int Start, int Length)
{
    public static MoneyReading None { get; }

    public bool IsSure => Kind == MoneyReadingKind.Sure;
}

/// <summary>
/// Reads a rupee amount: "85000", "85k", "Rs 85,000", "85 hazar", "1.2 lakh", "ڈیڑھ لاکھ روپے". A number
/// followed by a weight unit ("20 ton") is a weight, not money; an ambiguous word ("do") is money only with a
/// currency word.
/// </summary>
public sealed class MoneyInterpreter(NumberInterpreter numbers)
{
    /// <summary>Bare numbers below this are ambiguous ("85" may mean 85 thousand); from it up they are rupees.</summary>
    public const decimal SureBareMinimum = 1000m;

    private static readonly decimal MaxRupees = Money.MaxUserAmount.WholeRupees;

    public static MoneyInterpreter Default { get; } = new(NumberInterpreter.Default);

    private readonly NumberInterpreter _numbers = numbers ?? throw new ArgumentNullException(nameof(numbers));

    public MoneyReading Interpret(NormalizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Interpret(text.Tokens);
    }

    public MoneyReading Interpret(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var lexicon = _numbers.Lexicon;
        MoneyReading sure = default, ambiguous = default;
        var conflicting = false;
        var position = 0;
        while (position < tokens.Count)
        {
            var candidate = ReadGluedCurrency(tokens, position);
            if (candidate.Kind == MoneyReadingKind.None)
            {
                if (!_numbers.TryMatchNext(tokens, ref position, out var match))
                {
                    break;
                }

                candidate = Classify(tokens, match, lexicon);
                if (candidate.Kind == MoneyReadingKind.None)
                {
                    continue;
                }

            }
            else
            {
                position++;
            }

            if (candidate.Kind == MoneyReadingKind.Ambiguous)
            {
                ambiguous = ambiguous.Kind == MoneyReadingKind.None ? candidate : ambiguous;
            }
            else if (sure.Kind == MoneyReadingKind.None)
            {
                sure = candidate;
            }
            else if (candidate.Amount != sure.Amount || candidate.Kind != sure.Kind)
            {
                conflicting = true; // "85k ya 90k": ask, do not pick one
            }
        }

        if (sure.Kind != MoneyReadingKind.None)
        {
            return conflicting ? sure with { Kind = MoneyReadingKind.Ambiguous } : sure;
        }

        return ambiguous;
    }

    private static MoneyReading Classify(IReadOnlyList<string> tokens, NumberMatch match, NumberLexicon lexicon)
    {
        var currencyBefore = match.Start > 0 && lexicon.IsCurrency(tokens[match.Start - 1]);
        bool currencyAfter;
        if (match.HasSuffix)
        {
            currencyAfter = lexicon.IsCurrency(match.Suffix(tokens));
            if (!currencyAfter)
            {
                return MoneyReading.None; // "20t", "500kg"
            }
        }
        else
        {
            var next = match.End < tokens.Count ? tokens[match.End] : null;
            currencyAfter = next is not null && lexicon.IsCurrency(next);
            if (!currencyBefore && next is not null && lexicon.TryGetWeightUnit(next, out _))
            {
                return MoneyReading.None; // "20 ton"
            }
        }

        var currency = currencyBefore || currencyAfter;
        var length = match.Length + (currencyAfter && !match.HasSuffix ? 1 : 0);
        var start = match.Start;
        if (currencyBefore)
        {
            start--;
            length++;
        }

        if (match.Is(NumberTraits.Weak) && !currency)
        {
            return MoneyReading.None; // "gari do"
        }

        var kind = currency || match.Is(NumberTraits.Magnitude) || match.Value >= SureBareMinimum
            ? MoneyReadingKind.Sure
            : MoneyReadingKind.Ambiguous;
        return ToReading(kind, match.Value, start, length);
    }

    /// <summary>"rs85000", "pkr1.2lakh": a currency word glued before the digits.</summary>
    private MoneyReading ReadGluedCurrency(IReadOnlyList<string> tokens, int position)
    {
        if (position >= tokens.Count)
        {
            return MoneyReading.None;
        }

        var token = tokens[position].AsSpan();
        var firstDigit = token.IndexOfAnyInRange('0', '9');
        if (firstDigit <= 0 || !_numbers.Lexicon.IsCurrency(token[..firstDigit]))
        {
            return MoneyReading.None;
        }

        var rest = token[firstDigit..];
        if (!NumberInterpreter.TryParseNumeral(rest, out var value, out var consumed, out _))
        {
            return MoneyReading.None;
        }

        if (consumed < rest.Length)
        {
            if (!_numbers.Lexicon.TryGetWord(rest[consumed..], out var word)
                || word.Kind is not (NumberWordKind.Multiplier or NumberWordKind.DigitMultiplier))
            {
                return MoneyReading.None;
            }

            value *= word.Value;
        }

        return ToReading(MoneyReadingKind.Sure, value, position, 1);
    }

    private static MoneyReading ToReading(MoneyReadingKind kind, decimal rupees, int start, int length)
    {
        if (rupees <= 0 || rupees > MaxRupees)
        {
            return new MoneyReading(MoneyReadingKind.OutOfRange, Money.Zero, start, length);
        }

        var paisa = (long)decimal.Round(rupees * Money.PaisaPerRupee, MidpointRounding.AwayFromZero);
        return new MoneyReading(kind, new Money(paisa), start, length);
    }
}
