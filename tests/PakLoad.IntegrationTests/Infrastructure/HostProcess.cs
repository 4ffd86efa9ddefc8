using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PakLoad.IntegrationTests.Infrastructure;

/// <summary>
/// The real PakLoad.Api binary in its own process, configured only through environment variables, exactly
/// as an operator would run it. Output is captured for failure messages.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private HostProcess(Process process, StringBuilder output, Uri baseAddress, HttpMessageHandler? handler)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
        Client = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: true) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string ApiDll
    {
        get
        {
            // tests/PakLoad.IntegrationTests/bin/<Configuration>/net10.0/ → src/Api/PakLoad.Api/bin/<Configuration>/net10.0/
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = testBin.Parent!.Name;
            var root = testBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            var dll = Path.Combine(root, "src", "Api", "PakLoad.Api", "bin", configuration, testBin.Name, "PakLoad.Api.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first: PakLoad.Api.dll not found.", dll);
        }
    }

    /// <summary>
    /// Starts the host on a free loopback port and waits until /health/live answers. With <paramref name="https"/>
    /// it listens for TLS only (the certificate comes from the environment, as Kestrel reads it) and
    /// <paramref name="handler"/> is how the client checks that certificate.
    /// </summary>
    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string> environment, bool https = false, HttpMessageHandler? handler = null)
    {
        var port = FreePort();
        var baseAddress = new Uri($"{(https ? "https" : "http")}://127.0.0.1:{port}");
        var output = new StringBuilder();
        var process = Launch(environment, output, "--urls", baseAddress.ToString());
        var host = new HostProcess(process, output, baseAddress, handler);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"PakLoad.Api exited with {process.ExitCode} before answering:\n{host.Output}");
            }

            try
            {
                using var live = await host.Client.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (live.StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        await host.DisposeAsync();
        throw new TimeoutException($"PakLoad.Api did not answer /health/live within 90 s:\n{host.Output}");
    }

    /// <summary>Runs the binary with arguments (e.g. "migrate") to its end.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var output = new StringBuilder();
        using var process = Launch(environment, output, args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        process.WaitForExit(); // drains the redirected output
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static Process Launch(IReadOnlyDictionary<string, string> environment, StringBuilder output, params string[] args)
    {
        var dll = ApiDll;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Nothing from the test runner's environment may configure the host by accident.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || k.StartsWith("PakLoad__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
