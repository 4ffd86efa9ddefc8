using PakLoad.Core.Common;
using PakLoad.Core.Places;

namespace PakLoad.Core.Loads;

/// <summary>
/// A place as a user gives it: a city name or id in any of the three languages ("Lahore", "لاہور",
/// "dera-ghazi-khan"), a map pin, or both. With both, the text names the city and the pin is the exact spot;
/// with a pin alone, the city is the nearest one in the gazetteer.
/// </summary>
public sealed record PlaceInput(string? Text, double? Latitude = null, double? Longitude = null)
{
    public static PlaceInput Named(string text) => new(text);

    public static PlaceInput Pinned(double latitude, double longitude) => new(null, latitude, longitude);

    public Result<LoadPoint> Resolve(Gazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        GeoPoint? pin = null;
        if (Latitude is not null || Longitude is not null)
        {
            if (Latitude is not { } lat || Longitude is not { } lon || !GeoPoint.IsValid(lat, lon))
            {
                return Error.Of("errors.load.location_invalid");
            }

            pin = new GeoPoint(lat, lon);
        }

        if (!string.IsNullOrWhiteSpace(Text))
        {
            var city = gazetteer.Contains(new PlaceId(Text.Trim()))
                ? gazetteer.Get(new PlaceId(Text.Trim()))
                : gazetteer.Find(Text);
            return city.IsSuccess ? new LoadPoint(city.Value.Id, pin ?? city.Value.Location) : city.Error;
        }

        return pin is { } point
            ? new LoadPoint(gazetteer.Nearest(point).Place.Id, point)
            : Error.Of("errors.place.unknown", ("input", string.Empty));
    }
}
