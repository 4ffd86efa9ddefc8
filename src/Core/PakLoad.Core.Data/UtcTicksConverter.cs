using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PakLoad.Core.Data;

/// <summary>Stores a DateTimeOffset as UTC ticks (SQLite only); reads it back with a zero offset.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
