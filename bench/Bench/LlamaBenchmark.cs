using System.Diagnostics;
using System.Globalization;
using PaperBot.Rag.Llm;
using PaperBot.Rag.Llm.Gguf;

namespace PaperBot.Bench;

/// <summary>
/// Our engine against llama-bench on a random-weight model shaped like a 0.5B instruct model (qwen2: 24 layers,
/// 896 wide, 14/2 heads, FFN 4864, 151,936 tokens): decode and prompt speed, concurrency, prefix reuse and the
/// managed layer's share of the time. Prompts are random token ids, so no two share a prefix unless meant to.
/// </summary>
internal static class LlamaBenchmark
{
    private const int DecodeTokens = 128;

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var root = FindRepositoryRoot();
        var modelPath = args.Model ?? Path.Combine(root, "bench", "work", $"qwen2-0.5b-shape-{args.Type}.gguf");
        EnsureModel(modelPath, args.Type);
        var llamaBench = args.LlamaBench ?? Path.Combine(root, ".tools", "llama", "3.22.1", "bench-build", "bin", "llama-bench");
        var report = new BenchReport(args, modelPath);

        Console.Error.WriteLine("llama-bench ...");
        report.Reference("tg128", LlamaBenchReference.Run(llamaBench, modelPath, args.Threads, args.Repetitions, 0, DecodeTokens, 0));
        report.Reference("pp512", LlamaBenchReference.Run(llamaBench, modelPath, args.Threads, args.Repetitions, 512, 0, 0));
        report.Reference("tg128@d2048", LlamaBenchReference.Run(llamaBench, modelPath, args.Threads, args.Repetitions, 0, DecodeTokens, 2048));

        using var model = LlamaModel.Load(modelPath, new LlamaModelOptions { NativeLibraryPath = args.Native });
        var random = new Random(7);
        int[] Prompt(int length) => [.. Enumerable.Range(0, length).Select(_ => random.Next(1000, 150_000))];
        var greedy = GenerationOptions.Greedy with { MaxTokens = DecodeTokens };

        Console.Error.WriteLine("single sequence ...");
        using (var single = new LlamaEngine(model, new LlamaEngineOptions { ContextSize = 4096, Parallel = 1, Threads = args.Threads }))
        {
            await Run(single, Prompt(8), greedy with { MaxTokens = 8 });
            var before = single.Counters;
            var decode = await Repeat(args.Repetitions, async () => Rate(await Run(single, Prompt(1), greedy)));
            var after = single.Counters;
            report.Ours("tg128", decode);
            report.Overhead(after.ManagedTime - before.ManagedTime, after.BusyTime - before.BusyTime, after.GeneratedTokens - before.GeneratedTokens);
            report.Ours("pp512", await Repeat(args.Repetitions, async () => 512 / (await Run(single, Prompt(512), greedy with { MaxTokens = 1 })).TimeToFirstToken.TotalSeconds));
            report.Ours("tg128@d2048", await Repeat(args.Repetitions, async () => Rate(await Run(single, Prompt(2048), greedy))));
        }

        Console.Error.WriteLine("concurrency and prefix reuse ...");
        using (var multi = new LlamaEngine(model, new LlamaEngineOptions { ContextSize = 2048, Parallel = 8, Threads = args.Threads }))
        {
            await Run(multi, Prompt(8), greedy with { MaxTokens = 8 });
            foreach (var n in new[] { 1, 2, 4, 8 })
            {
                var prompts = Enumerable.Range(0, n).Select(_ => Prompt(32)).ToArray();
                var before = multi.Counters;
                var clock = Stopwatch.StartNew();
                var results = await Task.WhenAll(prompts.Select(p => Run(multi, p, greedy with { MaxTokens = 64 })));
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

        report.Print(Console.Out);
        return 0;
    }

    private static double Rate(GenerationStats stats) => stats.TokensPerSecond;

    private static async Task<double> Repeat(int times, Func<Task<double>> measure)
    {
        var values = new List<double>();
        for (var i = 0; i < times; i++)
        {
            values.Add(await measure());
        }

        return values.Average();
    }

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
        var vocabulary = Path.Combine(AppContext.BaseDirectory, "fixtures", "llama", "ggml-vocab-qwen2.gguf");
        var weights = type.ToUpperInvariant() switch
        {
            "F16" => GgmlType.F16,
            "F32" => GgmlType.F32,
            _ => GgmlType.Q8_0,
        };
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"writing {path} ..."));
        RandomModelFactory.Write(path, RandomModelSpec.Qwen2HalfBillion(vocabulary, weights));
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PaperBot.slnx")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
