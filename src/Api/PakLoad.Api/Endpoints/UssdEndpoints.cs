using PakLoad.Api.Channels;
using PakLoad.Channels.Ussd;

namespace PakLoad.Api.Endpoints;

/// <summary>
/// USSD gateways, one internal request/response behind them: Africa's Talking (form in, text/plain CON/END out,
/// never a 4xx for a business error) and a Hubtel-style JSON gateway; plus AT's end-of-session notification.
/// </summary>
internal static class UssdEndpoints
{
    public static void MapUssd(this WebApplication app)
    {
        app.MapPost("/webhooks/ussd/at", AfricasTalkingAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapPost("/webhooks/ussd/at/end", EndOfSessionAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapPost("/webhooks/ussd/hubtel", HubtelAsync).ExcludeFromDescription().DisableAntiforgery();
    }

    private static async Task<IResult> AfricasTalkingAsync(HttpRequest http, UssdService ussd, CancellationToken ct)
    {
        var form = http.HasFormContentType
            ? (await http.ReadFormAsync(ct)).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)
            : [];
        if (AfricasTalking.Parse(form) is not { } request)
        {
            return Results.Text("END Invalid request", "text/plain");
        }

        return Results.Text(AfricasTalking.Format(await ussd.HandleAsync(request, ct)), "text/plain");
    }

    /// <summary>AT's end-of-session notification: stored once, counted, the session's state dropped; 400 without a session id.</summary>
    private static async Task<IResult> EndOfSessionAsync(HttpRequest http, UssdService ussd, CancellationToken ct)
    {
        var form = http.HasFormContentType
            ? (await http.ReadFormAsync(ct)).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)
            : [];
        if (AfricasTalking.ParseEnd(form) is not { } report)
        {
            return Results.BadRequest();
        }

        await ussd.EndedAsync(report, ct);
        return Results.Ok();
    }

    private static async Task<IResult> HubtelAsync(HttpRequest http, UssdService ussd, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await http.Body.CopyToAsync(buffer, ct);
        if (HubtelJson.Parse(buffer.ToArray()) is not { } request)
        {
            return Results.BadRequest();
        }

        return Results.Bytes(HubtelJson.Format(await ussd.HandleAsync(request, ct)), "application/json");
    }
}
