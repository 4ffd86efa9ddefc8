using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Api.Http;

/// <summary>
/// Wire shapes of Core's value types: ids as plain strings, money as rupees (a JSON number with at most two
/// decimals), phones in E.164, places as {city, latitude, longitude}, enums by name.
/// </summary>
internal static class JsonSetup
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new GuidIdConverterFactory());
        options.Converters.Add(new StringIdConverter<PlaceId>(v => v.Value, s => new PlaceId(s)));
        options.Converters.Add(new StringIdConverter<VehicleClassId>(v => v.Value, s => new VehicleClassId(s)));
        options.Converters.Add(new StringIdConverter<BodyTypeId>(v => v.Value, s => new BodyTypeId(s)));
        options.Converters.Add(new StringIdConverter<PhoneNumber>(v => v.E164, PhoneNumber.FromE164));
        options.Converters.Add(new MoneyConverter());
        options.Converters.Add(new LoadPointConverter());
    }

    private sealed class GuidIdConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsValueType && typeToConvert.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IGuidId<>));

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(GuidIdConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class GuidIdConverter<T> : JsonConverter<T>
        where T : struct, IGuidId<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => T.From(reader.GetGuid());

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }

    private sealed class StringIdConverter<T>(Func<T, string> write, Func<string, T> read) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => read(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(write(value));
    }

    private sealed class MoneyConverter : JsonConverter<Money>
    {
        public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(checked((long)(reader.GetDecimal() * Money.PaisaPerRupee)));

        public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value.Paisa / (decimal)Money.PaisaPerRupee);
    }

    private sealed class LoadPointConverter : JsonConverter<LoadPoint>
    {
        public override LoadPoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Places are sent as PlaceRequest.");

        public override void Write(Utf8JsonWriter writer, LoadPoint value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("city", value.City.Value);
            writer.WriteNumber("latitude", Math.Round(value.Point.Latitude, 6));
            writer.WriteNumber("longitude", Math.Round(value.Point.Longitude, 6));
            writer.WriteEndObject();
        }
    }
}

/// <summary>Rupee amounts as clients send them: a JSON number with at most two decimals.</summary>
internal static class Rupees
{
    public static Result<Money> From(decimal? amount) =>
        amount is { } value && value > 0 && value * Money.PaisaPerRupee == decimal.Truncate(value * Money.PaisaPerRupee)
            && value <= Money.MaxUserAmount.WholeRupees
            ? new Money((long)(value * Money.PaisaPerRupee))
            : Error.Of("errors.money.invalid", ("input", amount?.ToString(CultureInfo.InvariantCulture) ?? string.Empty));

    public static Result<Money>? FromOptional(decimal? amount) => amount is null ? (Result<Money>?)null : From(amount);
}
