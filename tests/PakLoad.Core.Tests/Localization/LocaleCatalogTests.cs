using System.Text.Json;
using PakLoad.Core.Common;
using PakLoad.Core.Localization;

namespace PakLoad.Core.Tests.Localization;

public sealed class LocaleCatalogTests
{
    /// <summary>Every key Core code puts into an <see cref="Error"/> or formats itself.</summary>
    public static TheoryData<string, Language> KeysUsedByCore
    {
        get
        {
            string[] keys =
            [
                "money.display",
                "errors.language.unknown",
                "errors.phone.required", "errors.phone.invalid", "errors.phone.not_mobile",
                "errors.cnic.required", "errors.cnic.invalid",
                "errors.iban.required", "errors.iban.invalid", "errors.iban.checksum",
                "errors.money.required", "errors.money.invalid", "errors.money.negative", "errors.money.too_large",
                "errors.place.unknown", "errors.vehicle.unknown", "errors.body.unknown",
                "errors.party.name_required", "errors.party.name_invalid",
            ];
            var data = new TheoryData<string, Language>();
            foreach (var key in keys)
            {
                foreach (var language in LanguageCodes.All)
                {
                    data.Add(key, language);
                }
            }

            return data;
        }
    }

    /// <summary>Each English key paired with each other language, for the placeholder check.</summary>
    public static TheoryData<string, Language> EnglishKeysByOtherLanguage
    {
        get
        {
            var data = new TheoryData<string, Language>();
            foreach (var key in LocaleCatalog.Default.Keys(Language.En).Order(StringComparer.Ordinal))
            {
                data.Add(key, Language.Ur);
                data.Add(key, Language.UrLatn);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(KeysUsedByCore))]
    public void Default_KeyUsedByCore_ExistsWithText(string key, Language language)
    {
        Assert.True(LocaleCatalog.Default.Contains(key, language), $"{key} is missing in {language.ToCode()}");
        Assert.False(string.IsNullOrWhiteSpace(LocaleCatalog.Default.Template(key, language)));
    }

    [Theory]
    [InlineData(Language.Ur)]
    [InlineData(Language.UrLatn)]
    public void Default_OtherLanguage_HasExactlyTheEnglishKeys(Language language)
    {
        var english = LocaleCatalog.Default.Keys(Language.En).Order(StringComparer.Ordinal).ToArray();
        var other = LocaleCatalog.Default.Keys(language).Order(StringComparer.Ordinal).ToArray();

        Assert.NotEmpty(english);
        Assert.Equal(english, other);
    }

    [Theory]
    [MemberData(nameof(EnglishKeysByOtherLanguage))]
    public void Default_KeyInOtherLanguage_HasTheEnglishPlaceholders(string key, Language language)
    {
        var english = LocaleCatalog.Placeholders(LocaleCatalog.Default.Template(key, Language.En));
        var other = LocaleCatalog.Placeholders(LocaleCatalog.Default.Template(key, language));

        Assert.Equal(english.Order(StringComparer.Ordinal), other.Order(StringComparer.Ordinal));
        Assert.False(string.IsNullOrWhiteSpace(LocaleCatalog.Default.Template(key, language)));
    }

    [Theory]
    [InlineData("errors.phone.invalid", Language.En, "'abc' is not a mobile number. Write it like 0300 1234567.")]
    [InlineData("errors.phone.invalid", Language.UrLatn, "'abc' mobile number nahi hai. Aise likhein: 0300 1234567.")]
    [InlineData("errors.phone.invalid", Language.Ur, "'abc' موبائل نمبر نہیں ہے۔ ایسے لکھیں: 0300 1234567")]
    public void Format_KeyWithArgument_FillsThePlaceholder(string key, Language language, string expected)
    {
        Assert.Equal(expected, LocaleCatalog.Default.Format(key, language, ("input", "abc")));
    }

    [Theory]
    [InlineData(Language.En, "That amount is too large. The most is Rs 1000000000.")]
    [InlineData(Language.UrLatn, "Yeh raqam bohat zyada hai. Zyada se zyada Rs 1000000000.")]
    [InlineData(Language.Ur, "یہ رقم بہت زیادہ ہے۔ زیادہ سے زیادہ 1000000000 روپے۔")]
    public void Format_ErrorWithArgs_RendersInLanguage(Language language, string expected)
    {
        var error = Error.Of("errors.money.too_large", ("max", "1000000000"));

        Assert.Equal(expected, LocaleCatalog.Default.Format(error, language));
    }

    [Fact]
    public void Format_ErrorWithoutArgs_IsTheTemplate()
    {
        Assert.Equal("Please give a mobile number.", LocaleCatalog.Default.Format(Error.Of("errors.phone.required"), Language.En));
    }

    [Fact]
    public void Format_ArgumentNotGiven_LeavesItsPlaceholder()
    {
        var text = LocaleCatalog.Default.Format("errors.place.unknown", Language.En, ("other", "x"));

        Assert.Equal("We don't know the city '{input}'. Please check the spelling or send a nearby big city.", text);
    }

    [Theory]
    [InlineData(Language.En, null, "Hello {name}")]
    [InlineData(Language.En, "ussd", "Hi {name}")]
    [InlineData(Language.En, "sms", "Hello {name}")]
    [InlineData(Language.UrLatn, null, "Salaam {name}")]
    [InlineData(Language.UrLatn, "ussd", "Slm {name}")]
    [InlineData(Language.Ur, null, "سلام {name}")]
    [InlineData(Language.Ur, "ussd", "سلام {name}")]
    public void Template_ChannelOverride_WinsOnlyForThatChannel(Language language, string? channel, string expected)
    {
        Assert.Equal(expected, SmallCatalog().Template("greet", language, channel));
    }

    [Theory]
    [InlineData(Language.En, "ussd", "Hi Ali")]
    [InlineData(Language.En, null, "Hello Ali")]
    [InlineData(Language.UrLatn, "ussd", "Slm Ali")]
    public void Format_ErrorOnChannel_UsesTheOverrideAndFillsIt(Language language, string? channel, string expected)
    {
        var text = SmallCatalog().Format(Error.Of("greet", ("name", "Ali")), language, channel);

        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData(Language.Ur)]
    [InlineData(Language.UrLatn)]
    public void Template_KeyMissingInLanguage_FallsBackToEnglish(Language language)
    {
        Assert.Equal("English only", SmallCatalog().Template("only.en", language));
    }

    [Fact]
    public void Template_ChannelOverrideOnlyInEnglish_IsUsedWhenUrduLacksTheKey()
    {
        Assert.Equal("Short", SmallCatalog().Template("only.en", Language.Ur, "ussd"));
    }

    [Fact]
    public void Template_LanguageAbsentFromCatalog_FallsBackToEnglish()
    {
        var englishOnly = new LocaleCatalog(new Dictionary<Language, IReadOnlyDictionary<string, string>>
        {
            [Language.En] = new Dictionary<string, string> { ["k"] = "English text" },
        });

        Assert.Equal("English text", englishOnly.Template("k", Language.Ur));
    }

    [Theory]
    [InlineData(Language.En)]
    [InlineData(Language.Ur)]
    [InlineData(Language.UrLatn)]
    public void Template_UnknownKey_IsTheKeyItself(Language language)
    {
        Assert.Equal("no.such.key", LocaleCatalog.Default.Template("no.such.key", language));
        Assert.Equal("no.such.key", LocaleCatalog.Default.Format("no.such.key", language, ("input", "x")));
        Assert.Equal("no.such.key", LocaleCatalog.Default.Format(Error.Of("no.such.key"), language, "ussd"));
    }

    [Theory]
    [InlineData("Hello {name}", new[] { "name" })]
    [InlineData("{a} and {b} and {a} again", new[] { "a", "b" })]
    [InlineData("Rs {amount}", new[] { "amount" })]
    [InlineData("{ok_1} but not {1bad}", new[] { "ok_1" })]
    [InlineData("{} {with space} { x }", new string[0])]
    [InlineData("no placeholders", new string[0])]
    [InlineData("{{name}}", new[] { "name" })]
    [InlineData("'{input}' شہر ہمیں معلوم نہیں۔", new[] { "input" })]
    public void Placeholders_Template_AreTheBracedNames(string template, string[] expected)
    {
        Assert.Equal(expected.Order(StringComparer.Ordinal), LocaleCatalog.Placeholders(template).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Flatten_NestedDocument_GivesDottedKeysWithChannelSuffixes()
    {
        using var document = JsonDocument.Parse("""{"a":{"b":"x","b@ussd":"y","c":{"d":"z"}},"e":"w"}""");

        var flat = LocaleCatalog.Flatten(document);

        Assert.Equal(4, flat.Count);
        Assert.Equal("x", flat["a.b"]);
        Assert.Equal("y", flat["a.b@ussd"]);
        Assert.Equal("z", flat["a.c.d"]);
        Assert.Equal("w", flat["e"]);
    }

    [Theory]
    [InlineData("greet", Language.En, true)]
    [InlineData("greet@ussd", Language.En, true)]
    [InlineData("only.en", Language.En, true)]
    [InlineData("only.en", Language.Ur, false)]
    [InlineData("nothing", Language.En, false)]
    public void Contains_Key_IsTrueOnlyWhereWritten(string key, Language language, bool expected)
    {
        Assert.Equal(expected, SmallCatalog().Contains(key, language));
    }

    [Fact]
    public void Keys_LanguageAbsentFromCatalog_IsEmpty()
    {
        var englishOnly = new LocaleCatalog(new Dictionary<Language, IReadOnlyDictionary<string, string>>
        {
            [Language.En] = new Dictionary<string, string> { ["k"] = "v" },
        });

        Assert.Empty(englishOnly.Keys(Language.Ur));
        Assert.Equal(["k"], englishOnly.Keys(Language.En));
    }

    private static LocaleCatalog SmallCatalog() => new(new Dictionary<Language, IReadOnlyDictionary<string, string>>
    {
        [Language.En] = new Dictionary<string, string>
        {
            ["greet"] = "Hello {name}",
            ["greet@ussd"] = "Hi {name}",
            ["only.en"] = "English only",
            ["only.en@ussd"] = "Short",
        },
        [Language.Ur] = new Dictionary<string, string>
        {
            ["greet"] = "سلام {name}",
        },
        [Language.UrLatn] = new Dictionary<string, string>
        {
            ["greet"] = "Salaam {name}",
            ["greet@ussd"] = "Slm {name}",
        },
    });
}
