namespace PakLoad.Core.Common;

/// <summary>Where a party talks to PakLoad. Channels render prompts; Core only records the preference.</summary>
public enum Channel
{
    WhatsApp,
    Sms,
    Ussd,
    Web,
}
