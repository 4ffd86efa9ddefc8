using PakLoad.Core.Common;

namespace PakLoad.Core.Tests.Common;

public sealed class TextFoldTests
{
    [Theory]
    [InlineData("Karachi", "karachi")]
    [InlineData("KARACHI", "karachi")]
    [InlineData("kArAcHi", "karachi")]
    [InlineData("  lahore  ", "lahore")]
    [InlineData("Rahim Yar Khan", "rahimyarkhan")]
    [InlineData("Rahim\tYar\u00A0Khan", "rahimyarkhan")]
    [InlineData("Dera-Ghazi-Khan", "deraghazikhan")]
    [InlineData("D.G. Khan", "dgkhan")]
    [InlineData("d g khan", "dgkhan")]
    [InlineData("Wah Cantt.", "wahcantt")]
    [InlineData("22-Wheeler", "22wheeler")]
    [InlineData("Multān", "multan")]
    [InlineData("Café", "cafe")]
    [InlineData("Cafe\u0301", "cafe")]
    [InlineData("Peshāwar", "peshawar")]
    [InlineData("Naïve", "naive")]
    [InlineData("", "")]
    [InlineData("!!! --- ...", "")]
    public void Key_LatinSpellings_FoldCaseSpacesPunctuationAndDiacritics(string text, string expected)
    {
        Assert.Equal(expected, TextFold.Key(text));
    }

    // Expected keys are written as code points so the table says exactly what comes out.
    [Theory]
    [InlineData("لاہور", "\u0644\u0627\u06C1\u0648\u0631")]
    [InlineData("لَاہور", "\u0644\u0627\u06C1\u0648\u0631")] // zabar U+064E
    [InlineData("لاہُور", "\u0644\u0627\u06C1\u0648\u0631")] // pesh U+064F
    [InlineData("لاہورِ", "\u0644\u0627\u06C1\u0648\u0631")] // zer U+0650
    [InlineData("لاھور", "\u0644\u0627\u06C1\u0648\u0631")] // do-chashmi heh folds to heh goal, as Arabic keyboards type it
    [InlineData("لاهور", "\u0644\u0627\u06C1\u0648\u0631")] // Arabic heh U+0647 → heh goal
    [InlineData("لاـــہور", "\u0644\u0627\u06C1\u0648\u0631")] // tatweel
    [InlineData("لا\u200Cہور", "\u0644\u0627\u06C1\u0648\u0631")] // ZWNJ
    [InlineData("\u200Fلاہور\u200E", "\u0644\u0627\u06C1\u0648\u0631")] // RLM, LRM
    [InlineData("\u061Cلاہور", "\u0644\u0627\u06C1\u0648\u0631")] // ALM
    [InlineData("لا ہور", "\u0644\u0627\u06C1\u0648\u0631")]
    [InlineData("کراچی", "\u06A9\u0631\u0627\u0686\u06CC")]
    [InlineData("كراچی", "\u06A9\u0631\u0627\u0686\u06CC")] // Arabic kaf U+0643
    [InlineData("کراچي", "\u06A9\u0631\u0627\u0686\u06CC")] // Arabic yeh U+064A
    [InlineData("کراچى", "\u06A9\u0631\u0627\u0686\u06CC")] // alef maksura U+0649
    [InlineData("كراچي", "\u06A9\u0631\u0627\u0686\u06CC")] // both Arabic forms
    [InlineData("کِراچی", "\u06A9\u0631\u0627\u0686\u06CC")]
    [InlineData("اوكاڑہ", "\u0627\u0648\u06A9\u0627\u0691\u06C1")]
    [InlineData("اوکاڑة", "\u0627\u0648\u06A9\u0627\u0691\u06C1")] // teh marbuta U+0629 → heh goal
    [InlineData("اوکاڑە", "\u0627\u0648\u06A9\u0627\u0691\u06C1")] // ae U+06D5 → heh goal
    [InlineData("۲۲ ویلر", "22\u0648\u06CC\u0644\u0631")]
    [InlineData("٢٢ ويلر", "22\u0648\u06CC\u0644\u0631")]
    [InlineData("۰۱۲۳۴۵۶۷۸۹", "0123456789")]
    [InlineData("٠١٢٣٤٥٦٧٨٩", "0123456789")]
    public void Key_UrduSpellings_FoldLetterFormsMarksAndDigits(string text, string expected)
    {
        Assert.Equal(expected, TextFold.Key(text));
    }

    [Theory]
    [InlineData("حیدرآباد", "حيدر آباد")]
    [InlineData("حیدرآباد", "حیدر\u200Cآباد")]
    [InlineData("گوجرانوالہ", "گوجرانوالة")]
    [InlineData("کوئٹہ", "كوئٹه")]
    [InlineData("سیالکوٹ", "سيالكوٹ")]
    [InlineData("Sheikhupura", "SHEIKHUPURA")]
    [InlineData("muzaffarabad", "Muzaffar-ābād")]
    public void Key_TwoWaysToTypeOneName_GiveOneKey(string first, string second)
    {
        Assert.Equal(TextFold.Key(first), TextFold.Key(second));
    }

    [Theory]
    [InlineData("lahore", "lahor")]
    [InlineData("لاہور", "لہور")]
    [InlineData("گجرات", "گجرانوالہ")]
    [InlineData("10 wheeler", "100 wheeler")]
    [InlineData("ڈالا", "دالا")]
    public void Key_DifferentNames_StayDifferent(string first, string second)
    {
        Assert.NotEqual(TextFold.Key(first), TextFold.Key(second));
    }

    [Fact]
    public void Key_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => TextFold.Key(null!));
    }

    [Theory]
    [InlineData("۰۳۰۰-۱۲۳۴۵۶۷", "0300-1234567")]
    [InlineData("٠٣٠٠ ١٢٣٤٥٦٧", "0300 1234567")]
    [InlineData("۰۱۲۳۴۵۶۷۸۹", "0123456789")]
    [InlineData("٠١٢٣٤٥٦٧٨٩", "0123456789")]
    [InlineData("Rs ۸۵,۰۰۰ روپے", "Rs 85,000 روپے")]
    [InlineData("۲۲ ویلر", "22 ویلر")]
    [InlineData("0300 1234567", "0300 1234567")]
    [InlineData("كراچي", "كراچي")]
    [InlineData("کِراچی\u200C", "کِراچی\u200C")]
    [InlineData("Café 42", "Café 42")]
    [InlineData("  ۱  ", "  1  ")]
    [InlineData("٨٥٬٠٠٠٫٥", "85٬000٫5")]
    [InlineData("", "")]
    public void AsciiDigits_Text_ReplacesOnlyUrduAndArabicIndicDigits(string text, string expected)
    {
        Assert.Equal(expected, TextFold.AsciiDigits(text));
    }

    [Fact]
    public void AsciiDigits_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => TextFold.AsciiDigits(null!));
    }
}
