using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Places;

namespace PakLoad.Core.Notifications;

/// <summary>How a load's route reads in a message: city names in the recipient's language, GSM-7 safe in Latin.</summary>
public static class Routes
{
    public static string Describe(Gazetteer gazetteer, Load load, Language language)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(load);
        return $"{Name(gazetteer, load.OriginCity, language)} - {Name(gazetteer, load.DestinationCity, language)}";
    }

    public static string Name(Gazetteer gazetteer, PlaceId city, Language language)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        return gazetteer.Contains(city) ? gazetteer.Get(city).Name(language) : city.Value;
    }
}
