namespace PakLoad.Core.Common;

/// <summary>Ids that are GUIDs: version 7, so they sort by creation time and index well.</summary>
public interface IGuidId<TSelf>
    where TSelf : struct, IGuidId<TSelf>
{
    Guid Value { get; }

    static abstract TSelf From(Guid value);
}

public readonly record struct PartyId(Guid Value) : IGuidId<PartyId>
{
    public static PartyId New(TimeProvider clock) => new(NewGuid(clock));

    public static PartyId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();

    internal static Guid NewGuid(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Guid.CreateVersion7(clock.GetUtcNow());
    }
}
