using System.Globalization;
using System.Text.Json;

namespace PaperBot.Bench;

/// <summary>Runs llama.cpp's own llama-bench on the same model, thread count and load mode (mmap or not), for the reference figures.</summary>
internal static class LlamaBenchReference
{
    /// <returns>Tokens per second for the test, or null when llama-bench is not built.</returns>
    public static double? Run(string executable, string model, int threads, int repetitions, int prompt, int generate, int depth, bool useMmap)
    {
        if (!File.Exists(executable))
        {
            return null;
        }

        var arguments = string.Create(CultureInfo.InvariantCulture, $"-m \"{model}\" -t {threads} -r {repetitions} -p {prompt} -n {generate} -d {depth} -lm {(useMmap ? "mmap" : "none")} -o json");
        using var json = JsonDocument.Parse(ReferenceTool.Run(executable, arguments));
        return json.RootElement.EnumerateArray().Select(r => r.GetProperty("avg_ts").GetDouble()).Average();
    }
}
