using PakLoad.Channels.Rendering;

namespace PakLoad.Channels.Sms;

public enum SmsEncoding
{
    Gsm7,
    Ucs2,
}

/// <summary>
/// What an SMS costs: GSM-7 (160 septets alone, 153 per part when concatenated, extension characters count
/// two) or UCS-2 as soon as one character is outside GSM-7 (70 alone, 67 per part, UTF-16 units).
/// </summary>
public readonly record struct SmsText(SmsEncoding Encoding, int Units, int Segments)
{
    public static SmsText Measure(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Gsm7.CanEncode(text))
        {
            var septets = Gsm7.Septets(text);
            return new SmsText(SmsEncoding.Gsm7, septets, Parts(septets, 160, 153));
        }

        return new SmsText(SmsEncoding.Ucs2, text.Length, Parts(text.Length, 70, 67));
    }

    /// <summary>Most units that fit in <paramref name="segments"/> parts of this encoding.</summary>
    public static int Capacity(SmsEncoding encoding, int segments) => (encoding, segments) switch
    {
        (_, <= 0) => 0,
        (SmsEncoding.Gsm7, 1) => 160,
        (SmsEncoding.Gsm7, _) => 153 * segments,
        (SmsEncoding.Ucs2, 1) => 70,
        (SmsEncoding.Ucs2, _) => 67 * segments,
    };

    private static int Parts(int units, int single, int part) =>
        units == 0 ? 1 : units <= single ? 1 : (units + part - 1) / part;
}
