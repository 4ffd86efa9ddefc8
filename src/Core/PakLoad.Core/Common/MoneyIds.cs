namespace PakLoad.Core.Common;

public readonly record struct LedgerAccountId(Guid Value) : IGuidId<LedgerAccountId>
{
    public static LedgerAccountId New(TimeProvider clock) => new(PartyId.NewGuid(clock));

    public static LedgerAccountId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}

public readonly record struct LedgerTransactionId(Guid Value) : IGuidId<LedgerTransactionId>
{
    public static LedgerTransactionId New(TimeProvider clock) => new(PartyId.NewGuid(clock));

    public static LedgerTransactionId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}

public readonly record struct LedgerEntryId(Guid Value) : IGuidId<LedgerEntryId>
{
    public static LedgerEntryId New(TimeProvider clock) => new(PartyId.NewGuid(clock));

    public static LedgerEntryId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}

public readonly record struct PaymentId(Guid Value) : IGuidId<PaymentId>
{
    public static PaymentId New(TimeProvider clock) => new(PartyId.NewGuid(clock));

    public static PaymentId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}

public readonly record struct PaymentRefundId(Guid Value) : IGuidId<PaymentRefundId>
{
    public static PaymentRefundId New(TimeProvider clock) => new(PartyId.NewGuid(clock));

    public static PaymentRefundId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}

public readonly record struct PayoutId(Guid Value) : IGuidId<PayoutId>
{
    public static PayoutId New(TimeProvider clock) => new(PartyId.NewGuid(clock));

    public static PayoutId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}

public readonly record struct PayoutMethodId(Guid Value) : IGuidId<PayoutMethodId>
{
    public static PayoutMethodId New(TimeProvider clock) => new(PartyId.NewGuid(clock));

    public static PayoutMethodId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}

public readonly record struct ReconciliationCaseId(Guid Value) : IGuidId<ReconciliationCaseId>
{
    public static ReconciliationCaseId New(TimeProvider clock) => new(PartyId.NewGuid(clock));

    public static ReconciliationCaseId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}

public readonly record struct ReconciliationRunId(Guid Value) : IGuidId<ReconciliationRunId>
{
    public static ReconciliationRunId New(TimeProvider clock) => new(PartyId.NewGuid(clock));

    public static ReconciliationRunId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}
