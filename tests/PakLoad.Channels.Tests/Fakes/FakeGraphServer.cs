using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PakLoad.Channels.Tests.Fakes;

/// <summary>A recorded request to a loopback fake.</summary>
internal sealed record RecordedRequest(string Method, string Path, string? Authorization, string ContentType, string Body);

/// <summary>A scripted answer: status, body, headers, and an optional delay (to play a hanging server).</summary>
internal sealed record FakeResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default, string ContentType = "application/json", byte[]? Bytes = null);

/// <summary>
/// A real HTTP server on a loopback port (HttpListener) that answers in the provider's wire format from a
/// script, for outbound-client tests: nothing is mocked below the socket.
/// </summary>
internal sealed class FakeHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<FakeResponse> _script = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeResponse>> _routes = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public FakeHttpServer()
    {
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUrl { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>When the script is empty.</summary>
    public FakeResponse Default { get; set; } = new(200, Meta.SendSuccess("wamid.default"));

    public FakeHttpServer Then(FakeResponse response)
    {
        _script.Enqueue(response);
        return this;
    }

    /// <summary>An answer for one path only (checked before the shared script), for calls that race each other.</summary>
    public FakeHttpServer On(string path, FakeResponse response)
    {
        _routes.GetOrAdd(path, _ => new ConcurrentQueue<FakeResponse>()).Enqueue(response);
        return this;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        Requests.Enqueue(new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, context.Request.Headers["Authorization"], context.Request.ContentType ?? string.Empty, body));
        var response = _routes.TryGetValue(context.Request.Url.AbsolutePath, out var route) && route.TryDequeue(out var routed) ? routed
            : _script.TryDequeue(out var scripted) ? scripted : Default;
        try
        {
            if (response.Delay > TimeSpan.Zero)
            {
                await Task.Delay(response.Delay);
            }

            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType;
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            var bytes = response.Bytes ?? Encoding.UTF8.GetBytes(response.Body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The client gave up (a hang test): nothing to answer.
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}

/// <summary>Meta's Cloud API bodies, as its docs show them (send success; the Graph error envelope).</summary>
internal static class Meta
{
    public static string SendSuccess(string wamid, string input = "+923001234567", string waId = "923001234567") =>
        $$$"""{"messaging_product":"whatsapp","contacts":[{"input":"{{{input}}}","wa_id":"{{{waId}}}"}],"messages":[{"id":"{{{wamid}}}"}]}""";

    public static string Error(int code, string message, string details) =>
        $$$"""{"error":{"message":"(#{{{code}}}) {{{message}}}","type":"OAuthException","code":{{{code}}},"error_data":{"messaging_product":"whatsapp","details":"{{{details}}}"},"fbtrace_id":"AbCdEfGhIjKlMnOpQrStUvW"}}""";

    public static FakeResponse ReEngagement => new(400, Error(131047, "Re-engagement message", "Message failed to send because more than 24 hours have passed since the customer last replied to this number."));

    public static FakeResponse PairRate => new(400, Error(131056, "(Business Account, Consumer Account) pair rate limit hit", "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time."));

    public static FakeResponse Throughput(int seconds) => new(429, Error(130429, "Rate limit hit", "Message failed to send because there were too many messages sent from this phone number in a short period of time."), new Dictionary<string, string> { ["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public static FakeResponse Unavailable => new(503, Error(131016, "Service unavailable", "A service is temporarily unavailable. Please check the status page before retrying."));

    public static FakeResponse Undeliverable => new(400, Error(131026, "Message Undeliverable", "Unable to deliver message."));

    public static FakeResponse TokenExpired => new(401, """{"error":{"message":"Error validating access token: Session has expired.","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"AbCdEfGhIjKlMnOpQrStUvW"}}""");
}
