using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.Core.Escrow;
using PakLoad.Core.Parties;
using PakLoad.Core.Payments;
using PakLoad.Core.Places;
using PakLoad.Core.Trips;
using PakLoad.IntegrationTests.Infrastructure;
using PakLoad.IntegrationTests.Trips;

namespace PakLoad.IntegrationTests.Escrow;

/// <summary>
/// A trip of <see cref="TripWorld"/> (price Rs 185,000, so fee Rs 4,625 and advance Rs 55,500 by the default policy)
/// plus an admin, with the money use cases called as the API and the jobs call them: each on a fresh context.
/// </summary>
internal sealed class EscrowWorld
{
    public static readonly Money Price = Money.FromRupees(185_000);
    public static readonly Money Fee = Money.FromRupees(4_625);
    public static readonly Money Advance = Money.FromRupees(55_500);

    private int _events;

    private EscrowWorld(TripWorld trips, Party admin, BookingId booking)
    {
        Trips = trips;
        Admin = admin;
        BookingId = booking;
    }

    public TripWorld Trips { get; }

    public TestDatabase Database => Trips.Database;

    public Party Admin { get; }

    public BookingId BookingId { get; }

    public PaymentProviders Providers { get; set; } = new([new SandboxPaymentProvider()]);

    public EscrowOptions Options { get; set; } = EscrowOptions.Default;

    public static async Task<EscrowWorld> CreateAsync(TestDatabase database, TripStatus status = TripStatus.Booked, Microsoft.Extensions.Time.Testing.FakeTimeProvider? clock = null)
    {
        var trips = await TripWorld.CreateAsync(database, status, clock: clock);
        var admin = Party.Register(
            PhoneNumber.FromE164($"+92301{Random.Shared.Next(0, 10_000_000):D7}"), "Ops Admin", PartyRole.Admin, Language.En, Channel.WhatsApp, trips.Clock).ValueOrThrow();
        await using var db = database.CreateContext();
        db.Parties.Add(admin);
        await db.SaveChangesAsync();
        var trip = await trips.ReadTripAsync();
        return new EscrowWorld(trips, admin, trip.BookingId);
    }

    public Task<Result<FundingLink>> LinkAsync(Party? actor = null) =>
        Run(db => new CreateFundingLinkHandler(db, Trips.Clock, Providers, Options).HandleAsync(new CreateFundingLinkCommand((actor ?? Trips.Shipper).Id, BookingId), default));

    public Task<Result<PaymentEventOutcome>> EventAsync(PaymentEventKind kind, Guid ourId, string? eventId = null) =>
        Run(db => new RecordPaymentOutcomeHandler(db, Trips.Clock, Gazetteer.Default).HandleAsync(
            new RecordPaymentOutcomeCommand(SandboxPaymentProvider.ProviderName, eventId ?? $"evt_{Interlocked.Increment(ref _events)}_{Guid.NewGuid():N}", kind, null, ourId), default));

    /// <summary>Link, then the provider says it succeeded.</summary>
    public async Task<PaymentId> FundAsync()
    {
        var link = (await LinkAsync()).ValueOrThrow();
        Assert.Equal(PaymentEventOutcome.Applied, (await EventAsync(PaymentEventKind.PaymentSucceeded, link.PaymentId.Value)).ValueOrThrow());
        return link.PaymentId;
    }

    public Task<Result<TripView>> AdvanceAsync(Party actor, TripMilestone milestone) => Trips.AdvanceAsync(actor, milestone);

    public Task<Result<int>> ReleaseAsync() =>
        Run(db => new ReleaseDueEscrowsHandler(db, Trips.Clock, Gazetteer.Default).HandleAsync(new ReleaseDueEscrowsCommand(), default));

    public Task<Result<EscrowView>> ResolveAsync(Party actor, Money carrierShare) =>
        Run(db => new ResolveDisputeHandler(db, Trips.Clock, Gazetteer.Default).HandleAsync(new ResolveDisputeCommand(actor.Id, BookingId, carrierShare), default));

    public Task<Result<PaymentRefund>> RefundAsync(Party? actor = null) =>
        Run(db => new RefundShipperHandler(db, Trips.Clock, Providers).HandleAsync(new RefundShipperCommand((actor ?? Trips.Shipper).Id, BookingId), default));

    public Task<Result<EscrowView>> ViewAsync(Party actor) =>
        Run(db => new GetEscrowHandler(db, Trips.Clock).HandleAsync(new GetEscrowQuery(actor.Id, BookingId), default));

    public Task<Money> BalanceAsync(AccountSpec account) => Run(db => Ledger.BalanceAsync(db, account, default));

    public Task<Money> EscrowBalanceAsync() => BalanceAsync(AccountSpec.Escrow(BookingId));

    public Task<Money> CarrierPayableAsync() => BalanceAsync(AccountSpec.CarrierPayable(Trips.Carrier.Id));

    public Task<Money> ShipperRefundsAsync() => BalanceAsync(AccountSpec.ShipperRefunds(Trips.Shipper.Id));

    /// <summary>The money messages of this booking and its parties, as (template, recipient).</summary>
    public async Task<List<(string Template, PartyId? Recipient)>> MoneyMessagesAsync()
    {
        await using var db = Database.CreateContext();
        var parties = new PartyId?[] { Trips.Shipper.Id, Trips.Carrier.Id };
        var rows = await db.Outbox.AsNoTracking()
            .Where(o => o.TemplateKey.StartsWith("notifications.money.") && parties.Contains(o.RecipientId))
            .OrderBy(o => o.CreatedAt).ThenBy(o => o.DedupeKey)
            .ToListAsync();
        return rows.Select(o => (o.TemplateKey, o.RecipientId)).ToList();
    }

    public async Task<int> TransactionsAsync(LedgerTransactionKind kind)
    {
        await using var db = Database.CreateContext();
        var booking = BookingId;
        return await db.LedgerTransactions.CountAsync(t => t.BookingId == booking && t.Kind == kind);
    }

    public async Task<T> Run<T>(Func<PakLoadDbContext, Task<T>> work)
    {
        await using var db = Database.CreateContext();
        return await work(db);
    }
}
