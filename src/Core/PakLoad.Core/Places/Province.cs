namespace PakLoad.Core.Places;

public enum Province
{
    Punjab,
    Sindh,
    KhyberPakhtunkhwa,
    Balochistan,
    IslamabadCapitalTerritory,
    AzadKashmir,
    GilgitBaltistan,
}
