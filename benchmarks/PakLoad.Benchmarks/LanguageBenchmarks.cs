using BenchmarkDotNet.Attributes;
using PakLoad.Conversations.Language;

namespace PakLoad.Benchmarks;

/// <summary>
/// The language layer's cost per inbound message: Normalize, then the number, money and weight interpreters,
/// over 20 chat messages in Urdu script, Roman Urdu, English and mixtures. Baseline in the same run:
/// <see cref="string.ToLowerInvariant()"/> over the same messages, the least any text step can cost.
/// Each method handles all <see cref="MessageCount"/> messages: messages/s = 20 / mean time.
/// </summary>
[MemoryDiagnoser]
public class LanguageBenchmarks
{
    public const int MessageCount = 20;

    private static readonly string[] Messages =
    [
        "Karachi se Lahore 20 ton kal",
        "کراچی سے لاہور ۲۰ ٹن کل",
        "كراچي سے لاہور ٢٠ ٹن پرسوں",
        "KHI to LHR 22 wheeler 40 ton rate 1.8 lac",
        "Lahore ko Faisalabad se 12 ton aaj",
        "bhai rate kya hai? 85k final",
        "Rs. 1,20,000/- advance 20k",
        "ایک لاکھ 8 ہزار کرایہ",
        "dedh sau mann gandum, Multan se",
        "saadhe teen ton cement kal subah",
        "Multan se khali gari wapsi, koi load?",
        "کراچی سے پشاور ۳۰ ٹن سیمنٹ، پرسوں",
        "500 kg maal hai, suzuki chahiye",
        "ji haan theek hai 👍",
        "mazda chahiye lahore ke liye, 5 ton, rate 60 hazar",
        "twenty two wheeler, thirty ton, two lakh rupees",
        "0300 1234567 pe call karo",
        "bees ton ڈیڑھ لاکھ روپے",
        "1 کروڑ 49 لاکھ 10 ہزار 352",
        "pata nahi bhaiiii, kal baat karte hain",
    ];

    private readonly NormalizedText[] _normalized = Array.ConvertAll(Messages, Normalizer.Normalize);

    [Benchmark(Baseline = true, Description = "ToLowerInvariant x20 (baseline)")]
    public int LowerCase()
    {
        var total = 0;
        foreach (var message in Messages)
        {
            total += message.ToLowerInvariant().Length;
        }

        return total;
    }

    [Benchmark(Description = "Normalize x20")]
    public int Normalize()
    {
        var total = 0;
        foreach (var message in Messages)
        {
            total += Normalizer.Normalize(message).Tokens.Count;
        }

        return total;
    }

    [Benchmark(Description = "Number+Money+Weight x20 (pre-normalised)")]
    public int Interpreters()
    {
        var total = 0;
        foreach (var text in _normalized)
        {
            total += Interpret(text);
        }

        return total;
    }

    [Benchmark(Description = "Normalize+Number+Money+Weight x20 (whole layer)")]
    public int WholeLayer()
    {
        var total = 0;
        foreach (var message in Messages)
        {
            total += Interpret(Normalizer.Normalize(message));
        }

        return total;
    }

    private static int Interpret(NormalizedText text)
    {
        var numbers = 0;
        var position = 0;
        while (NumberInterpreter.Default.TryMatchNext(text.Tokens, ref position, out _))
        {
            numbers++;
        }

        var money = MoneyInterpreter.Default.Interpret(text);
        var weight = WeightInterpreter.Default.Interpret(text);
        return numbers + (int)money.Kind + (int)weight.Kind;
    }
}
