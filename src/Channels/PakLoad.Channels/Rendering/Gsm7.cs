namespace PakLoad.Channels.Rendering;

/// <summary>The GSM 03.38 default alphabet and its extension table (what USSD and cheap SMS carry).</summary>
public static class Gsm7
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /// <summary>Characters that need an escape septet: they cost two.</summary>
    private const string Extension = "^{}\\[~]|€\f";

    public static bool IsBasic(char c) => Basic.Contains(c, StringComparison.Ordinal);

    public static bool IsExtension(char c) => Extension.Contains(c, StringComparison.Ordinal);

    public static bool CanEncode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (!IsBasic(c) && !IsExtension(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Septets the text needs (extension characters count twice); only meaningful when <see cref="CanEncode"/>.</summary>
    public static int Septets(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var n = 0;
        foreach (var c in text)
        {
            n += IsExtension(c) ? 2 : 1;
        }

        return n;
    }
}
