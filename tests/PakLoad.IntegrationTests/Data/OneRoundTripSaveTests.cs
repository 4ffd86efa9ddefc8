using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.Core.Notifications;
using PakLoad.Core.Parties;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Data;

/// <summary>
/// <see cref="IPakLoadDb.SaveInOneRoundTripAsync"/> sends a hot write without BEGIN/COMMIT on PostgreSQL: it must still
/// be all or nothing (the server's implicit transaction over one batch), and fall back to an ordinary save when a key
/// is store-generated.
/// </summary>
public sealed class OneRoundTripSaveTests
{
    public static TheoryData<Provider> Providers => new() { Provider.Postgres, Provider.Sqlite };

    private static readonly PhoneNumber Phone = PhoneNumber.FromE164("+923001239876");

    private static OutboxMessage Notice(string dedupe) =>
        OutboxMessage.ToPhone(Phone, "notifications.bid.received", dedupe, TimeProvider.System, ("route", "Karachi - Lahore"), ("amount", "Rs 1"));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AStatementTheDatabaseRefuses_TakesTheWholeSaveBack(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.Outbox.Add(Notice("one-trip:taken"));
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            db.Outbox.Add(Notice("one-trip:fresh"));
            db.Outbox.Add(Notice("one-trip:taken"));
            var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveInOneRoundTripAsync());
            Assert.True(db.IsConflict(refused));
            Assert.Null(db.Database.CurrentTransaction);
        }

        await using var check = database.CreateContext();
        Assert.Equal(["one-trip:taken"], await check.Outbox.AsNoTracking().Select(o => o.DedupeKey).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StoreGeneratedKeys_AreSavedAsUsual(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.Outbox.Add(Notice("one-trip:with-row"));
            db.ChannelOutbound.Add(new OutboundRecord
            {
                Channel = "sms", Recipient = Phone.E164, Kind = "text", Payload = "PakLoad: test", DedupeKey = "outbox:one-trip:with-row",
                Language = "en", Status = OutboundStatus.Pending, CreatedAt = DateTimeOffset.UtcNow,
            });
            Assert.Equal(2, await db.SaveInOneRoundTripAsync());
        }

        await using var check = database.CreateContext();
        Assert.Equal(1, await check.Outbox.CountAsync());
        Assert.True((await check.ChannelOutbound.SingleAsync()).Id > 0);
    }
}
