using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;

namespace PakLoad.Core.Tests.Parties;

public sealed class PartyTests
{
    private static readonly DateTimeOffset Start = new(2025, 7, 1, 4, 30, 15, 123, TimeSpan.Zero);

    private static readonly PhoneNumber Phone = PhoneNumber.FromE164("+923001234567");

    [Theory]
    [InlineData("Ali Khan", "Ali Khan")]
    [InlineData("  Ali Khan  ", "Ali Khan")]
    [InlineData("Ali    Khan", "Ali Khan")]
    [InlineData("Ali\tKhan\nGoods", "Ali Khan Goods")]
    [InlineData("\u00A0Ali\u00A0\u00A0Khan\u00A0", "Ali Khan")]
    [InlineData("علی خان", "علی خان")]
    [InlineData("  محمد   اسلم  ", "محمد اسلم")]
    [InlineData("Al-Madina Goods Transport Co.", "Al-Madina Goods Transport Co.")]
    [InlineData("A", "A")]
    public void Register_Name_IsTrimmedWithSpacesCollapsed(string name, string expected)
    {
        var result = Party.Register(Phone, name, PartyRole.Shipper, Language.Ur, Channel.WhatsApp, new FakeTimeProvider(Start));

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(expected, result.Value.Name);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(79)]
    public void Register_NameUpToTheLimit_IsAccepted(int length)
    {
        var name = new string('a', length);

        var result = Party.Register(Phone, name, PartyRole.Carrier, Language.En, Channel.Sms, new FakeTimeProvider(Start));

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(name, result.Value.Name);
    }

    [Fact]
    public void Register_NameOverLimitOnlyBeforeCollapsingSpaces_IsAccepted()
    {
        var name = new string('a', 40) + "     " + new string('b', 39); // 84 typed, 80 after collapsing

        var result = Party.Register(Phone, name, PartyRole.Carrier, Language.En, Channel.Sms, new FakeTimeProvider(Start));

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(80, result.Value.Name.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n\r")]
    public void Register_NoName_IsRefusedAsNameRequired(string? name)
    {
        var result = Party.Register(Phone, name, PartyRole.Shipper, Language.Ur, Channel.WhatsApp, new FakeTimeProvider(Start));

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.party.name_required", result.Error.Key);
    }

    [Theory]
    [InlineData(81)]
    [InlineData(200)]
    public void Register_NameTooLong_IsRefusedAsNameInvalidWithTheMaximum(int length)
    {
        var result = Party.Register(Phone, new string('x', length), PartyRole.Shipper, Language.Ur, Channel.WhatsApp, new FakeTimeProvider(Start));

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.party.name_invalid", result.Error.Key);
        Assert.Equal("80", result.Error.Args["max"]);
    }

    [Theory]
    [InlineData("Ali\u0000Khan")]
    [InlineData("Ali\u0007Khan")]
    [InlineData("Ali Khan\u001B")]
    [InlineData("\u007FAli")]
    [InlineData("Ali\u009BKhan")]
    public void Register_NameWithControlCharacter_IsRefusedAsNameInvalid(string name)
    {
        var result = Party.Register(Phone, name, PartyRole.Shipper, Language.Ur, Channel.WhatsApp, new FakeTimeProvider(Start));

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.party.name_invalid", result.Error.Key);
    }

    [Theory]
    [InlineData(PartyRole.Shipper, Language.Ur, Channel.WhatsApp)]
    [InlineData(PartyRole.Carrier, Language.UrLatn, Channel.Sms)]
    [InlineData(PartyRole.Driver, Language.En, Channel.Ussd)]
    [InlineData(PartyRole.Broker, Language.Ur, Channel.Web)]
    public void Register_ValidParty_RecordsWhatWasGiven(PartyRole role, Language language, Channel channel)
    {
        var party = Party.Register(Phone, "Ali", role, language, channel, new FakeTimeProvider(Start)).ValueOrThrow();

        Assert.Equal(Phone, party.Phone);
        Assert.Equal([role], party.Roles);
        Assert.Equal(language, party.Language);
        Assert.Equal(channel, party.PreferredChannel);
        Assert.Null(party.Cnic);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(86_400_000)]
    public void Register_AtClockTime_StampsCreatedAtAndAVersion7IdFromThatTime(long millisecondsLater)
    {
        var clock = new FakeTimeProvider(Start);
        clock.Advance(TimeSpan.FromMilliseconds(millisecondsLater));
        var now = Start.AddMilliseconds(millisecondsLater);

        var party = Party.Register(Phone, "Ali", PartyRole.Shipper, Language.Ur, Channel.WhatsApp, clock).ValueOrThrow();

        Assert.Equal(now, party.CreatedAt);
        Assert.Equal(7, party.Id.Value.Version);
        Assert.Equal(now.ToUnixTimeMilliseconds(), UnixMillisecondsOf(party.Id.Value));
    }

    [Fact]
    public void Register_TwoPartiesAtLaterTimes_GetIdsThatSortByTime()
    {
        var clock = new FakeTimeProvider(Start);
        var first = Party.Register(Phone, "First", PartyRole.Shipper, Language.Ur, Channel.WhatsApp, clock).ValueOrThrow();
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = Party.Register(Phone, "Second", PartyRole.Shipper, Language.Ur, Channel.WhatsApp, clock).ValueOrThrow();

        Assert.NotEqual(first.Id, second.Id);
        Assert.True(string.CompareOrdinal(first.Id.ToString(), second.Id.ToString()) < 0, $"{first.Id} !< {second.Id}");
    }

    [Fact]
    public void Register_NullClock_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() =>
            Party.Register(Phone, "Ali", PartyRole.Shipper, Language.Ur, Channel.WhatsApp, null!));
    }

