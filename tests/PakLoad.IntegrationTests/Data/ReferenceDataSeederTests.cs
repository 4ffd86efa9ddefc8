using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Data.ReferenceData;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Data;

public sealed class ReferenceDataSeederTests
{
    public static TheoryData<Provider> Providers => new() { Provider.Postgres, Provider.Sqlite };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Seed_EmptyDatabase_WritesEveryPlaceAndVehicle(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();

        await ReferenceDataSeeder.SeedAsync(db, Gazetteer.Default, VehicleCatalogue.Default);

        Assert.Equal(Gazetteer.Default.All.Count, await db.Places.CountAsync());
        Assert.Equal(VehicleCatalogue.Default.Classes.Count, await db.VehicleClasses.CountAsync());
        Assert.Equal(VehicleCatalogue.Default.Bodies.Count, await db.BodyTypes.CountAsync());
        var karachi = await db.Places.SingleAsync(p => p.Id == "karachi");
        Assert.Equal("کراچی", karachi.NameUr);
        Assert.Equal("Sindh", karachi.Province);
        Assert.Equal(24.86, karachi.Latitude, 2);
        var trailer = await db.VehicleClasses.SingleAsync(v => v.Id == "22-wheeler");
        Assert.Equal(58_500, trailer.LegalGvwKg);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Seed_Again_ChangesNothingAndRepairsEditedRows(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            await ReferenceDataSeeder.SeedAsync(db, Gazetteer.Default, VehicleCatalogue.Default);
        }

        await using (var db = database.CreateContext())
        {
            Assert.Equal(0, await ReferenceDataSeeder.SeedAsync(db, Gazetteer.Default, VehicleCatalogue.Default));
            (await db.Places.SingleAsync(p => p.Id == "lahore")).NameEn = "Lahor (typo)";
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            Assert.Equal(1, await ReferenceDataSeeder.SeedAsync(db, Gazetteer.Default, VehicleCatalogue.Default));
        }

        await using var check = database.CreateContext();
        Assert.Equal("Lahore", (await check.Places.SingleAsync(p => p.Id == "lahore")).NameEn);
    }
}
