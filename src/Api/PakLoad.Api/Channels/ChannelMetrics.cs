using System.Diagnostics.Metrics;

namespace PakLoad.Api.Channels;

/// <summary>
/// The channels' counters on the "PakLoad.Channels" meter (read with dotnet-counters or any OpenTelemetry exporter
/// a deployment adds): USSD sessions by how their gateway says they ended, so a rise in Incomplete (users giving up
/// mid-menu) or Failed (our answers late or broken) shows on a dashboard.
/// </summary>
internal sealed class ChannelMetrics
{
    public const string MeterName = "PakLoad.Channels";
    public const string UssdSessionsEnded = "pakload.ussd.sessions.ended";

    private readonly Counter<long> _ussdEnded;

    public ChannelMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _ussdEnded = meter.CreateCounter<long>(
            UssdSessionsEnded, unit: "{session}", description: "USSD sessions by the gateway's end-of-session status (Success, Incomplete, Failed, Unknown).");
    }

    public void UssdSessionEnded(string gateway, string status) =>
        _ussdEnded.Add(1, new KeyValuePair<string, object?>("gateway", gateway), new KeyValuePair<string, object?>("status", status));
}
