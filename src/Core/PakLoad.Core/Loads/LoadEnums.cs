namespace PakLoad.Core.Loads;

public enum LoadStatus
{
    Open,
    Booked,
    Cancelled,
    Expired,
}

/// <summary>Fixed: the shipper names the price and the first carrier to book gets it. Bids: carriers offer.</summary>
public enum RateMode
{
    Fixed,
    Bids,
}

/// <summary>Public loads are on the board for every carrier; private ones only reach the shipper's own network.</summary>
public enum LoadVisibility
{
    Public,
    Private,
}

public enum WeightUnit
{
    Kg,
    Ton,
    Maund,
}
