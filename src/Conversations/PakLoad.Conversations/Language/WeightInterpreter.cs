using PakLoad.Core.Common;
using PakLoad.Core.Loads;

namespace PakLoad.Conversations.Language;

/// <summary>What the language layer made of a weight answer.</summary>
public enum WeightReadingKind
{
    /// <summary>No number at all.</summary>
    None,

    /// <summary>A number with a unit, converted to kilograms.</summary>
    Weight,

    /// <summary>A number without a unit: 20 what? The conversation asks. <see cref="WeightReading.Amount"/> holds it.</summary>
    Ambiguous,

    /// <summary>A number with a unit outside the possible range; <see cref="WeightReading.Error"/> says why.</summary>
    Invalid,
}

/// <summary>A weight read from a message: the amount and unit as typed, the kilograms, and the tokens used.</summary>
public readonly record struct WeightReading(
    WeightReadingKind Kind, decimal Amount, WeightUnit Unit, int Kg, int Start, int Length, Error? Error)
{
    public static WeightReading None { get; }
}

/// <summary>
/// Reads a weight with its unit: "20 ton", "20t", "بیس ٹن", "500 kilo", "100 mann" (40 kg a maund),
/// "dedh ton". The first number with a unit wins; a number with a currency word or k/lakh is money, not weight.
/// </summary>
public sealed class WeightInterpreter(NumberInterpreter numbers)
{
    public static WeightInterpreter Default { get; } = new(NumberInterpreter.Default);

    private readonly NumberInterpreter _numbers = numbers ?? throw new ArgumentNullException(nameof(numbers));

    public WeightReading Interpret(NormalizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Interpret(text.Tokens);
    }

    public WeightReading Interpret(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var lexicon = _numbers.Lexicon;
        var unitless = WeightReading.None;
        var position = 0;
        while (_numbers.TryMatchNext(tokens, ref position, out var match))
        {
            WeightUnit unit;
            var length = match.Length;
            if (match.HasSuffix)
            {
                if (!lexicon.TryGetWeightUnit(match.Suffix(tokens), out unit))
                {
                    continue; // "22wheeler", "40ft"
                }
            }
            else if (match.End < tokens.Count && lexicon.TryGetWeightUnit(tokens[match.End], out unit))
            {
                length++;
                position++;
            }
            else
            {
                if (unitless.Kind == WeightReadingKind.None && IsPlainNumber(tokens, match, lexicon))
                {
                    unitless = new WeightReading(WeightReadingKind.Ambiguous, match.Value, WeightUnit.Kg, 0, match.Start, match.Length, null);
                }

                continue;
            }

            var kg = Weight.ToKg(match.Value, unit);
            return kg.IsSuccess
                ? new WeightReading(WeightReadingKind.Weight, match.Value, unit, kg.Value, match.Start, length, null)
                : new WeightReading(WeightReadingKind.Invalid, match.Value, unit, 0, match.Start, length, kg.Error);
        }

        return unitless;
    }

    /// <summary>Not "do" (give), not "85k", not "Rs 500": those are never weights, so not worth asking about.</summary>
    private static bool IsPlainNumber(IReadOnlyList<string> tokens, NumberMatch match, NumberLexicon lexicon) =>
        !match.Is(NumberTraits.Weak)
        && !match.Is(NumberTraits.Magnitude)
        && !(match.Start > 0 && lexicon.IsCurrency(tokens[match.Start - 1]))
        && !(match.End < tokens.Count && lexicon.IsCurrency(tokens[match.End]));
}
