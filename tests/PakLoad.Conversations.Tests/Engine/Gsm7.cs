namespace PakLoad.Conversations.Tests.Engine;

/// <summary>The GSM 03.38 default alphabet and its extension table (what USSD and cheap SMS can carry).</summary>
internal static class Gsm7
{
    private const string Alphabet =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
        + "^{}\\[~]|€\f";

    public static bool IsGsm7(string text) => text.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
}
