using System.Diagnostics;

namespace PaperBot.Bench;

/// <summary>Runs one of llama.cpp's own tools (built by bench/llama-bench.sh) and returns what it printed.</summary>
internal static class ReferenceTool
{
    public static string Run(string executable, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(executable, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(executable)} failed: {errors.Result}");
        }

        return output;
    }
}
