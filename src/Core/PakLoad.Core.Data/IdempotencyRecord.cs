namespace PakLoad.Core.Data;

/// <summary>
/// The first answer to a POST with an Idempotency-Key, kept so a retry gets the same answer and changes
/// nothing. Keyed by (caller, key): two callers may pick the same key.
/// </summary>
public sealed class IdempotencyRecord
{
    public required string Caller { get; set; }

    public required string Key { get; set; }

    /// <summary>Method, path and a hash of the body: the same key with a different request is refused.</summary>
    public required string RequestFingerprint { get; set; }

    public int StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? ResponseBody { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>False while the first request is still running: a concurrent retry gets 409, not a second run.</summary>
    public bool Completed { get; set; }
}
