using PakLoad.Core.Auth;
using PakLoad.Core.Parties;

namespace PakLoad.Core.Tests.Auth;

public sealed class CodeHasherTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly PhoneNumber Phone = PhoneNumber.Parse("03001234567").ValueOrThrow();
    private static readonly PhoneNumber OtherPhone = PhoneNumber.Parse("03011234567").ValueOrThrow();

    [Fact]
    public void Matches_SamePhoneCodeAndPurpose_IsTrue()
    {
        var hasher = new CodeHasher(Key);

        Assert.True(hasher.Matches(Phone, "123456", CodeHasher.SignIn, hasher.Hash(Phone, "123456", CodeHasher.SignIn)));
    }

    [Theory]
    [InlineData("123457", CodeHasher.SignIn, false)] // another code
    [InlineData("123456", "delivery", false)] // another purpose
    [InlineData("123456", CodeHasher.SignIn, true)] // another phone
    public void Matches_AnotherCodePurposeOrPhone_IsFalse(string code, string purpose, bool otherPhone)
    {
        var hasher = new CodeHasher(Key);
        var stored = hasher.Hash(Phone, "123456", CodeHasher.SignIn);

        Assert.False(hasher.Matches(otherPhone ? OtherPhone : Phone, code, purpose, stored));
    }

    [Fact]
    public void Hash_AnotherKey_GivesAnotherHash()
    {
        var other = Key.Select(b => (byte)(b ^ 0xFF)).ToArray();

        Assert.NotEqual(new CodeHasher(Key).Hash(Phone, "123456", CodeHasher.SignIn), new CodeHasher(other).Hash(Phone, "123456", CodeHasher.SignIn));
    }

    [Fact]
    public void Constructor_ShortKey_Throws() =>
        Assert.Throws<ArgumentException>(() => new CodeHasher(new byte[16]));
}
