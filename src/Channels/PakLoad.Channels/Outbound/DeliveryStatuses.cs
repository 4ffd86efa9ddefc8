namespace PakLoad.Channels.Outbound;

/// <summary>
/// Provider receipts arrive late, twice and out of order; a message's status only moves forward
/// (sent &lt; delivered &lt; read &lt; played), and failed / undelivered / canceled are terminal.
/// </summary>
public static class DeliveryStatuses
{
    private static int Rank(string? status) => status switch
    {
        null => 0,
        "queued" or "accepted" or "scheduled" => 1,
        "sending" => 2,
        "sent" => 3,
        "delivered" => 4,
        "read" => 5,
        "played" => 6,
        _ => -1,
    };

    public static bool IsTerminalFailure(string? status) => status is "failed" or "undelivered" or "canceled";

    /// <summary>The status to store after <paramref name="next"/> arrives, or null when it changes nothing.</summary>
    public static string? Advance(string? current, string next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (IsTerminalFailure(current) || current == next)
        {
            return null;
        }

        if (IsTerminalFailure(next))
        {
            // A failure after delivery is a late or confused receipt: what the user saw stands.
            return Rank(current) < Rank("delivered") ? next : null;
        }

        var rank = Rank(next);
        return rank > 0 && rank > Rank(current) ? next : null;
    }
}
