using System.Globalization;
using System.Text.Json;

namespace PaperBot.Bench;

/// <summary>
/// Runs llama.cpp's llama-batched-bench with the concurrency test's shape (each of N sequences: a 32-token prompt,
/// 64 generated tokens), for llama.cpp's own scaling with parallel sequences on this machine.
/// </summary>
internal static class LlamaBatchedBenchReference
{
    /// <returns>Per sequence count, generated tokens per second of wall time (prompts included, as ours is measured); empty when not built.</returns>
    public static IReadOnlyDictionary<int, double> Run(string executable, string model, int threads, int prompt, int generate, IReadOnlyList<int> parallel)
    {
        if (!File.Exists(executable))
        {
            return new Dictionary<int, double>();
        }

        var context = parallel.Max() * (prompt + generate);
        var arguments = string.Create(CultureInfo.InvariantCulture,
            $"-m \"{model}\" -t {threads} -c {context} -b 2048 -ub 512 -npp {prompt} -ntg {generate} -npl {string.Join(',', parallel)} --output-format jsonl");
        var output = ReferenceTool.Run(executable, arguments);
        var rates = new Dictionary<int, double>();
        foreach (var line in output.Split('\n').Where(l => l.TrimStart().StartsWith('{')))
        {
            using var json = JsonDocument.Parse(line);
            var row = json.RootElement;
            var sequences = row.GetProperty("pl").GetInt32();
            rates[sequences] = sequences * row.GetProperty("tg").GetInt32() / row.GetProperty("t").GetDouble();
        }

        return rates;
    }
}
