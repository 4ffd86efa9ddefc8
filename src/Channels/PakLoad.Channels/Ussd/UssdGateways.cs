using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PakLoad.Channels.Ussd;

/// <summary>
/// One USSD hop, whatever the gateway: the session, who dialled, the hop's identity (for idempotency) and the
/// raw input; the newest input is worked out against the previous hop's raw input (<see cref="LatestInput"/>).
/// </summary>
public sealed record UssdRequest(string Gateway, string SessionId, string Msisdn, string ServiceCode, string HopId, string RawInput, bool AccumulatedInput, bool IsEnd)
{
    /// <summary>
    /// Only the newest input is new. Africa's Talking joins every input with '*'; when the previous hop's text is a
    /// prefix the remainder is the new input whole (so a '*' typed in a free-text answer survives), otherwise the
    /// last segment. Gateways that send the latest input only pass it through.
    /// </summary>
    public string LatestInput(string? previousRaw)
    {
        if (!AccumulatedInput)
        {
            return RawInput;
        }

        if (RawInput.Length == 0)
        {
            return string.Empty;
        }

        if (!string.IsNullOrEmpty(previousRaw) && RawInput.StartsWith(previousRaw + "*", StringComparison.Ordinal))
        {
            return RawInput[(previousRaw.Length + 1)..];
        }

        if (string.IsNullOrEmpty(previousRaw) || RawInput == previousRaw)
        {
            // A dial-through first hop (*384*123*1#) or a gateway that resends the whole string: the last part.
            var star = RawInput.LastIndexOf('*');
            return star < 0 ? RawInput : RawInput[(star + 1)..];
        }

        var last = RawInput.LastIndexOf('*');
        return last < 0 ? RawInput : RawInput[(last + 1)..];
    }
}

/// <summary>What to show: a screen, and whether the session stays open for input.</summary>
public sealed record UssdResponse(string Text, bool Continue);

/// <summary>Africa's Talking: form fields in, text/plain "CON …" or "END …" out; business errors are END, never 4xx.</summary>
public static class AfricasTalking
{
    public const string Name = "at";

    public static UssdRequest? Parse(IReadOnlyDictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!form.TryGetValue("sessionId", out var session) || session.Length == 0 || !form.TryGetValue("phoneNumber", out var phone) || phone.Length == 0)
        {
            return null;
        }

        var text = form.GetValueOrDefault("text") ?? string.Empty;
        return new UssdRequest(Name, session, phone, form.GetValueOrDefault("serviceCode") ?? string.Empty, text, text, AccumulatedInput: true, IsEnd: false);
    }

    public static string Format(UssdResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return (response.Continue ? "CON " : "END ") + response.Text;
    }

    /// <summary>
    /// The end-of-session notification (its own callback URL): sessionId, phoneNumber, serviceCode, networkCode,
    /// status, errorMessage, cost, durationInMillis, hopsCount, input. Null without a session id. A status other than
    /// Success, Incomplete or Failed is kept as "Unknown" (metrics must not grow a tag per typo); text fields are cut
    /// to what we store.
    /// </summary>
    public static UssdSessionEnd? ParseEnd(IReadOnlyDictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (Field(form, "sessionId", 200) is not { } session)
        {
            return null;
        }

        var status = form.GetValueOrDefault("status") switch
        {
            "Success" => UssdSessionEnd.Success,
            "Incomplete" => UssdSessionEnd.Incomplete,
            "Failed" => UssdSessionEnd.Failed,
            _ => UssdSessionEnd.Unknown,
        };
        return new UssdSessionEnd(
            Name,
            session,
            Field(form, "phoneNumber", 32),
            Field(form, "serviceCode", 40),
            Field(form, "networkCode", 20),
            status,
            Field(form, "errorMessage", 1000),
            Field(form, "cost", 40),
            long.TryParse(form.GetValueOrDefault("durationInMillis"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : null,
            int.TryParse(form.GetValueOrDefault("hopsCount"), NumberStyles.None, CultureInfo.InvariantCulture, out var hops) ? hops : null);
    }

    private static string? Field(IReadOnlyDictionary<string, string> form, string name, int max) =>
        form.GetValueOrDefault(name) is { Length: > 0 } value ? value[..Math.Min(value.Length, max)] : null;
}

/// <summary>How a gateway says a session ended (Africa's Talking's end-of-session notification).</summary>
public sealed record UssdSessionEnd(
    string Gateway,
    string SessionId,
    string? Phone,
    string? ServiceCode,
    string? NetworkCode,
    string Status,
    string? ErrorMessage,
    string? Cost,
    long? DurationMs,
    int? Hops)
{
    public const string Success = "Success";
    public const string Incomplete = "Incomplete";
    public const string Failed = "Failed";
    public const string Unknown = "Unknown";
}

/// <summary>
/// A Hubtel-style JSON gateway: Type Initiation / Response / Release / Timeout, the latest input in Message, a
/// Sequence per hop; we answer Type Response (keep open) or Release (close).
/// </summary>
public static class HubtelJson
{
    public const string Name = "hubtel";

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, MaxDepth = 8 };

    public sealed record Request(string? Mobile, string? SessionId, string? ServiceCode, string? Type, string? Message, string? Operator, int Sequence, string? ClientState);

    public sealed record Response(string Type, string Message, string ClientState);

    public static UssdRequest? Parse(ReadOnlySpan<byte> body)
    {
        Request? request;
        try
        {
            request = JsonSerializer.Deserialize<Request>(body, Json);
        }
        catch (JsonException)
        {
            return null;
        }

        if (request is not { SessionId.Length: > 0, Mobile.Length: > 0, Type.Length: > 0 })
        {
            return null;
        }

        var initiation = string.Equals(request.Type, "Initiation", StringComparison.OrdinalIgnoreCase);
        var end = request.Type is "Release" or "Timeout" or "release" or "timeout";
        var input = initiation ? string.Empty : request.Message ?? string.Empty;
        return new UssdRequest(Name, request.SessionId, request.Mobile, request.ServiceCode ?? string.Empty,
            request.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), input, AccumulatedInput: false, IsEnd: end);
    }

    public static byte[] Format(UssdResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonSerializer.SerializeToUtf8Bytes(new Response(response.Continue ? "Response" : "Release", response.Text, string.Empty));
    }
}

/// <summary>
/// What the host keeps per USSD session between hops (one cache entry): the last raw input, the unshown pages, and
/// the last hop with its answer, so a gateway's retry of that hop gets the same screen without a second turn. A
/// session that ended keeps only the last answer (<see cref="Ended"/>).
/// </summary>
public sealed record UssdSessionState(string RawInput, IReadOnlyList<string> Pages, int Page, bool Continue, string? HopId = null, UssdResponse? Answer = null)
{
    [JsonIgnore]
    public bool HasMorePages => Page + 1 < Pages.Count;

    [JsonIgnore]
    public bool Ended => Answer is { Continue: false };

    /// <summary>The answer already given to <paramref name="hopId"/>, when it was this session's last hop.</summary>
    public UssdResponse? AnswerTo(string hopId) => HopId == hopId ? Answer : null;

    /// <summary>Only the last answer, for a session that ended with it.</summary>
    public static UssdSessionState EndedWith(string hopId, UssdResponse answer) => new(string.Empty, [], 0, false, hopId, answer);
}
