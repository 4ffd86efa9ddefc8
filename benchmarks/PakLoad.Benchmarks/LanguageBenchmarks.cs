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

    [Benchmark(Description = "Every interpreter a turn may run x20 (normalise, commands, intents, yes/no, number, money, weight, date, route, place, vehicle)")]
    public int EveryInterpreter()
    {
        var total = 0;
        foreach (var message in Messages)
        {
            var text = Normalizer.Normalize(message);
            total += Interpret(text);
            total += (int)CommandLexicon.Default.MatchCommand(text) + CommandLexicon.Default.Intents(text).Count;
            total += (int)YesNoInterpreter.Default.Interpret(text);
            total += DateInterpreter.Default.Interpret(text.Tokens, TimeProvider.System) is null ? 0 : 1;
            total += RouteInterpreter.Default.Interpret(text.Tokens).IsComplete ? 1 : 0;
            total += PlaceInterpreter.Default.Interpret(text.Tokens).IsFound ? 1 : 0;
            total += VehicleInterpreter.Default.Interpret(text.Tokens).IsFound ? 1 : 0;
        }

        return total;
    }

    /// <summary>Stopwatch split of <see cref="EveryInterpreter"/> per interpreter (run: -- language-parts).</summary>
    public static void PrintParts()
    {
        var texts = Array.ConvertAll(Messages, Normalizer.Normalize);
        void Time(string name, Func<NormalizedText, int> work)
        {
            var sink = 0;
            for (var i = 0; i < 200; i++)
            {
                foreach (var t in texts)
                {
                    sink += work(t);
                }
            }

            var watch = System.Diagnostics.Stopwatch.StartNew();
            const int Rounds = 2_000;
            for (var i = 0; i < Rounds; i++)
            {
                foreach (var t in texts)
                {
                    sink += work(t);
                }
            }

            Console.WriteLine(System.FormattableString.Invariant($"{name,-12} {watch.Elapsed.TotalMicroseconds / (Rounds * texts.Length),8:F2} us/message ({sink})"));
        }

        Time("commands", t => (int)CommandLexicon.Default.MatchCommand(t));
        Time("intents", t => CommandLexicon.Default.Intents(t).Count);
        Time("yes/no", t => (int)YesNoInterpreter.Default.Interpret(t));
        Time("numbers", Interpret);
        Time("date", t => DateInterpreter.Default.Interpret(t.Tokens, TimeProvider.System) is null ? 0 : 1);
        Time("route", t => RouteInterpreter.Default.Interpret(t.Tokens).IsComplete ? 1 : 0);
        Time("place", t => PlaceInterpreter.Default.Interpret(t.Tokens).IsFound ? 1 : 0);
        Time("vehicle", t => VehicleInterpreter.Default.Interpret(t.Tokens).IsFound ? 1 : 0);
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
