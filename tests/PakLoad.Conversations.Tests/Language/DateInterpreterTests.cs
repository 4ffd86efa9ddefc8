using Microsoft.Extensions.Time.Testing;
using PakLoad.Conversations.Language;

namespace PakLoad.Conversations.Tests.Language;

public sealed class DateInterpreterTests
{
    // Wednesday 25 November 2026, 15:00 in Karachi.
    private static readonly DateTimeOffset Afternoon = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static DateOnly? Read(string? message, bool forward = true, DateTimeOffset? now = null) =>
        DateInterpreter.Default.Interpret(Normalizer.Normalize(message).Tokens, new FakeTimeProvider(now ?? Afternoon), forward);

    [Theory]
    [InlineData("aaj", "2026-11-25")]
    [InlineData("aj chahiye", "2026-11-25")]
    [InlineData("Today please", "2026-11-25")]
    [InlineData("آج", "2026-11-25")]
    [InlineData("kal", "2026-11-26")]
    [InlineData("KL subah", "2026-11-26")]
    [InlineData("کل", "2026-11-26")]
    [InlineData("tomorrow", "2026-11-26")]
    [InlineData("yesterday", "2026-11-24")]
    [InlineData("parson", "2026-11-27")]
    [InlineData("parso", "2026-11-27")]
    [InlineData("پرسوں", "2026-11-27")]
    [InlineData("day after tomorrow", "2026-11-27")]
    [InlineData("Karachi se Lahore 20 ton kal 22 wheeler", "2026-11-26")]
    [InlineData("کراچی سے لاہور بیس ٹن کل", "2026-11-26")]
    [InlineData("Need a Mazda from Faisalabad to Multan tomorrow, 4 tons, 60k", "2026-11-26")]
    [InlineData("کراچی سے پشاور ۳۰ ٹن سیمنٹ، پرسوں", "2026-11-27")]
    public void Interpret_DayWordInForwardSlot_GivesKarachiDay(string message, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Read(message));

    [Theory]
    [InlineData("peer", "2026-11-30")]
    [InlineData("pir ko", "2026-11-30")]
    [InlineData("somwar", "2026-11-30")]
    [InlineData("Monday", "2026-11-30")]
    [InlineData("پیر", "2026-11-30")]
    [InlineData("mangal", "2026-12-01")]
    [InlineData("mangalwar", "2026-12-01")]
    [InlineData("منگل", "2026-12-01")]
    [InlineData("budh", "2026-12-02")]
    [InlineData("wednesday", "2026-12-02")]
    [InlineData("بدھ", "2026-12-02")]
    [InlineData("jumeraat", "2026-11-26")]
    [InlineData("jumerat", "2026-11-26")]
    [InlineData("جمعرات", "2026-11-26")]
    [InlineData("juma", "2026-11-27")]
    [InlineData("jumma ko gari chahiye", "2026-11-27")]
    [InlineData("Friday", "2026-11-27")]
    [InlineData("جمعہ", "2026-11-27")]
    [InlineData("sanichar", "2026-11-28")]
    [InlineData("saturday", "2026-11-28")]
    [InlineData("itwar", "2026-11-29")]
    [InlineData("itwaar", "2026-11-29")]
    [InlineData("اتوار", "2026-11-29")]
    [InlineData("agle peer", "2026-11-30")]
    [InlineData("next Monday", "2026-11-30")]
    [InlineData("اگلے پیر", "2026-11-30")]
    [InlineData("agle budh", "2026-12-02")]
    [InlineData("next friday", "2026-11-27")]
    public void Interpret_WeekdayOnWednesday_GivesNextSuchDayAndTodaysWeekdayNextWeek(string message, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Read(message));

    [Theory]
    [InlineData("kal", "2026-11-24")]
    [InlineData("کل", "2026-11-24")]
    [InlineData("parson", "2026-11-23")]
    [InlineData("peer", "2026-11-23")]
    [InlineData("budh", "2026-11-18")]
    [InlineData("20/11", "2026-11-20")]
    [InlineData("30/11", "2025-11-30")]
    [InlineData("tomorrow", "2026-11-26")]
    public void Interpret_BackwardSlot_ReadsKalAsYesterday(string message, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Read(message, forward: false));