    [Theory]
    [InlineData(PartyRole.Carrier, new[] { PartyRole.Shipper, PartyRole.Carrier })]
    [InlineData(PartyRole.Shipper, new[] { PartyRole.Shipper })]
    [InlineData(PartyRole.Driver, new[] { PartyRole.Shipper, PartyRole.Driver })]
    public void AddRole_TwiceOver_KeepsEachRoleOnce(PartyRole added, PartyRole[] expected)
    {
        var party = Registered();

        party.AddRole(added);
        party.AddRole(added);

        Assert.Equal(expected, party.Roles);
    }

    [Theory]
    [InlineData(PartyRole.Shipper, true)]
    [InlineData(PartyRole.Carrier, true)]
    [InlineData(PartyRole.Driver, false)]
    [InlineData(PartyRole.Broker, false)]
    [InlineData(PartyRole.Admin, false)]
    public void Has_OwnerDriverAddedAsCarrier_IsTrueOnlyForHeldRoles(PartyRole role, bool expected)
    {
        var party = Registered();
        party.AddRole(PartyRole.Carrier);

        Assert.Equal(expected, party.Has(role));
    }

    [Theory]
    [InlineData("  Bilal   Ahmed ", "Bilal Ahmed")]
    [InlineData("بلال", "بلال")]
    public void Rename_ValidName_ChangesTheName(string name, string expected)
    {
        var party = Registered();

        var result = party.Rename(name);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Same(party, result.Value);
        Assert.Equal(expected, party.Name);
    }

    [Theory]
    [InlineData(null, "errors.party.name_required")]
    [InlineData("  ", "errors.party.name_required")]
    [InlineData("Bad\u0000Name", "errors.party.name_invalid")]
    public void Rename_InvalidName_IsRefusedAndKeepsTheOldName(string? name, string expectedKey)
    {
        var party = Registered();

        var result = party.Rename(name);

        Assert.False(result.IsSuccess);
        Assert.Equal(expectedKey, result.Error.Key);
        Assert.Equal("Ali Khan", party.Name);
    }

    [Fact]
    public void Rename_81Characters_IsRefusedAndKeepsTheOldName()
    {
        var party = Registered();

        var result = party.Rename(new string('n', 81));

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.party.name_invalid", result.Error.Key);
        Assert.Equal("Ali Khan", party.Name);
    }

    [Theory]
    [InlineData(Language.En)]
    [InlineData(Language.UrLatn)]
    [InlineData(Language.Ur)]
    public void ChangeLanguage_AnyLanguage_IsRecorded(Language language)
    {
        var party = Registered();

        party.ChangeLanguage(language);

        Assert.Equal(language, party.Language);
    }

    [Theory]
    [InlineData(Channel.Sms)]
    [InlineData(Channel.Ussd)]
    [InlineData(Channel.Web)]
    public void ChangePreferredChannel_AnyChannel_IsRecorded(Channel channel)
    {
        var party = Registered();

        party.ChangePreferredChannel(channel);

        Assert.Equal(channel, party.PreferredChannel);
    }

    [Fact]
    public void RecordCnic_ParsedCnic_IsKept()
    {
        var party = Registered();
        var cnic = Cnic.Parse("35202-1234567-1").ValueOrThrow();

        party.RecordCnic(cnic);

        Assert.Equal("3520212345671", party.Cnic?.Digits);
    }

    [Fact]
    public void RecordCnic_Null_ThrowsAndKeepsNone()
    {
        var party = Registered();

        Assert.Throws<ArgumentNullException>(() => party.RecordCnic(null!));
        Assert.Null(party.Cnic);
    }

    private static Party Registered() =>
        Party.Register(Phone, "Ali Khan", PartyRole.Shipper, Language.Ur, Channel.WhatsApp, new FakeTimeProvider(Start)).ValueOrThrow();

    /// <summary>RFC 9562 §5.7: the first 48 bits of a version-7 UUID are the Unix time in milliseconds.</summary>
    private static long UnixMillisecondsOf(Guid guid)
    {
        var bytes = guid.ToByteArray(bigEndian: true);
        long milliseconds = 0;
        for (var i = 0; i < 6; i++)
        {
            milliseconds = (milliseconds << 8) | bytes[i];
        }

        return milliseconds;
    }
}
