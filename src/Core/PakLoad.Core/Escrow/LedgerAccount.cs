using System.Globalization;
using PakLoad.Core.Common;

namespace PakLoad.Core.Escrow;

/// <summary>What an account holds. Only provider and bank clearing accounts may go negative: they mirror money outside.</summary>
public enum LedgerAccountKind
{
    ProviderClearing,
    Escrow,
    CarrierPayable,
    CarrierPayoutsPending,
    ShipperRefunds,
    ShipperRefundsPending,
    PlatformFees,
}

/// <summary>
/// Names an account by what it is for. The code is the account's unique key, so the same account is found (or
/// created once, the unique index deciding a race) from any use case.
/// </summary>
public sealed record AccountSpec(string Code, LedgerAccountKind Kind, PartyId? OwnerId, BookingId? BookingId)
{
    public bool MayGoNegative => Kind == LedgerAccountKind.ProviderClearing;

    public static AccountSpec Clearing(string provider) => new($"provider:{provider}:clearing", LedgerAccountKind.ProviderClearing, null, null);

    public static AccountSpec Escrow(BookingId booking) => new($"escrow:{booking}", LedgerAccountKind.Escrow, null, booking);

    public static AccountSpec CarrierPayable(PartyId carrier) => new($"carrier:{carrier}:payable", LedgerAccountKind.CarrierPayable, carrier, null);

    public static AccountSpec CarrierPayouts(PartyId carrier) => new($"carrier:{carrier}:payouts", LedgerAccountKind.CarrierPayoutsPending, carrier, null);

    public static AccountSpec ShipperRefunds(PartyId shipper) => new($"shipper:{shipper}:refunds", LedgerAccountKind.ShipperRefunds, shipper, null);

    public static AccountSpec ShipperRefundsPending(PartyId shipper) =>
        new($"shipper:{shipper}:refunds-pending", LedgerAccountKind.ShipperRefundsPending, shipper, null);

    public static readonly AccountSpec PlatformFees = new("platform:fees", LedgerAccountKind.PlatformFees, null, null);

    /// <summary>A test or benchmark account that may not go negative.</summary>
    public static AccountSpec Named(string code) => new(code, LedgerAccountKind.Escrow, null, null);

    public override string ToString() => Code;
}

/// <summary>
/// One account of the ledger with its balance materialised: changed only by <see cref="Ledger"/>, in the same
/// database transaction as the entries that explain it, guarded by <see cref="Version"/> (a concurrency token for
/// EF saves; the PostgreSQL writer locks the row and bumps it too) and by a database CHECK that refuses a negative
/// balance unless <see cref="MayGoNegative"/>.
/// </summary>
public sealed class LedgerAccount
{
    public const int MaxCodeLength = 120;

    private LedgerAccount()
    {
    }

    public LedgerAccountId Id { get; private set; }

    public string Code { get; private set; } = string.Empty;

    public LedgerAccountKind Kind { get; private set; }

    public PartyId? OwnerId { get; private set; }

    public BookingId? BookingId { get; private set; }

    public bool MayGoNegative { get; private set; }

    /// <summary>Signed paisa: credits minus debits. Money held here is positive.</summary>
    public Money Balance { get; private set; }

    public int Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    internal static void CheckCode(AccountSpec spec)
    {
        if (spec.Code.Length > MaxCodeLength)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Account code longer than {MaxCodeLength}."), nameof(spec));
        }
    }

    internal static LedgerAccount Open(AccountSpec spec, TimeProvider clock)
    {
        CheckCode(spec);
        var now = clock.GetUtcNow();
        return new LedgerAccount
        {
            Id = LedgerAccountId.New(clock),
            Code = spec.Code,
            Kind = spec.Kind,
            OwnerId = spec.OwnerId,
            BookingId = spec.BookingId,
            MayGoNegative = spec.MayGoNegative,
            Balance = Money.Zero,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    internal void Apply(Money amount, DateTimeOffset at)
    {
        Balance += amount;
        Version++;
        UpdatedAt = at;
    }
}
