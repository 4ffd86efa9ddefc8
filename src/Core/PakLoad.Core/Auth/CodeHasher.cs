using System.Security.Cryptography;
using System.Text;
using PakLoad.Core.Parties;

namespace PakLoad.Core.Auth;

/// <summary>
/// Stores one-time sign-in codes as HMAC-SHA256(server key, phone ‖ code ‖ purpose), as reliability.md §4.2
/// asks: a leaked table row cannot be brute-forced offline without the key, and a code is bound to its phone
/// and purpose. The key comes from the host (Auth:CodeKey, or a key kept in the data folder).
/// </summary>
public sealed class CodeHasher
{
    public const string SignIn = "sign-in";

    private readonly byte[] _key;

    public CodeHasher(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key.Length >= 32 ? (byte[])key.Clone() : throw new ArgumentException("The code key must be at least 32 bytes.", nameof(key));
    }

    public string Hash(PhoneNumber phone, string code, string purpose)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{phone.E164}\n{code}\n{purpose}")));
    }

    public bool Matches(PhoneNumber phone, string code, string purpose, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hash(phone, code, purpose)),
            Encoding.ASCII.GetBytes(storedHash ?? string.Empty));
}
