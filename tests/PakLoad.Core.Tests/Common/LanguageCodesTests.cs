using PakLoad.Core.Common;

namespace PakLoad.Core.Tests.Common;

public sealed class LanguageCodesTests
{
    [Theory]
    [InlineData(Language.En, "en")]
    [InlineData(Language.Ur, "ur")]
    [InlineData(Language.UrLatn, "ur-Latn")]
    public void ToCode_Language_IsItsBcp47Code(Language language, string expected)
    {
        Assert.Equal(expected, language.ToCode());
    }

    [Theory]
    [InlineData(Language.En)]
    [InlineData(Language.Ur)]
    [InlineData(Language.UrLatn)]
    public void Parse_CodeOfLanguage_RoundTrips(Language language)
    {
        Assert.Equal(language, LanguageCodes.Parse(language.ToCode()).ValueOrThrow());
    }

    [Theory]
    [InlineData("en", Language.En)]
    [InlineData("EN", Language.En)]
    [InlineData("En", Language.En)]
    [InlineData(" en ", Language.En)]
    [InlineData("ur", Language.Ur)]
    [InlineData("UR", Language.Ur)]
    [InlineData("\tur\n", Language.Ur)]
    [InlineData("ur-Latn", Language.UrLatn)]
    [InlineData("UR-latn", Language.UrLatn)]
    [InlineData("ur-latn", Language.UrLatn)]
    [InlineData("UR-LATN", Language.UrLatn)]
    [InlineData("ur_Latn", Language.UrLatn)]
    public void Parse_CodeInAnyCase_GivesLanguage(string code, Language expected)
    {
        var result = LanguageCodes.Parse(code);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData("fr", "fr")]
    [InlineData("urdu", "urdu")]
    [InlineData("english", "english")]
    [InlineData("ur-Arab", "ur-Arab")]
    [InlineData("ur Latn", "ur Latn")]
    [InlineData("pa", "pa")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Parse_UnknownCode_IsRefusedAsUnknownLanguage(string? code, string expectedInput)
    {
        var result = LanguageCodes.Parse(code);

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.language.unknown", result.Error.Key);
        Assert.Equal(expectedInput, result.Error.Args["input"]);
    }

    [Fact]
    public void All_ListsEachLanguageOnce()
    {
        Assert.Equal([Language.En, Language.Ur, Language.UrLatn], LanguageCodes.All);
        Assert.Equal(Enum.GetValues<Language>().Length, LanguageCodes.All.Distinct().Count());
    }
}
