namespace PakLoad.Core.Common;

public readonly record struct LoadId(Guid Value) : IGuidId<LoadId>
{
    public static LoadId New(TimeProvider clock) => new(PartyId.NewGuid(clock));

    public static LoadId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}

public readonly record struct CapacityPostId(Guid Value) : IGuidId<CapacityPostId>
{
    public static CapacityPostId New(TimeProvider clock) => new(PartyId.NewGuid(clock));

    public static CapacityPostId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}

public readonly record struct BidId(Guid Value) : IGuidId<BidId>
{
    public static BidId New(TimeProvider clock) => new(PartyId.NewGuid(clock));

    public static BidId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}

public readonly record struct BookingId(Guid Value) : IGuidId<BookingId>
{
    public static BookingId New(TimeProvider clock) => new(PartyId.NewGuid(clock));

    public static BookingId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}

public readonly record struct TripId(Guid Value) : IGuidId<TripId>
{
    public static TripId New(TimeProvider clock) => new(PartyId.NewGuid(clock));

    public static TripId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}

public readonly record struct RatingId(Guid Value) : IGuidId<RatingId>
{
    public static RatingId New(TimeProvider clock) => new(PartyId.NewGuid(clock));

    public static RatingId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}

public readonly record struct OutboxMessageId(Guid Value) : IGuidId<OutboxMessageId>
{
    public static OutboxMessageId New(TimeProvider clock) => new(PartyId.NewGuid(clock));

    public static OutboxMessageId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}

public readonly record struct OtpChallengeId(Guid Value) : IGuidId<OtpChallengeId>
{
    public static OtpChallengeId New(TimeProvider clock) => new(PartyId.NewGuid(clock));

    public static OtpChallengeId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}

public readonly record struct RefreshTokenId(Guid Value) : IGuidId<RefreshTokenId>
{
    public static RefreshTokenId New(TimeProvider clock) => new(PartyId.NewGuid(clock));

    public static RefreshTokenId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}

public readonly record struct MatchNoticeId(Guid Value) : IGuidId<MatchNoticeId>
{
    public static MatchNoticeId New(TimeProvider clock) => new(PartyId.NewGuid(clock));

    public static MatchNoticeId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}
