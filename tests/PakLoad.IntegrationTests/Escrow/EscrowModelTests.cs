using System.Diagnostics;
using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PakLoad.Core.Bids;
using PakLoad.Core.Bookings;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.Core.Escrow;
using PakLoad.Core.Loads;
using PakLoad.Core.Parties;
using PakLoad.Core.Payments;
using PakLoad.Core.Places;
using PakLoad.Core.Trips;
using PakLoad.Core.Vehicles;
using PakLoad.IntegrationTests.Trips;
using Xunit.Abstractions;

namespace PakLoad.IntegrationTests.Escrow;

public enum MoneyOp
{
    Link,
    PaySucceeded,
    PayFailed,
    Redeliver,
    Pickup,
    Load,
    Deliver,
    Complete,
    CancelByShipper,
    CancelByCarrier,
    Dispute,
    ResolveNothing,
    ResolveHalf,
    ResolveAll,
    ResolveTooMuch,
    Release,
    Refund,
    RefundFails,
}

/// <summary>
/// Model-based test: random sequences of money and trip steps, with duplicate and reordered provider events, run
/// against the real use cases on PostgreSQL beside a small reference model written from the policy alone. After
/// every step the outcome (done or refused) and the booking's balances must agree; at the end I1–I6 must hold
/// over the whole ledger. Each sequence gets its own booking and parties, so sequences run in parallel on one database.
/// </summary>
public sealed class EscrowModelTests(TripDatabase fixture, ITestOutputHelper output) : IClassFixture<TripDatabase>
{
    private const int Sequences = 10_000;

    private static readonly Gen<MoneyOp> Op = Gen.Frequency(
        (4, Gen.Const(MoneyOp.Link)), (4, Gen.Const(MoneyOp.PaySucceeded)), (1, Gen.Const(MoneyOp.PayFailed)), (2, Gen.Const(MoneyOp.Redeliver)),
        (3, Gen.Const(MoneyOp.Pickup)), (3, Gen.Const(MoneyOp.Load)), (3, Gen.Const(MoneyOp.Deliver)), (1, Gen.Const(MoneyOp.Complete)),
        (1, Gen.Const(MoneyOp.CancelByShipper)), (1, Gen.Const(MoneyOp.CancelByCarrier)), (2, Gen.Const(MoneyOp.Dispute)),
        (1, Gen.Const(MoneyOp.ResolveNothing)), (1, Gen.Const(MoneyOp.ResolveHalf)), (1, Gen.Const(MoneyOp.ResolveAll)), (1, Gen.Const(MoneyOp.ResolveTooMuch)),
        (3, Gen.Const(MoneyOp.Release)), (2, Gen.Const(MoneyOp.Refund)), (1, Gen.Const(MoneyOp.RefundFails)));

    /// <summary>A price in paisa (odd amounts, to exercise rounding) and up to 8 steps.</summary>
    private static readonly Gen<(long Price, MoneyOp[] Ops)> Sequence = Gen.Select(Gen.Long[10_000, 50_000_000], Op.Array[1, 8]);

    [Fact]
    public async Task Escrow_TenThousandRandomSequences_ServiceAndModelNeverDiverge()
    {
        var pool = new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString) { MaxPoolSize = 60 }.ConnectionString;
        var watch = Stopwatch.StartNew();
        var steps = 0;

        await Sequence.SampleAsync(
            async input =>
            {
                var run = await ServiceRun.StartAsync(pool, input.Price);
                var model = new Model(input.Price);
                foreach (var op in input.Ops)
                {
                    var done = await run.ApplyAsync(op, model.ShareFor(op));
                    var expected = model.Apply(op);
                    var actual = await run.BalancesAsync();
                    if (done != expected || actual != model.Balances)
                    {
                        throw new InvalidOperationException(
                            $"Diverged at {op} (step {Array.IndexOf(input.Ops, op) + 1}): service done={done} {actual}; model done={expected} {model.Balances}");
                    }

                    Interlocked.Increment(ref steps);
                }
            },
            iter: Sequences,
            threads: 8,
            writeLine: output.WriteLine);

