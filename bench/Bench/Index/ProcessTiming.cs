using System.Diagnostics;

namespace PaperBot.Bench;

/// <summary>A whole <c>paperbot search</c> process on an existing database, as a user runs it.</summary>
internal static class ProcessTiming
{
    public static void Measure(string root, string folder)
    {
        var binary = Path.Combine(root, "src", "Bot", "bin", "Release", "net10.0", "paperbot.dll");
        if (!File.Exists(binary))
        {
            Console.WriteLine($"process: skipped, build it first: dotnet build -c Release src/Bot ({binary} missing)");
            return;
        }

        var workspace = Path.Combine(folder, "workspace");
        Directory.CreateDirectory(workspace);
        File.WriteAllText(Path.Combine(workspace, "appsettings.json"),
            $$"""{ "Data": { "Directory": "{{Path.GetFullPath(folder).Replace("\\", "/", StringComparison.Ordinal)}}", "DatabaseFile": "index.db" } }""");
        var times = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            var info = new ProcessStartInfo("dotnet", [binary, "search", "diffusion language model alignment", "--json"])
            {
                WorkingDirectory = workspace,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(info)!;
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (process.ExitCode != 0)
            {
                Console.WriteLine($"process: paperbot search failed with exit {process.ExitCode}: {process.StandardError.ReadToEnd()}");
                return;
            }
        }

        Console.WriteLine($"process: `paperbot search` end to end, median of {times.Count - 1} warm runs: {new Samples(times.Skip(1)).Median:0} ms");
    }
}
