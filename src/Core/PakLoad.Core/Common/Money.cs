using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PakLoad.Core.Localization;

namespace PakLoad.Core.Common;

/// <summary>An amount of Pakistani rupees held as integer paisa (1 PKR = 100 paisa). Never a float.</summary>
public readonly partial record struct Money(long Paisa) : IComparable<Money>
{
    public const long PaisaPerRupee = 100;

    /// <summary>The largest amount a user may type: Rs 100 crore, far above any freight trip, far below overflow.</summary>
    public static readonly Money MaxUserAmount = FromRupees(1_000_000_000);

    public static readonly Money Zero = new(0);

    public static Money FromRupees(long rupees) => new(checked(rupees * PaisaPerRupee));

    public long WholeRupees => Paisa / PaisaPerRupee;

    public bool IsNegative => Paisa < 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Paisa + b.Paisa));

    public static Money operator -(Money a, Money b) => new(checked(a.Paisa - b.Paisa));

    public static bool operator <(Money a, Money b) => a.Paisa < b.Paisa;

    public static bool operator >(Money a, Money b) => a.Paisa > b.Paisa;

    public static bool operator <=(Money a, Money b) => a.Paisa <= b.Paisa;

    public static bool operator >=(Money a, Money b) => a.Paisa >= b.Paisa;

    public int CompareTo(Money other) => Paisa.CompareTo(other.Paisa);

    /// <summary>
    /// Parses a rupee amount as people write it: "85000", "85,000", "Rs. 85,000/-", "PKR 1,20,000.50",
    /// "۸۵۰۰۰", "85,000 روپے". Number words ("1 lakh 20 hazar") belong to the conversation language layer.
    /// </summary>
    public static Result<Money> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Error.Of("errors.money.required");
        }

        var shown = text.Trim();
        var number = StripCurrencyWords(TextFold.CleanIdentifier(shown));
        if (number.Length == 0)
        {
            return Error.Of("errors.money.invalid", ("input", shown));
        }

        if (number[0] == '-')
        {
            return Error.Of("errors.money.negative", ("input", shown));
        }

        var match = AmountShape().Match(number);
        if (!match.Success)
        {
            return Error.Of("errors.money.invalid", ("input", shown));
        }

        var whole = match.Groups["whole"].Value.Replace(",", string.Empty, StringComparison.Ordinal);
        var fraction = match.Groups["fraction"].Value;
        if (whole.Length > 13)
        {
            return Error.Of("errors.money.too_large", ("max", MaxUserAmount.WholeRupees.ToString(CultureInfo.InvariantCulture)));
        }

        var digits = new StringBuilder(whole).Append(fraction.PadRight(2, '0'));
        var paisa = long.Parse(digits.ToString(), NumberStyles.None, CultureInfo.InvariantCulture);
        var money = new Money(paisa);
        return money > MaxUserAmount
            ? Error.Of("errors.money.too_large", ("max", MaxUserAmount.WholeRupees.ToString(CultureInfo.InvariantCulture)))
            : money;
    }

    /// <summary>
    /// Digits, optionally grouped the international way (120,000) or the South Asian way (1,20,000), then up
    /// to two decimals. "85,00" is refused rather than guessed: it could be a European Rs 85.
    /// </summary>
    [GeneratedRegex(@"^(?<whole>[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,2}(?:,[0-9]{2})*,[0-9]{3})(?:\.(?<fraction>[0-9]{1,2}))?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex AmountShape();

    /// <summary>The amount for a user of <paramref name="language"/>, e.g. "Rs 120,000" (en), "Rs 1,20,000" (ur-Latn).</summary>
    public string Format(Language language) =>
        LocaleCatalog.Default.Format(
            "money.display",
            language,
            ("amount", FormatNumber(language == Language.En ? Grouping.International : Grouping.SouthAsian)));

    public override string ToString() => FormatNumber(Grouping.International);

    private enum Grouping
    {
        International,
        SouthAsian,
    }

    private string FormatNumber(Grouping grouping)
    {
        var sign = Paisa < 0 ? "-" : string.Empty;
        var absolute = Math.Abs((decimal)Paisa);
        var rupees = decimal.Truncate(absolute / PaisaPerRupee);
        var paisa = (long)(absolute % PaisaPerRupee);
        var whole = rupees.ToString(CultureInfo.InvariantCulture);
        var grouped = grouping == Grouping.International ? GroupInternational(whole) : GroupSouthAsian(whole);
        var tail = paisa == 0 ? string.Empty : "." + paisa.ToString("00", CultureInfo.InvariantCulture);
        return sign + grouped + tail;
    }

    private static string GroupInternational(string digits) =>
        decimal.Parse(digits, CultureInfo.InvariantCulture).ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>1,20,00,000: the last three digits, then groups of two (lakh, crore).</summary>
    private static string GroupSouthAsian(string digits)
    {
        if (digits.Length <= 3)
        {
            return digits;
        }

        var head = digits[..^3];
        var builder = new StringBuilder();
        var first = head.Length % 2;
        if (first == 1)
        {
            builder.Append(head[0]);
        }

        for (var i = first; i < head.Length; i += 2)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(head, i, 2);
        }

        return builder.Append(',').Append(digits[^3..]).ToString();
    }

    private static string StripCurrencyWords(string input)
    {
        var s = input.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (s.EndsWith("only", StringComparison.OrdinalIgnoreCase))
        {
            s = s[..^4];
        }

        foreach (var suffix in new[] { "/-", "/=", "روپے", "روپیہ", "روپئے", "rupees", "rupay", "rupaye", "rs.", "rs", "pkr", "/-" })
        {
            if (s.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                s = s[..^suffix.Length];
            }
        }

        foreach (var prefix in new[] { "pkr", "rs.", "rs", "روپے" })
        {
            if (s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                s = s[prefix.Length..].TrimStart(':', '.');
                break;
            }
        }

        return s;
    }
}
