using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PaperBot.TestSupport.Remote;

/// <summary>
/// A real llama-server (built by build/LlamaServer.targets) on a free 127.0.0.1 port, serving a tiny generated
/// model; ready once GET /health answers. Kill it to simulate a server that dies.
/// </summary>
public sealed class LlamaServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private LlamaServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string Executable => LlamaTools.Server;

    public int Port { get; }

    /// <summary>The OpenAI-compatible base URL.</summary>
    public string Url => $"http://127.0.0.1:{Port}/v1";

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static async Task<LlamaServerProcess> StartAsync(
        string model, int parallel = 2, int contextSize = 4096, string? apiKey = null, bool embeddings = false, int threads = 1, int? port = null)
    {
        port ??= FreePort();
        var info = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-m", model, "--host", "127.0.0.1", "--port", port.Value.ToString(CultureInfo.InvariantCulture),
            "-c", contextSize.ToString(CultureInfo.InvariantCulture), "-np", parallel.ToString(CultureInfo.InvariantCulture),
            "-t", threads.ToString(CultureInfo.InvariantCulture), "--no-warmup" })
        {
            info.ArgumentList.Add(arg);
        }

        if (apiKey is not null)
        {
            info.ArgumentList.Add("--api-key");
            info.ArgumentList.Add(apiKey);
        }

        if (embeddings)
        {
            info.ArgumentList.Add("--embeddings");
        }

        var server = new LlamaServerProcess(Process.Start(info)!, port.Value);
        try
        {
            await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Kills the server at once (no graceful shutdown), as a crash would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"llama-server exited with {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{Port}/health"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // loading
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"llama-server did not become ready in {timeout.TotalSeconds} s:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
