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

        var candidate = Encoding.ASCII.GetBytes(Hash(trip, Common.TextFold.CleanIdentifier(code)));
        return CryptographicOperations.FixedTimeEquals(candidate, Encoding.ASCII.GetBytes(storedHash));
    }
}
