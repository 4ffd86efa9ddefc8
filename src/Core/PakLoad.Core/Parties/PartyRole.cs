namespace PakLoad.Core.Parties;

/// <summary>What a party does on the exchange. One person may hold several (an owner-driver is Carrier and Driver).</summary>
public enum PartyRole
{
    Shipper,
    Carrier,
    Driver,
    Broker,
    Admin,
}
