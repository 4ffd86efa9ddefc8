using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Data.ReferenceData;

/// <summary>
/// Brings the reference tables in line with the embedded gazetteer and vehicle catalogue: inserts what is
/// new, updates what changed, never deletes (rows may be referenced). Safe to run at every start.
/// </summary>
public static class ReferenceDataSeeder
{
    public static async Task<int> SeedAsync(PakLoadDbContext db, Gazetteer gazetteer, VehicleCatalogue vehicles, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(vehicles);

        var places = await db.Places.ToDictionaryAsync(p => p.Id, StringComparer.Ordinal, ct);
        foreach (var place in gazetteer.All)
        {
            if (!places.TryGetValue(place.Id.Value, out var row))
            {
                row = new PlaceRecord { Id = place.Id.Value, NameEn = "", NameUr = "", NameUrLatn = "", Province = "" };
                db.Places.Add(row);
            }

            row.NameEn = place.NameEn;
            row.NameUr = place.NameUr;
            row.NameUrLatn = place.NameUrLatn;
            row.Province = place.Province.ToString();
            row.Latitude = place.Location.Latitude;
            row.Longitude = place.Location.Longitude;
            row.Population = place.Population;
        }

        var classes = await db.VehicleClasses.ToDictionaryAsync(c => c.Id, StringComparer.Ordinal, ct);
        foreach (var vehicle in vehicles.Classes)
        {
            if (!classes.TryGetValue(vehicle.Id.Value, out var row))
            {
                row = new VehicleClassRecord { Id = vehicle.Id.Value, NameEn = "", NameUr = "", NameUrLatn = "" };
                db.VehicleClasses.Add(row);
            }

            row.NameEn = vehicle.NameEn;
            row.NameUr = vehicle.NameUr;
            row.NameUrLatn = vehicle.NameUrLatn;
            row.Axles = vehicle.Axles;
            row.LegalGvwKg = vehicle.LegalGvwKg;
            row.TypicalPayloadKg = vehicle.TypicalPayloadKg;
            row.MaxPayloadKg = vehicle.MaxPayloadKg;
        }

        var bodies = await db.BodyTypes.ToDictionaryAsync(b => b.Id, StringComparer.Ordinal, ct);
        foreach (var body in vehicles.Bodies)
        {
            if (!bodies.TryGetValue(body.Id.Value, out var row))
            {
                row = new BodyTypeRecord { Id = body.Id.Value, NameEn = "", NameUr = "", NameUrLatn = "" };
                db.BodyTypes.Add(row);
            }

            row.NameEn = body.NameEn;
            row.NameUr = body.NameUr;
            row.NameUrLatn = body.NameUrLatn;
        }

        return await db.SaveChangesAsync(ct);
    }
}
