using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Data;

public sealed class PartyPersistenceTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero));

    public static TheoryData<Provider> Providers => new() { Provider.Postgres, Provider.Sqlite };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Save_PartyWithRolesAndCnic_RoundTripsEveryField(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var party = Party.Register(
            PhoneNumber.Parse("0355 1234567").ValueOrThrow(), "Ghulam Rasool", PartyRole.Carrier, Language.UrLatn, Channel.WhatsApp, _clock).ValueOrThrow();
        party.AddRole(PartyRole.Driver);
        party.RecordCnic(Cnic.Parse("35202-1234567-1").ValueOrThrow());
        await using (var db = database.CreateContext())
        {
            db.Parties.Add(party);
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var loaded = await read.Parties.SingleAsync(p => p.Phone == PhoneNumber.FromE164("+923551234567"));

        Assert.Equal(party.Id, loaded.Id);
        Assert.Equal("+923551234567", loaded.Phone.E164);
        Assert.Equal("Ghulam Rasool", loaded.Name);
        Assert.Equal([PartyRole.Carrier, PartyRole.Driver], loaded.Roles);
        Assert.Equal(Language.UrLatn, loaded.Language);
        Assert.Equal(Channel.WhatsApp, loaded.PreferredChannel);
        Assert.Equal("3520212345671", loaded.Cnic!.Digits);
        Assert.Equal(_clock.GetUtcNow(), loaded.CreatedAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Save_SecondPartyWithSamePhone_IsRefusedByTheDatabase(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var phone = PhoneNumber.Parse("03001234567").ValueOrThrow();
        await using (var db = database.CreateContext())
        {
            db.Parties.Add(Party.Register(phone, "First", PartyRole.Shipper, Language.En, Channel.Web, _clock).ValueOrThrow());
            await db.SaveChangesAsync();
        }

        await using var second = database.CreateContext();
        second.Parties.Add(Party.Register(phone, "Second", PartyRole.Carrier, Language.Ur, Channel.Sms, _clock).ValueOrThrow());

        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());
        await using var check = database.CreateContext();
        Assert.Equal("First", (await check.Parties.SingleAsync()).Name);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Query_PartiesByCreation_OrdersByTime(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            foreach (var (phone, name) in new[] { ("03001111111", "A"), ("03002222222", "B"), ("03003333333", "C") })
            {
                db.Parties.Add(Party.Register(PhoneNumber.Parse(phone).ValueOrThrow(), name, PartyRole.Shipper, Language.En, Channel.Web, _clock).ValueOrThrow());
                _clock.Advance(TimeSpan.FromMinutes(5));
            }

            await db.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var since = new DateTimeOffset(2026, 11, 25, 9, 34, 0, TimeSpan.Zero);
        var names = await read.Parties.Where(p => p.CreatedAt > since).OrderByDescending(p => p.CreatedAt).Select(p => p.Name).ToListAsync();

        Assert.Equal(["C", "B"], names);
    }
}
