using System.Diagnostics;
using System.Globalization;
using PaperBot.Rag.Llm;
using PaperBot.Rag.Llm.Local;
using PaperBot.Rag.Llm.Local.Gguf;
using PaperBot.TestSupport;
using PaperBot.TestSupport.Models;
using PaperBot.TestSupport.Remote;

namespace PaperBot.Bench;

/// <summary>
/// Our engine against llama-bench on a random-weight model shaped like a 0.5B instruct model (qwen2: 24 layers,
/// 896 wide, 14/2 heads, FFN 4864, 151,936 tokens): decode and prompt speed, concurrency, prefix reuse and the
/// managed layer's share of the time. Prompts are random token ids, so no two share a prefix unless meant to.
/// </summary>
internal static class LlamaBenchmark
{
    private const int DecodeTokens = 128;
    private const int ConcurrencyPrompt = 32;
    private const int ConcurrencyTokens = 64;
    private static readonly int[] Parallel = [1, 2, 4, 8];

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var root = TestPaths.RepoRoot;
        var modelPath = args.Model ?? Path.Combine(root, "bench", "work", $"qwen2-0.5b-shape-{args.Type}.gguf");
        EnsureModel(modelPath, args.Type);
        var llamaBench = args.LlamaBench ?? Path.Combine(LlamaTools.Directory, "bench-build", "bin", "llama-bench");
        var report = new BenchReport(args, modelPath);
        // llama-bench is built from the pinned llama.cpp source (bench/llama-bench.sh, needs npm and cmake); without
        // it our engine's figures are still measured, and the ratios print as n/a.
        var haveReference = File.Exists(llamaBench);
        if (!haveReference)
        {
            Console.Error.WriteLine($"{llamaBench} not found: measuring our engine only (bench/llama-bench.sh builds it)");
        }

        using var model = LlamaModel.Load(modelPath, new LlamaModelOptions { NativeLibraryPath = args.Native, UseMmap = args.UseMmap });
        var random = new Random(7);
        int[] Prompt(int length) => [.. Enumerable.Range(0, length).Select(_ => random.Next(1000, 150_000))];
        var greedy = GenerationOptions.Greedy with { MaxTokens = DecodeTokens };

        // llama-bench and our engine take turns, test by test, and each side's best run counts: on a shared
        // machine other work slows random runs, and alternating gives both sides the same chances.
        Console.Error.WriteLine("single sequence, alternating with llama-bench ...");
        using (var single = new LlamaEngine(model, new LlamaEngineOptions { ContextSize = 4096, Parallel = 1, Threads = args.Threads }))
        {
            await Run(single, Prompt(8), greedy with { MaxTokens = 8 });
            var managed = TimeSpan.Zero;
            var busy = TimeSpan.Zero;
            var sampling = TimeSpan.Zero;
            var decoding = TimeSpan.Zero;
            var generated = 0L;
            async Task<double> Decode(int depth)
            {
                var before = single.Counters;
                var rate = Rate(await Run(single, Prompt(depth + 1), greedy));
                var after = single.Counters;
                if (depth == 0)
                {
                    managed += after.ManagedTime - before.ManagedTime;
                    busy += after.BusyTime - before.BusyTime;
                    sampling += after.SampleTime - before.SampleTime;
                    decoding += after.GenerationDecodeTime - before.GenerationDecodeTime;
                    generated += after.GeneratedTokens - before.GeneratedTokens;
                }

                return rate;
            }

            var tests = new (string Name, int Prompt, int Generate, int Depth, Func<Task<double>> Ours)[]
            {
                ("tg128", 0, DecodeTokens, 0, () => Decode(0)),
                ("pp512", 512, 0, 0, async () => 512 / (await Run(single, Prompt(512), greedy with { MaxTokens = 1 })).TimeToFirstToken.TotalSeconds),
                ("tg128@d2048", 0, DecodeTokens, 2048, () => Decode(2047)),
            };
            for (var r = 0; r < args.Repetitions; r++)
            {
                foreach (var test in tests)
                {
                    if (haveReference)
                    {
                        report.Reference(test.Name, LlamaBenchReference.Run(llamaBench, modelPath, args.Threads, 1, test.Prompt, test.Generate, test.Depth, args.UseMmap));
                    }

                    report.Ours(test.Name, await test.Ours());
                }
            }

            report.Overhead(managed, busy, sampling, decoding, generated);
        }

        Console.Error.WriteLine("concurrency and prefix reuse ...");
        using (var multi = new LlamaEngine(model, new LlamaEngineOptions { ContextSize = 2048, Parallel = 8, Threads = args.Threads }))
        {
            await Run(multi, Prompt(8), greedy with { MaxTokens = 8 });
            foreach (var n in Parallel)
            {
                var prompts = Enumerable.Range(0, n).Select(_ => Prompt(ConcurrencyPrompt)).ToArray();
                var before = multi.Counters;
                var clock = Stopwatch.StartNew();
                var results = await Task.WhenAll(prompts.Select(p => Run(multi, p, greedy with { MaxTokens = ConcurrencyTokens })));
                var after = multi.Counters;
                var tokensPerDecode = (after.GeneratedTokens - before.GeneratedTokens) / (double)(after.DecodeCalls - before.DecodeCalls);
                report.Concurrency(n, results.Sum(r => r.CompletionTokens) / clock.Elapsed.TotalSeconds, tokensPerDecode);
            }

            var cold = new List<double>();
            var warm = new List<double>();
            for (var r = 0; r < args.Repetitions; r++)
            {
                var prefix = Prompt(1000);
                cold.Add((await Run(multi, [.. prefix, .. Prompt(24)], greedy with { MaxTokens = 1 })).TimeToFirstToken.TotalMilliseconds);
                warm.Add((await Run(multi, [.. prefix, .. Prompt(24)], greedy with { MaxTokens = 1 })).TimeToFirstToken.TotalMilliseconds);
            }

            report.Prefix(cold.Average(), warm.Average());
        }

        // llama.cpp's own scaling on the same model and libraries: how much 4 sequences can gain here at all.
        if (haveReference)
        {
            Console.Error.WriteLine("llama-batched-bench ...");
            var batched = Path.Combine(Path.GetDirectoryName(llamaBench)!, "llama-batched-bench");
            report.ConcurrencyReference(LlamaBatchedBenchReference.Run(batched, modelPath, args.Threads, ConcurrencyPrompt, ConcurrencyTokens, Parallel));
        }

        report.Print(Console.Out);
        return 0;
    }

    private static double Rate(GenerationStats stats) => stats.TokensPerSecond;

    private static async Task<GenerationStats> Run(LlamaEngine engine, int[] prompt, GenerationOptions options)
    {
        GenerationStats? stats = null;
        await foreach (var chunk in engine.GenerateAsync(prompt, options))
        {
            stats = chunk.Stats ?? stats;
        }

        return stats!;
    }

    private static void EnsureModel(string path, string type)
    {
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var weights = type.ToUpperInvariant() switch
        {
            "F16" => GgmlType.F16,
            "F32" => GgmlType.F32,
            _ => GgmlType.Q8_0,
        };
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"writing {path} ..."));
        RandomModelFactory.Write(path, RandomModelSpec.Qwen2HalfBillion(weights));
    }
}
