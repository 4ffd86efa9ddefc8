using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Data;

/// <summary>Maps every typed id, money and phone number to its column type, once, by convention.</summary>
internal static class Conversions
{
    public static void Apply(ModelConfigurationBuilder builder)
    {
        Guid<PartyId>(builder);
        Guid<LoadId>(builder);
        Guid<CapacityPostId>(builder);
        Guid<BidId>(builder);
        Guid<BookingId>(builder);
        Guid<TripId>(builder);
        Guid<RatingId>(builder);
        Guid<OutboxMessageId>(builder);
        Guid<OtpChallengeId>(builder);
        Guid<RefreshTokenId>(builder);
        Guid<LedgerAccountId>(builder);
        Guid<LedgerTransactionId>(builder);
        Guid<LedgerEntryId>(builder);
        Guid<PaymentId>(builder);
        Guid<PaymentRefundId>(builder);
        Guid<PayoutId>(builder);
        Guid<PayoutMethodId>(builder);
        Guid<MatchNoticeId>(builder);
        Guid<ReconciliationCaseId>(builder);
        Guid<ReconciliationRunId>(builder);
        builder.Properties<PlaceId>().HaveConversion<PlaceIdConverter>().HaveMaxLength(40);
        builder.Properties<VehicleClassId>().HaveConversion<VehicleClassIdConverter>().HaveMaxLength(40);
        builder.Properties<BodyTypeId>().HaveConversion<BodyTypeIdConverter>().HaveMaxLength(40);
        builder.Properties<Money>().HaveConversion<MoneyConverter>();
        builder.Properties<PhoneNumber>().HaveConversion<PhoneNumberConverter>().HaveMaxLength(16);
        builder.Properties<Language>().HaveConversion<LanguageConverter>().HaveMaxLength(8);
    }

    private static void Guid<T>(ModelConfigurationBuilder builder)
        where T : struct, IGuidId<T> =>
        builder.Properties<T>().HaveConversion<GuidIdConverter<T>>();

    private sealed class GuidIdConverter<T>() : ValueConverter<T, Guid>(ToGuid(), FromGuid())
        where T : struct, IGuidId<T>
    {
        // Expression trees cannot call static abstract members directly, so the lambdas are built by hand.
        private static Expression<Func<T, Guid>> ToGuid()
        {
            var id = Expression.Parameter(typeof(T), "id");
            return Expression.Lambda<Func<T, Guid>>(Expression.Property(id, nameof(IGuidId<T>.Value)), id);
        }

        private static Expression<Func<Guid, T>> FromGuid()
        {
            var value = Expression.Parameter(typeof(Guid), "value");
            var from = typeof(T).GetMethod(nameof(IGuidId<T>.From), [typeof(Guid)])!;
            return Expression.Lambda<Func<Guid, T>>(Expression.Call(from, value), value);
        }
    }

    private sealed class PlaceIdConverter() : ValueConverter<PlaceId, string>(v => v.Value, v => new PlaceId(v));

    private sealed class VehicleClassIdConverter() : ValueConverter<VehicleClassId, string>(v => v.Value, v => new VehicleClassId(v));

    private sealed class BodyTypeIdConverter() : ValueConverter<BodyTypeId, string>(v => v.Value, v => new BodyTypeId(v));

    private sealed class MoneyConverter() : ValueConverter<Money, long>(v => v.Paisa, v => new Money(v));

    private sealed class PhoneNumberConverter() : ValueConverter<PhoneNumber, string>(v => v.E164, v => PhoneNumber.FromE164(v));

    private sealed class LanguageConverter() : ValueConverter<Language, string>(v => v.ToCode(), v => LanguageCodes.Parse(v).ValueOrThrow());
}
