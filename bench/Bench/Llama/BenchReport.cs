using System.Globalization;

namespace PaperBot.Bench;

/// <summary>Collects the figures and prints them with the ratios against the targets.</summary>
internal sealed class BenchReport(BenchArguments args, string model)
{
    private readonly Dictionary<string, Samples> _reference = [];
    private readonly Dictionary<string, Samples> _ours = [];
    private readonly SortedDictionary<int, (double Rate, double TokensPerDecode)> _concurrency = [];
    private IReadOnlyDictionary<int, double> _concurrencyReference = new Dictionary<int, double>();
    private double _managedShare;
    private double _managedPerTokenUs;
    private double _samplePerTokenUs;
    private double _decodePerTokenMs;
    private double _coldMs;
    private double _warmMs;

    public void Reference(string test, double? tokensPerSecond)
    {
        if (tokensPerSecond is { } value)
        {
            Runs(_reference, test).Add(value);
        }
    }

    public void Ours(string test, double tokensPerSecond) => Runs(_ours, test).Add(tokensPerSecond);

    public void Concurrency(int requests, double tokensPerSecond, double tokensPerDecode) => _concurrency[requests] = (tokensPerSecond, tokensPerDecode);

    public void ConcurrencyReference(IReadOnlyDictionary<int, double> tokensPerSecond) => _concurrencyReference = tokensPerSecond;

    public void Overhead(TimeSpan managed, TimeSpan busy, TimeSpan sampling, TimeSpan decoding, long tokens)
    {
        tokens = Math.Max(1, tokens);
        _managedShare = managed / busy;
        _managedPerTokenUs = managed.TotalMicroseconds / tokens;
        _samplePerTokenUs = sampling.TotalMicroseconds / tokens;
        _decodePerTokenMs = decoding.TotalMilliseconds / tokens;
    }

    private static Samples Runs(Dictionary<string, Samples> runs, string test) =>
        runs.TryGetValue(test, out var samples) ? samples : runs[test] = new Samples();

    public void Prefix(double coldMs, double warmMs) => (_coldMs, _warmMs) = (coldMs, warmMs);

    public void Print(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"model: {Path.GetFileName(model)}, threads: {args.Threads}, repetitions: {args.Repetitions}, natives: {args.Native ?? "LLamaSharp.Backend.Cpu"}, mmap: {args.UseMmap}, cpu: {Environment.ProcessorCount} cores"));
        output.WriteLine();
        output.WriteLine("| test | llama-bench tok/s (best / median; all runs) | ours tok/s (best / median; all runs) | ratio of bests | ratio of medians | target |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (test, target) in new[] { ("tg128", 0.97), ("pp512", 0.95), ("tg128@d2048", 0.97) })
        {
            var reference = _reference.GetValueOrDefault(test) ?? new Samples();
            var ours = _ours.GetValueOrDefault(test) ?? new Samples();
            var ratio = reference.Count > 0 && ours.Count > 0 ? ours.Max / reference.Max : double.NaN;
            var medianRatio = reference.Count > 0 && ours.Count > 0 ? ours.Median / reference.Median : double.NaN;
            output.WriteLine(string.Create(c, $"| {test} | {reference.BestAndMedian()} | {ours.BestAndMedian()} | {ratio:F3} | {medianRatio:F3} | ≥ {target:F2} |"));
        }

        output.WriteLine();
        output.WriteLine("| concurrent greedy requests | aggregate tok/s | vs one | generated tokens per llama_decode | llama-batched-bench tok/s | its vs one | ours / its |");
        output.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var one = _concurrency.TryGetValue(1, out var single) ? single.Rate : double.NaN;
        var referenceOne = _concurrencyReference.GetValueOrDefault(1, double.NaN);
        foreach (var (n, (rate, perDecode)) in _concurrency)
        {
            var reference = _concurrencyReference.GetValueOrDefault(n, double.NaN);
            output.WriteLine(string.Create(c, $"| {n} | {rate:F2} | {rate / one:F2}x | {perDecode:F2} | {reference:F2} | {reference / referenceOne:F2}x | {rate / reference:F2} |"));
        }

        output.WriteLine();
        output.WriteLine(string.Create(c, $"prefix reuse, 1,000-token shared prefix: TTFT cold {_coldMs:F0} ms, warm {_warmMs:F0} ms, ratio {_warmMs / _coldMs:F3} (target ≤ 0.25)"));
        output.WriteLine(string.Create(c, $"managed overhead (scheduler time outside llama_decode and native sampling): {_managedShare * 100:F2} % of step time, {_managedPerTokenUs:F0} µs per token (target ≤ 3 %)"));
        output.WriteLine(string.Create(c, $"per generated token in the tg128 runs: llama_decode {_decodePerTokenMs:F2} ms, native sampling {_samplePerTokenUs:F0} µs, managed {_managedPerTokenUs:F0} µs"));
    }
}