        output.WriteLine($"{Sequences} sequences, {steps} steps in {watch.Elapsed.TotalSeconds:F1} s");
        await LedgerInvariants.AssertAsync(fixture.Database);
    }

    /// <summary>The balances one booking's parties can be compared on: escrow, carrier payable, shipper refunds, refunds pending.</summary>
    public readonly record struct Balances(long Escrow, long Carrier, long Refunds, long RefundsPending);

    /// <summary>The policy, from Escrow/README.md, as plain arithmetic over a handful of fields.</summary>
    private sealed class Model(long price)
    {
        private readonly long _total = price + (((price * 250) + 5_000) / 10_000);
        private TripStatus _status = TripStatus.DriverAssigned;
        private int _payment; // 0 none, 1 pending, 2 succeeded, 3 failed
        private bool _funded, _loaded, _completed, _disputed, _resolved, _settled, _advancePaid;
        private bool? _cancelledByShipperAtPickup;
        private long _now, _deliveredAt = -1, _share, _paidCarrier, _escrow, _carrier, _refunds, _paymentRefunded;

        public Balances Balances => new(_escrow, _carrier, _refunds, 0);

        /// <summary>What the admin is asked to give the carrier: a share of what is left, or more than that.</summary>
        public long ShareFor(MoneyOp op)
        {
            var left = _funded ? _escrow : price - _paidCarrier;
            return op switch
            {
                MoneyOp.ResolveHalf => left / 2,
                MoneyOp.ResolveAll => left,
                MoneyOp.ResolveTooMuch => left + 1,
                _ => 0,
            };
        }

        public bool Apply(MoneyOp op)
        {
            var share = ShareFor(op);
            var done = op switch
            {
                MoneyOp.Link => Link(),
                MoneyOp.PaySucceeded => Event(() =>
                {
                    if (_payment != 2)
                    {
                        _payment = 2;
                        _funded = true;
                        _escrow += _total;
                    }
                }),
                MoneyOp.PayFailed => Event(() => _payment = _payment == 1 ? 3 : _payment),
                MoneyOp.Redeliver => true,
                MoneyOp.Pickup => Move([TripStatus.DriverAssigned], TripStatus.AtPickup),
                MoneyOp.Load => Move([TripStatus.AtPickup], TripStatus.Loaded, () => _loaded = true),
                MoneyOp.Deliver => Move([TripStatus.Loaded], TripStatus.Delivered, () => _deliveredAt = _now),
                MoneyOp.Complete => Move([TripStatus.Delivered], TripStatus.Completed, () => _completed = true),
                MoneyOp.CancelByShipper or MoneyOp.CancelByCarrier =>
                    Move([TripStatus.Booked, TripStatus.DriverAssigned, TripStatus.AtPickup], TripStatus.Cancelled,
                        () => _cancelledByShipperAtPickup = op == MoneyOp.CancelByShipper && _status == TripStatus.AtPickup),
                MoneyOp.Dispute => Move([TripStatus.Loaded, TripStatus.InTransit, TripStatus.Arrived, TripStatus.Delivered], TripStatus.Disputed, () => _disputed = true),
                MoneyOp.ResolveNothing or MoneyOp.ResolveHalf or MoneyOp.ResolveAll or MoneyOp.ResolveTooMuch => Resolve(share),
                MoneyOp.Release => Release(),
                MoneyOp.Refund or MoneyOp.RefundFails => Refund(op == MoneyOp.Refund),
            };
            Settle();
            return done;
        }

        private bool Link()
        {
            if (_funded || _cancelledByShipperAtPickup is not null || _completed || _settled)
            {
                return false;
            }

            _payment = 1; // the pending payment, or a new attempt after a failed one
            return true;
        }

        private bool Event(Action effect)
        {
            if (_payment == 0)
            {
                return true; // nothing to report on: the run sends nothing either
            }

            effect();
            return true;
        }

        private bool Move(TripStatus[] from, TripStatus to, Action? effect = null)
        {
            if (!from.Contains(_status))
            {
                return false;
            }

            effect?.Invoke();
            _status = to;
            return true;
        }

        private bool Resolve(long share)
        {
            var left = _funded ? _escrow : price - _paidCarrier;
            if (!_disputed || _resolved || share > left)
            {
                return false;
            }

            _resolved = true;
            _share = share;
            return true;
        }

        private bool Release()
        {
            _now += 25 * 60;
            return true;
        }

        private bool Refund(bool succeeds)
        {
            var left = _total - _paymentRefunded;
            if (_payment != 2 || _refunds <= 0 || left <= 0)
            {
                return false;
            }

            if (succeeds)
            {
                var amount = Math.Min(_refunds, left);
                _refunds -= amount;
                _paymentRefunded += amount;
            }

            return true;
        }

        private void Settle()
        {
            if (!_funded || _settled)
            {
                return;
            }

            if (_disputed)
            {
                if (_resolved)
                {
                    var toCarrier = Math.Min(_share, _escrow);
                    Pay(toCarrier, toShipper: _escrow - toCarrier);
                }
            }
            else if (_cancelledByShipperAtPickup is { } late)
            {
                var keep = late ? Math.Min(price * 10 / 100, _escrow) : 0;
                Pay(keep, toShipper: _escrow - keep);
            }
            else
            {
                if (_loaded && !_advancePaid)
                {
                    var advance = Math.Min(price * 30 / 100, _escrow);
                    _carrier += advance;
                    _paidCarrier += advance;
                    _escrow -= advance;
                    _advancePaid = true;
                }

                if (_deliveredAt >= 0 && (_completed || _now >= _deliveredAt + (24 * 60)))
                {
                    var balance = Math.Min(price - _paidCarrier, _escrow);
                    _carrier += balance;
                    _paidCarrier += balance;
                    _escrow = 0; // the rest is the platform's fee
                    _settled = true;
                }
            }

        }

        private void Pay(long toCarrier, long toShipper)
        {
            _carrier += toCarrier;
            _refunds += toShipper;
            _escrow = 0;
            _settled = true;
        }
    }

    /// <summary>One booking on the real use cases: each step on a fresh DbContext, as one request or event would be.</summary>
    private sealed class ServiceRun
    {
        private static long _phones = Random.Shared.NextInt64(0, 1_000_000);
        private readonly string _connection;
        private readonly FakeTimeProvider _clock;
        private readonly Party _shipper;
        private readonly Party _carrier;
        private readonly TripId _trip;
        private readonly BookingId _booking;
        private readonly string _code;
        private PaymentId? _payment;
        private string? _lastEvent;
        private (PaymentEventKind Kind, Guid Id)? _lastEventTarget;

        private ServiceRun(string connection, FakeTimeProvider clock, Party shipper, Party carrier, TripId trip, BookingId booking, string code)
        {
            (_connection, _clock, _shipper, _carrier, _trip, _booking, _code) = (connection, clock, shipper, carrier, trip, booking, code);
        }

        private static readonly PaymentProviders Providers = new([new SandboxPaymentProvider()]);

        public static async Task<ServiceRun> StartAsync(string connection, long pricePaisa)
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 5, 0, 0, TimeSpan.Zero));
            var shipper = Party.Register(Phone(), "Model Shipper", PartyRole.Shipper, Language.En, Channel.WhatsApp, clock).ValueOrThrow();
            var carrier = Party.Register(Phone(), "Model Carrier", PartyRole.Carrier, Language.UrLatn, Channel.Sms, clock).ValueOrThrow();
            carrier.AddRole(PartyRole.Driver);
            var today = PakistanTime.Today(clock);
            var details = new LoadDetails(
                new LoadPoint(new PlaceId("karachi"), new GeoPoint(24.86, 67.01)), new LoadPoint(new PlaceId("lahore"), new GeoPoint(31.55, 74.34)),
                today, today.AddDays(2), "Cotton bales", 10, WeightUnit.Ton, VehicleCatalogue.Default.FindClass("22-wheeler").ValueOrThrow(), null,
                RateMode.Fixed, new Money(pricePaisa), "Consignee", Phone(), null, LoadVisibility.Public);
            var load = Load.Post(shipper.Id, details, clock).ValueOrThrow();
            var bid = Bid.BookAtFixedPrice(load, carrier.Id, clock).ValueOrThrow();
            load.MarkBooked(clock).ValueOrThrow();
            var booking = Booking.From(bid, clock);
            var (trip, code) = Trip.Start(booking, clock);
            trip.AssignDriver(carrier.Id, clock).ValueOrThrow();
            await using var db = ProviderSetup.CreatePostgres(connection);
            db.AddRange(shipper, carrier, load, bid, booking, trip, BookingEscrow.Open(booking, EscrowOptions.Default, clock));
            await db.SaveChangesAsync();
            return new ServiceRun(connection, clock, shipper, carrier, trip.Id, booking.Id, code);
        }

        public async Task<bool> ApplyAsync(MoneyOp op, long share)
        {
            await using var db = ProviderSetup.CreatePostgres(_connection);
            var trips = new AdvanceTripHandler(db, _clock, Gazetteer.Default);
            switch (op)
            {
                case MoneyOp.Link:
                    var link = await new CreateFundingLinkHandler(db, _clock, Providers).HandleAsync(new CreateFundingLinkCommand(_shipper.Id, _booking), default);
                    _payment = link.IsSuccess ? link.Value.PaymentId : _payment;
                    return link.IsSuccess;
                case MoneyOp.PaySucceeded or MoneyOp.PayFailed:
                    return _payment is not { } payment
                           || await EventAsync(db, op == MoneyOp.PaySucceeded ? PaymentEventKind.PaymentSucceeded : PaymentEventKind.PaymentFailed, payment.Value, $"evt_{Guid.NewGuid():N}");
                case MoneyOp.Redeliver:
                    return _lastEvent is null || await EventAsync(db, _lastEventTarget!.Value.Kind, _lastEventTarget.Value.Id, _lastEvent);
                case MoneyOp.Pickup:
                    return (await trips.HandleAsync(new AdvanceTripCommand(_carrier.Id, _trip, TripMilestone.ArriveAtPickup), default)).IsSuccess;
                case MoneyOp.Load:
                    return (await trips.HandleAsync(new AdvanceTripCommand(_carrier.Id, _trip, TripMilestone.Load), default)).IsSuccess;
                case MoneyOp.Deliver:
                    if (!(await trips.HandleAsync(new AdvanceTripCommand(_carrier.Id, _trip, TripMilestone.Depart), default)).IsSuccess)
                    {
                        return false;
                    }

                    await using (var arrive = ProviderSetup.CreatePostgres(_connection))
                    {
                        (await new AdvanceTripHandler(arrive, _clock, Gazetteer.Default).HandleAsync(new AdvanceTripCommand(_carrier.Id, _trip, TripMilestone.Arrive), default)).ValueOrThrow();
                    }

                    await using (var deliver = ProviderSetup.CreatePostgres(_connection))
                    {
                        (await new ConfirmDeliveryHandler(deliver, _clock, Gazetteer.Default).HandleAsync(new ConfirmDeliveryCommand(_carrier.Id, _trip, _code), default)).ValueOrThrow();
                    }

                    return true;
                case MoneyOp.Complete:
                    return (await trips.HandleAsync(new AdvanceTripCommand(_shipper.Id, _trip, TripMilestone.Complete), default)).IsSuccess;
                case MoneyOp.CancelByShipper or MoneyOp.CancelByCarrier:
                    var who = op == MoneyOp.CancelByShipper ? _shipper.Id : _carrier.Id;
                    return (await trips.HandleAsync(new AdvanceTripCommand(who, _trip, TripMilestone.Cancel), default)).IsSuccess;
                case MoneyOp.Dispute:
                    return (await trips.HandleAsync(new AdvanceTripCommand(_shipper.Id, _trip, TripMilestone.Dispute), default)).IsSuccess;
                case MoneyOp.ResolveNothing or MoneyOp.ResolveHalf or MoneyOp.ResolveAll or MoneyOp.ResolveTooMuch:
                    var admin = await AdminAsync(db);
                    return (await new ResolveDisputeHandler(db, _clock, Gazetteer.Default).HandleAsync(new ResolveDisputeCommand(admin, _booking, new Money(share)), default)).IsSuccess;
                case MoneyOp.Release:
                    _clock.Advance(TimeSpan.FromHours(25));
                    return (await new ReleaseDueEscrowsHandler(db, _clock, Gazetteer.Default).HandleAsync(new ReleaseDueEscrowsCommand(OnlyBooking: _booking), default)).IsSuccess;
                case MoneyOp.Refund or MoneyOp.RefundFails:
                    var refund = await new RefundShipperHandler(db, _clock, Providers).HandleAsync(new RefundShipperCommand(_shipper.Id, _booking), default);
                    if (!refund.IsSuccess)
                    {
                        return false;
                    }

                    await using (var events = ProviderSetup.CreatePostgres(_connection))
                    {
                        var kind = op == MoneyOp.Refund ? PaymentEventKind.RefundSucceeded : PaymentEventKind.RefundFailed;
                        return await EventAsync(events, kind, refund.Value.Id.Value, $"evt_{Guid.NewGuid():N}");
                    }

                default:
                    throw new ArgumentOutOfRangeException(nameof(op), op, null);
            }
        }

        public async Task<Balances> BalancesAsync()
        {
            await using var connection = new NpgsqlConnection(_connection);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT code, balance FROM ledger_accounts WHERE code = ANY(@codes)", connection);
            string[] codes =
            [
                AccountSpec.Escrow(_booking).Code, AccountSpec.CarrierPayable(_carrier.Id).Code,
                AccountSpec.ShipperRefunds(_shipper.Id).Code, AccountSpec.ShipperRefundsPending(_shipper.Id).Code,
            ];
            command.Parameters.AddWithValue("codes", codes);
            var found = new Dictionary<string, long>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                found[reader.GetString(0)] = reader.GetInt64(1);
            }

            return new Balances(
                found.GetValueOrDefault(codes[0]), found.GetValueOrDefault(codes[1]), found.GetValueOrDefault(codes[2]), found.GetValueOrDefault(codes[3]));
        }

        private async Task<bool> EventAsync(PakLoadDbContext db, PaymentEventKind kind, Guid id, string eventId)
        {
            var result = await new RecordPaymentOutcomeHandler(db, _clock, Gazetteer.Default)
                .HandleAsync(new RecordPaymentOutcomeCommand(SandboxPaymentProvider.ProviderName, eventId, kind, null, id), default);
            if (kind is PaymentEventKind.PaymentSucceeded or PaymentEventKind.PaymentFailed)
            {
                (_lastEvent, _lastEventTarget) = (eventId, (kind, id));
            }

            return result.ValueOrThrow() is PaymentEventOutcome.Applied or PaymentEventOutcome.NoChange or PaymentEventOutcome.Duplicate;
        }

        private async Task<PartyId> AdminAsync(PakLoadDbContext db)
        {
            if (_admin is { } known)
            {
                return known;
            }

            var admin = Party.Register(Phone(), "Model Admin", PartyRole.Admin, Language.En, Channel.WhatsApp, _clock).ValueOrThrow();
            db.Parties.Add(admin);
            await db.SaveChangesAsync();
            db.DiscardChanges();
            _admin = admin.Id;
            return admin.Id;
        }

        private PartyId? _admin;

        private static PhoneNumber Phone() => PhoneNumber.FromE164($"+92345{Interlocked.Increment(ref _phones) % 10_000_000:D7}");
    }
}
