using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PakLoad.Core.Auth;

/// <summary>Random secrets and their stored hashes. Only hashes reach the database.</summary>
public static class Secrets
{
    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>256 random bits, base64url: a refresh token.</summary>
    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string salt, string secret) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{salt}:{secret}")));
}
