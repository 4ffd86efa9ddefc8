using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PakLoad.Core.Trips;

/// <summary>
/// The consignee's one-time proof-of-delivery code: 6 digits from a CSPRNG, stored only as a salted hash
/// (salted with the trip id, so equal codes on two trips hash differently), compared in constant time.
/// </summary>
public static class DeliveryCode
{
    public const int MaxAttempts = 5;

    public static string New() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    public static string Hash(Common.TripId trip, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"pakload-pod:{trip.Value:N}:{code.Trim()}"));
        return Convert.ToHexString(bytes);
    }

    public static bool Matches(Common.TripId trip, string? code, string storedHash)
    {
        if (code is null || storedHash is null)
        {
            return false;
        }

        var candidate = Encoding.ASCII.GetBytes(Hash(trip, Normalize(code)));
        return CryptographicOperations.FixedTimeEquals(candidate, Encoding.ASCII.GetBytes(storedHash));
    }

    /// <summary>
    /// The code as the consignee reads it out and the driver types it: Urdu digits become ASCII, and the
    /// spaces or dashes people put between groups ("123 456", "123-456") go.
    /// </summary>
    public static string Normalize(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return string.Concat(Common.TextFold.CleanIdentifier(code).Where(c => !char.IsWhiteSpace(c) && c != '-'));
    }
}
