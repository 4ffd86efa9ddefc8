using System.Security.Cryptography;
using System.Text;

namespace PakLoad.Channels.WhatsApp;

/// <summary>
/// X-Hub-Signature-256: "sha256=" + lowercase hex HMAC-SHA256 of the raw body, keyed with the App Secret.
/// Checked over the exact bytes received (re-serialised JSON changes escapes), in constant time; a missing or
/// malformed header fails. Neither the secret nor the computed value is ever logged.
/// </summary>
public static class MetaSignature
{
    private const string Prefix = "sha256=";

    public static bool IsValid(ReadOnlySpan<byte> rawBody, string? header, ReadOnlySpan<byte> appSecret)
    {
        if (header is null || header.Length != Prefix.Length + 64 || !header.StartsWith(Prefix, StringComparison.Ordinal) || appSecret.IsEmpty)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(header.AsSpan(Prefix.Length), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(appSecret, rawBody, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>The header value Meta would send (the simulator and tests sign with it).</summary>
    public static string Sign(ReadOnlySpan<byte> rawBody, ReadOnlySpan<byte> appSecret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(appSecret, rawBody));

    /// <summary>The verify-token handshake compare, constant-time over UTF-8 bytes.</summary>
    public static bool TokenMatches(string? given, string expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (given is null || expected.Length == 0)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
    }
}