    [Theory]
    [InlineData("20/11", "2027-11-20")]
    [InlineData("30/11", "2026-11-30")]
    [InlineData("25/11", "2026-11-25")]
    [InlineData("20-12", "2026-12-20")]
    [InlineData("5/1", "2027-01-05")]
    [InlineData("05/01 ko", "2027-01-05")]
    [InlineData("۲۰/۱۱", "2027-11-20")]
    [InlineData("20/11/2026", "2026-11-20")]
    [InlineData("1/12/26", "2026-12-01")]
    [InlineData("29/02", "2028-02-29")]
    [InlineData("Lahore 30/11 ko", "2026-11-30")]
    public void Interpret_DigitsWithoutPastYear_GivesNextSuchDay(string message, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Read(message));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("hello bhai")]
    [InlineData("20 ton")]
    [InlineData("1.5 lakh")]
    [InlineData("31/02")]
    [InlineData("32/1")]
    [InlineData("1/13")]
    [InlineData("99/99/9999")]
    [InlineData("1/1/0000")]
    [InlineData("0300-1234567")]
    [InlineData("12:30")]
    [InlineData("hafta")]
    [InlineData("ہفتہ")]
    [InlineData("agle hafte")]
    [InlineData("agle")]
    [InlineData("🚚🚛")]
    public void Interpret_NoDayOrAmbiguousWord_GivesNothing(string? message) =>
        Assert.Null(Read(message));

    [Theory]
    [InlineData(18, 59, "aaj", "2026-11-25")]
    [InlineData(19, 0, "aaj", "2026-11-26")]
    [InlineData(20, 0, "aaj", "2026-11-26")]
    [InlineData(20, 0, "kal", "2026-11-27")]
    [InlineData(20, 0, "parson", "2026-11-28")]
    [InlineData(20, 0, "jumeraat", "2026-12-03")]
    [InlineData(20, 0, "26/11", "2026-11-26")]
    public void Interpret_EveningUtc_UsesKarachiDay(int hour, int minute, string message, string expected) =>
        Assert.Equal(
            DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Read(message, now: new DateTimeOffset(2026, 11, 25, hour, minute, 0, TimeSpan.Zero)));

    [Fact]
    public void Interpret_HugeAndStrangeInput_DoesNotThrow()
    {
        foreach (var input in StrangeInputs.All)
        {
            _ = Read(input);
            _ = Read(input, forward: false);
        }

        foreach (var tokens in StrangeInputs.RawTokens)
        {
            _ = DateInterpreter.Default.Interpret(tokens, new FakeTimeProvider(Afternoon));
            _ = YesNoInterpreter.Default.Interpret(new NormalizedText(string.Join(' ', tokens), string.Join(' ', tokens), tokens));
            _ = PlaceInterpreter.Default.FindAll(tokens);
            _ = RouteInterpreter.Default.Interpret(tokens);
            _ = VehicleInterpreter.Default.Interpret(tokens);
        }
    }
}

/// <summary>
/// Inputs that must never make an interpreter throw. Lone surrogates are left out: Normalizer.Normalize itself
/// throws on them (string.Normalize rejects invalid UTF-16), which its owner must fix; <see cref="RawTokens"/>
/// feeds them to the interpreters directly.
/// </summary>
internal static class StrangeInputs
{
    public static readonly string[] All =
    [
        "\u0000\uFFFF",
        "🚚🚛🛻👍🏽",
        "𝕂𝕒𝕣𝕒𝕔𝕙𝕚 se 𝕃𝕒𝕙𝕠𝕣𝕖",
        "٠٠/٠٠",
        "0/0/0",
        "9/9/9999",
        "1/1/99999",
        "--//--",
        "se se se ko ko tak from to to",
        "ke liye ke liye",
        string.Concat(Enumerable.Repeat("abc", 3000)),
        string.Concat(Enumerable.Repeat("karachi se lahore kal ", 500)),
        string.Concat(Enumerable.Repeat("ڈیرہ غازی خان ", 400)),
        string.Concat(Enumerable.Repeat("9", 5000)),
        string.Concat(Enumerable.Repeat("1/", 3000)),
        new string('\u0627', 4000),
    ];

    /// <summary>Token lists no normaliser would produce, straight into the interpreters.</summary>
    public static readonly string[][] RawTokens =
    [
        ["\uD800", "se", "\uDC00"],
        ["", "", "ko"],
        ["kara\uD800chi", "se", "lahore"],
        [new string('x', 500), "to", new string('\u0644', 500)],
        ["31/12/2026/1", "1//2", "/", "-1-", "0-0"],
        [],
    ];
}
