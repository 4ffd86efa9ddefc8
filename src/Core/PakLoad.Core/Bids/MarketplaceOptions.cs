namespace PakLoad.Core.Bids;

/// <summary>Marketplace settings a host may change (bound from configuration by the host).</summary>
public sealed record MarketplaceOptions
{
    private readonly TimeSpan _bidLifetime = Bid.DefaultLifetime;

    /// <summary>How long an offer or counter-offer waits for an answer before it lapses.</summary>
    public TimeSpan BidLifetime
    {
        get => _bidLifetime;

        // A zero or negative lifetime would make every bid born expired: refuse it at startup, not per request.
        init => _bidLifetime = value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "A bid must live for some time.");
    }
}
