using System.Globalization;
using PakLoad.Core.Common;

namespace PakLoad.Core.Loads;

/// <summary>Weights are stored in kilograms; users may enter tons or maunds (mann, من = 40 kg).</summary>
public static class Weight
{
    public const int KgPerMaund = 40;
    public const int KgPerTon = 1000;

    /// <summary>Heavier than any road vehicle in Pakistan may legally carry: an impossible weight, not an overload.</summary>
    public const int MaxKg = 100_000;

    public static Result<int> ToKg(decimal amount, WeightUnit unit)
    {
        var kg = unit switch
        {
            WeightUnit.Kg => amount,
            WeightUnit.Ton => amount * KgPerTon,
            WeightUnit.Maund => amount * KgPerMaund,
        };

        return kg is >= 1 and <= MaxKg
            ? (int)Math.Round(kg, MidpointRounding.AwayFromZero)
            : Error.Of("errors.load.weight_invalid", ("max", (MaxKg / KgPerTon).ToString(CultureInfo.InvariantCulture)));
    }
}
