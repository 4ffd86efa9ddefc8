using PakLoad.Core.Common;
using PakLoad.Core.Parties;

namespace PakLoad.Core.Payouts;

public enum PayoutMethodKind
{
    Iban,
    Raast,
    Wallet,
}

/// <summary>
/// Where a carrier is paid: a validated Pakistani IBAN, or a mobile number for Raast or a wallet (JazzCash,
/// Easypaisa). One per carrier; registering again replaces it for later payouts (paid ones keep their copy).
/// </summary>
public sealed class PayoutMethod
{
    public const int MaxTitleLength = 80;

    private PayoutMethod()
    {
    }

    public PartyId CarrierId { get; private set; }

    public PayoutMethodKind Kind { get; private set; }

    /// <summary>The IBAN (24 characters) or the mobile number in E.164.</summary>
    public string Destination { get; private set; } = string.Empty;

    public string AccountTitle { get; private set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; private set; }

    public static Result<PayoutMethod> Create(PartyId carrier, PayoutMethodKind kind, string? destination, string? accountTitle, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var title = (accountTitle ?? string.Empty).Trim();
        if (title.Length == 0 || title.Length > MaxTitleLength || title.Any(char.IsControl))
        {
            return Error.Of("errors.payout.title_invalid", ("max", MaxTitleLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        string value;
        if (kind == PayoutMethodKind.Iban)
        {
            var iban = Iban.Parse(destination);
            if (!iban.IsSuccess)
            {
                return iban.Error;
            }

            value = iban.Value.Value;
        }
        else
        {
            var phone = PhoneNumber.Parse(destination);
            if (!phone.IsSuccess)
            {
                return phone.Error;
            }

            value = phone.Value.E164;
        }

        return new PayoutMethod { CarrierId = carrier, Kind = kind, Destination = value, AccountTitle = title, UpdatedAt = clock.GetUtcNow() };
    }

    public void ReplaceWith(PayoutMethod other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Kind = other.Kind;
        Destination = other.Destination;
        AccountTitle = other.AccountTitle;
        UpdatedAt = other.UpdatedAt;
    }
}

public enum PayoutStatus
{
    Requested,
    Approved,
    Paid,
    Failed,
    Rejected,
}

/// <summary>
/// A carrier asks for (part of) their payable balance. The money leaves the payable account at the request
/// (into the carrier's payouts-pending account), so it cannot be asked for twice; an admin approves it, the bank
/// file carries it, and it is marked paid with the bank's reference, or failed/rejected, which returns it.
/// </summary>
public sealed class Payout
{
    public const int MaxReferenceLength = 64;

    private Payout()
    {
    }

    public PayoutId Id { get; private set; }

    public PartyId CarrierId { get; private set; }

    public Money Amount { get; private set; }

    public PayoutMethodKind MethodKind { get; private set; }

    public string Destination { get; private set; } = string.Empty;

    public string AccountTitle { get; private set; } = string.Empty;

    public PayoutStatus Status { get; private set; }

    public string? BankReference { get; private set; }

    public PartyId? DecidedBy { get; private set; }

    public int Version { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static Payout Request(PayoutMethod method, Money amount, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        return new Payout
        {
            Id = PayoutId.New(clock),
            CarrierId = method.CarrierId,
            Amount = amount,
            MethodKind = method.Kind,
            Destination = method.Destination,
            AccountTitle = method.AccountTitle,
            Status = PayoutStatus.Requested,
            RequestedAt = now,
            UpdatedAt = now,
        };
    }

    public Result<Payout> Approve(PartyId admin, TimeProvider clock) =>
        Move(PayoutStatus.Requested, PayoutStatus.Approved, admin, clock);

    public Result<Payout> Reject(PartyId admin, TimeProvider clock) =>
        Move(PayoutStatus.Requested, PayoutStatus.Rejected, admin, clock);

    public Result<Payout> MarkPaid(PartyId admin, string? reference, TimeProvider clock)
    {
        var trimmed = (reference ?? string.Empty).Trim();
        if (trimmed.Length == 0 || trimmed.Length > MaxReferenceLength || trimmed.Any(char.IsControl))
        {
            return Error.Of("errors.payout.reference_invalid");
        }

        var moved = Move(PayoutStatus.Approved, PayoutStatus.Paid, admin, clock);
        if (moved.IsSuccess)
        {
            BankReference = trimmed;
        }

        return moved;
    }

    public Result<Payout> MarkFailed(PartyId admin, TimeProvider clock) =>
        Move(PayoutStatus.Approved, PayoutStatus.Failed, admin, clock);

    private Result<Payout> Move(PayoutStatus from, PayoutStatus to, PartyId admin, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Status != from)
        {
            return Error.Of("errors.payout.transition_invalid", ("status", Status.ToString()));
        }

        Status = to;
        DecidedBy = admin;
        UpdatedAt = clock.GetUtcNow();
        Version++;
        return this;
    }
}
