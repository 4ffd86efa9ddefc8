namespace PakLoad.Core.Escrow;

/// <summary>
/// The escrow policy a host may configure. Each escrow copies the values it opens with, so a change of policy
/// never rewrites a deal already made.
/// </summary>
public sealed record EscrowOptions
{
    public static readonly EscrowOptions Default = new();

    /// <summary>The platform fee the shipper pays on top of the agreed price, in basis points (250 = 2.5 %).</summary>
    public int FeeBasisPoints { get; init; } = 250;

    /// <summary>Share of the agreed price paid to the carrier when the goods are loaded.</summary>
    public int AdvancePercent { get; init; } = 30;

    /// <summary>Share of the agreed price the carrier keeps when the shipper cancels after the truck reached pickup.</summary>
    public int LateCancellationPercent { get; init; } = 10;

    /// <summary>How long after proof of delivery the shipper may still dispute before the balance is released.</summary>
    public TimeSpan DisputeWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Which payment provider new funding links go to ("sandbox" in the embedded default, "stripe" when configured).</summary>
    public string Provider { get; init; } = "sandbox";
}
