using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using PaperBot.Bot.Cli;
using PaperBot.Rag.Llm.Remote;
using PaperBot.TestSupport.Models;
using PaperBot.TestSupport.Remote;

namespace PaperBot.Bench;

/// <summary>
/// The remote provider against llama-server instances on 127.0.0.1: (1) per-token time of PaperBot's path
/// (EndpointPoolChatClient over the M.E.AI OpenAI adapter) against a raw HttpClient SSE loop on the same server and
/// prompts, greedy, alternating; (2) time from killing one of two servers to the next answer; (3) 8 concurrent
/// requests against 1 and 2 servers: aggregate tokens/s and how the requests spread.
/// </summary>
internal static class ServingBenchmark
{
    private const int Tokens = 128;

    private static readonly string[] Prompts =
    [
        "Summarize what a diffusion model does.",
        "Explain retrieval augmented generation in two sentences.",
        "What is a mixture of experts?",
        "Describe speculative decoding.",
    ];

    public static Command Command()
    {
        var reps = new Option<int>("--reps") { Description = "Rounds over the prompts in the overhead test", DefaultValueFactory = _ => 5 }.InRange(1, 1000);
        var model = new Option<string?>("--model") { Description = "GGUF model the servers load; default: a tiny random-weight llama" };
        var command = new Command("serving", "The remote provider against llama-server: per-token overhead, failover, two servers") { reps, model };
        command.SetAction((parse, _) => RunAsync(parse.GetValue(reps), parse.GetValue(model)));
        return command;
    }

    private static async Task<int> RunAsync(int reps, string? model)
    {
        model ??= TinyModel();
        Console.WriteLine($"model: {model}");

        await OverheadAsync(model, reps);
        await FailoverAsync(model);
        await ConcurrencyAsync(model);
        return 0;
    }

