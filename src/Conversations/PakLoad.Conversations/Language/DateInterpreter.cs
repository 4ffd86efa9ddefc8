using System.Globalization;
using PakLoad.Core.Common;

namespace PakLoad.Conversations.Language;

/// <summary>
/// Reads a calendar day from a message. "Today" is the Pakistani day (<see cref="PakistanTime.Today"/>).
/// kal / کل means tomorrow in a forward-looking slot (pickup) and yesterday otherwise; parson / پرسوں likewise
/// ±2 (conversations.md §3.6). A weekday ("peer", "jumma", "Friday", "جمعہ") is the next such day strictly
/// after today — the same weekday as today means next week, because people say "aaj" for today; in a backward
/// slot it is the latest such day strictly before today. "agle peer" / "next Monday" mean the same as "peer":
/// Pakistani usage says "agle" for the coming one. "hafta" (week or Saturday) gives no date, so the flow asks.
/// Digits: dd/mm, dd-mm, dd/mm/yyyy, dd/mm/yy; without a year, the next such day not in the past (forward)
/// or the latest not in the future (backward). The first date expression wins; never throws.
/// </summary>
public sealed class DateInterpreter(WordLexicon lexicon)
{
    private readonly WordLexicon _lexicon = lexicon ?? throw new ArgumentNullException(nameof(lexicon));

    public static DateInterpreter Default { get; } = new(WordLexicon.Default);

    /// <param name="tokens">Tokens from <see cref="Normalizer.Normalize"/>.</param>
    /// <param name="clock">The clock; today is computed in Asia/Karachi.</param>
    /// <param name="slotLooksForward">True for a future slot (pickup date): kal = tomorrow.</param>
    public DateOnly? Interpret(IReadOnlyList<string> tokens, TimeProvider clock, bool slotLooksForward = true)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(clock);
        var today = PakistanTime.Today(clock);
        var sign = slotLooksForward ? 1 : -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Length > 0 && char.IsAsciiDigit(token[0]))
            {
                if (TryNumericDate(token, today, slotLooksForward, out var numeric))
                {
                    return numeric;
                }

                continue;
            }

            if (!_lexicon.Dates.TryMatch(tokens, i, out var word, out var length))
            {
                continue;
            }

            switch (word.Kind)
            {
                case DateWordKind.Today:
                    return today;
                case DateWordKind.Tomorrow:
                    return today.AddDays(1);
                case DateWordKind.Yesterday:
                    return today.AddDays(-1);
                case DateWordKind.Kal:
                    return today.AddDays(sign);
                case DateWordKind.Parson:
                    return today.AddDays(2 * sign);
                case DateWordKind.DayAfterTomorrow:
                    return today.AddDays(2);
                case DateWordKind.Weekday:
                    return NextWeekday(today, word.Day, slotLooksForward);
                case DateWordKind.Next:
                    // "agle peer": the weekday after it decides; "agle hafte" (next week) is no single day.
                    if (i + length < tokens.Count && _lexicon.Dates.TryMatch(tokens, i + length, out var following, out var followingLength))
                    {
                        if (following.Kind == DateWordKind.Weekday)
                        {
                            return NextWeekday(today, following.Day, slotLooksForward: true);
                        }

                        i += followingLength;
                    }

                    break;
                case DateWordKind.Ambiguous:
                    break;
            }

            i += length - 1;
        }

        return null;
    }

    private static DateOnly NextWeekday(DateOnly today, DayOfWeek day, bool slotLooksForward)
    {
        if (slotLooksForward)
        {
            var ahead = ((int)day - (int)today.DayOfWeek + 7) % 7;
            return today.AddDays(ahead == 0 ? 7 : ahead);
        }

        var back = ((int)today.DayOfWeek - (int)day + 7) % 7;
        return today.AddDays(back == 0 ? -7 : -back);
    }

    private static bool TryNumericDate(string token, DateOnly today, bool slotLooksForward, out DateOnly date)
    {
        date = default;
        var span = token.AsSpan();
        var separator = span.IndexOfAny('/', '-');
        if (separator <= 0 || span.Length > 10)
        {
            return false;
        }

        var rest = span[(separator + 1)..];
        var second = rest.IndexOfAny('/', '-');
        var monthPart = second < 0 ? rest : rest[..second];
        if (!TryPart(span[..separator], 2, out var day) || !TryPart(monthPart, 2, out var month) || month is < 1 or > 12 || day is < 1 or > 31)
        {
            return false;
        }

        if (second >= 0)
        {
            var yearPart = rest[(second + 1)..];
            if (yearPart.Length is not (2 or 4) || !TryPart(yearPart, 4, out var year))
            {
                return false;
            }

            year = yearPart.Length == 2 ? 2000 + year : year;
            if (year < 2000 || day > DateTime.DaysInMonth(year, month))
            {
                return false;
            }

            date = new DateOnly(year, month, day);
            return true;
        }

        // No year: the nearest such day on the slot's side of today (29/02 waits for a leap year).
        for (var offset = 0; offset <= 8; offset++)
        {
            var year = today.Year + (slotLooksForward ? offset : -offset);
            if (year is < 1 or > 9999 || day > DateTime.DaysInMonth(year, month))
            {
                continue;
            }

            var candidate = new DateOnly(year, month, day);
            if (slotLooksForward ? candidate >= today : candidate <= today)
            {
                date = candidate;
                return true;
            }
        }

        return false;
    }

    private static bool TryPart(ReadOnlySpan<char> part, int maxDigits, out int value)
    {
        value = 0;
        return part.Length >= 1 && part.Length <= maxDigits && part.IndexOfAnyExceptInRange('0', '9') < 0
               && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