    private static async Task OverheadAsync(string model, int reps)
    {
        using var server = await LlamaServerProcess.StartAsync(model, parallel: 1, contextSize: 2048, threads: 1);
        using var pool = Pool([server]);
        using var raw = new HttpClient();
        var ours = new List<double>();
        var reference = new List<double>();
        await OursAsync(pool, Prompts[0]);
        await RawAsync(raw, server, Prompts[0]);
        for (var r = 0; r < reps; r++)
        {
            foreach (var prompt in Prompts)
            {
                reference.Add(await RawAsync(raw, server, prompt));
                ours.Add(await OursAsync(pool, prompt));
            }
        }

        var oursMs = new Samples(ours).Median;
        var rawMs = new Samples(reference).Median;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"per-token time (median of {ours.Count}): PaperBot {oursMs:0.000} ms, raw SSE {rawMs:0.000} ms, overhead {(oursMs - rawMs) / rawMs * 100:+0.0;-0.0} % (target <= 3 %)"));
    }

    private static async Task FailoverAsync(string model)
    {
        using var first = await LlamaServerProcess.StartAsync(model, parallel: 1, contextSize: 2048, threads: 1);
        using var second = await LlamaServerProcess.StartAsync(model, parallel: 1, contextSize: 2048, threads: 1);
        using var pool = Pool([first, second]);
        await OursAsync(pool, Prompts[0], 8);
        await OursAsync(pool, Prompts[1], 8);

        // The pool would send the next request to the first server (fewest served, in order): kill that one.
        var clock = Stopwatch.StartNew();
        first.Kill();
        TimeSpan? firstText = null;
        await foreach (var update in pool.GetStreamingResponseAsync([new(ChatRole.User, Prompts[2])], new ChatOptions { MaxOutputTokens = 8, Temperature = 0 }))
        {
            if (update.Text.Length > 0)
            {
                firstText ??= clock.Elapsed;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"failover: kill of 1 of 2 servers to the next answer's first text {firstText?.TotalMilliseconds:0} ms, to its end {clock.Elapsed.TotalMilliseconds:0} ms (target <= 2 s)"));
    }

    private static async Task ConcurrencyAsync(string model)
    {
        foreach (var count in new[] { 1, 2 })
        {
            var servers = new List<LlamaServerProcess>();
            for (var i = 0; i < count; i++)
            {
                servers.Add(await LlamaServerProcess.StartAsync(model, parallel: 4, contextSize: 4096, threads: 1));
            }

            using var pool = Pool(servers, parallel: 4);
            await OursAsync(pool, Prompts[0], 8);
            var before = pool.Pool.Status();
            var clock = Stopwatch.StartNew();
            var tokens = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => CompletionTokensAsync(pool, Prompts[i % Prompts.Length])));
            var elapsed = clock.Elapsed;
            var spread = string.Join(", ", pool.Pool.Status().Zip(before, (a, b) => $"{a.Url} {a.Served - b.Served}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"8 concurrent requests, {count} server(s): {tokens.Sum()} tokens in {elapsed.TotalSeconds:0.00} s = {tokens.Sum() / elapsed.TotalSeconds:0.0} tokens/s; requests per server: {spread}"));
            foreach (var s in servers)
            {
                s.Dispose();
            }
        }
    }

    private static EndpointPoolChatClient Pool(IReadOnlyList<LlamaServerProcess> servers, int parallel = 1)
    {
        var endpoints = servers.Select(s => new RemoteEndpointOptions { Url = s.Url, Model = "bench", Parallel = parallel }).ToList();
        var pool = EndpointPoolFactory.Create(endpoints, requestTimeoutSeconds: 60, retryAfterSeconds: 5, TimeProvider.System, NullLogger.Instance);
        return new EndpointPoolChatClient(pool, new ChatOptions(), NullLogger.Instance);
    }

    /// <summary>PaperBot's path: milliseconds per generated token after the first.</summary>
    private static async Task<double> OursAsync(EndpointPoolChatClient pool, string prompt, int maxTokens = Tokens)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? first = null;
        long? count = null;
        await foreach (var update in pool.GetStreamingResponseAsync([new(ChatRole.User, prompt)], new ChatOptions { MaxOutputTokens = maxTokens, Temperature = 0, Seed = 1 }))
        {
            if (update.Text.Length > 0)
            {
                first ??= clock.Elapsed;
            }

            count = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details.OutputTokenCount ?? count;
        }

        return PerToken(clock.Elapsed, first, count);
    }

    private static async Task<int> CompletionTokensAsync(EndpointPoolChatClient pool, string prompt)
    {
        var response = await pool.GetResponseAsync([new(ChatRole.User, prompt)], new ChatOptions { MaxOutputTokens = 64, Temperature = 0, Seed = 1 });
        return (int)(response.Usage?.OutputTokenCount ?? 0);
    }

    /// <summary>The reference: the same request read straight off the wire, one "data:" line at a time.</summary>
    private static async Task<double> RawAsync(HttpClient http, LlamaServerProcess server, string prompt)
    {
        var body = new
        {
            model = "bench",
            messages = new[] { new { role = "user", content = prompt } },
            max_completion_tokens = Tokens,
            temperature = 0,
            seed = 1,
            stream = true,
            stream_options = new { include_usage = true },
        };
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Url + "/chat/completions")) { Content = JsonContent.Create(body) };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        TimeSpan? first = null;
        long? count = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal) || line == "data: [DONE]")
            {
                continue;
            }

            using var json = JsonDocument.Parse(line.AsMemory(6));
            var root = json.RootElement;
            if (root.TryGetProperty("choices", out var choices) && choices.GetArrayLength() > 0
                && choices[0].TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var content)
                && content.ValueKind == JsonValueKind.String && content.GetString()!.Length > 0)
            {
                first ??= clock.Elapsed;
            }

            if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                count = usage.GetProperty("completion_tokens").GetInt64();
            }
        }

        return PerToken(clock.Elapsed, first, count);
    }

    private static double PerToken(TimeSpan total, TimeSpan? first, long? tokens) =>
        first is { } f && tokens is > 1 ? (total - f).TotalMilliseconds / (tokens.Value - 1) : double.NaN;

    private static string TinyModel()
    {
        var path = Path.Combine(Path.GetTempPath(), $"paperbot-serving-bench-{Environment.ProcessId}.gguf");
        RandomModelFactory.Write(path, RandomModelSpec.TinyLlama());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }
}
