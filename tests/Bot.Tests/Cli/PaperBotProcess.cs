using System.Diagnostics;
using System.Text.Json;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// Runs the real <c>paperbot</c> executable as a child process in its own workspace: a folder with an
/// appsettings.json whose data directory is private to the test and whose seed is the repository's sample corpus.
/// </summary>
internal sealed class PaperBotProcess : IDisposable
{
    private readonly TempFolder _folder = new();

    public PaperBotProcess(string? extraSettings = null, string dataDirectory = "data")
    {
        var seed = TestPaths.SeedDirectory.Replace("\\", "/", StringComparison.Ordinal);
        _folder.Write("appsettings.json",
            $$"""{ "Data": { "Directory": "{{dataDirectory}}", "SeedDirectory": "{{seed}}" }{{extraSettings}} }""");
    }

    public string Workspace => _folder.Path;

    public string DatabasePath => Path.Combine(Workspace, "data", "paperbot.db");

    /// <summary>Environment variables for the child (PAPERBOT_Llm__ModelPath, ...).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>
    /// Runs the child without the capabilities that let root read and write any file, so that file modes mean for
    /// it what they mean for a user (the tests run as root in containers).
    /// </summary>
    public bool AsOrdinaryUser { get; init; }

    /// <summary>The built paperbot.dll of the same configuration as the tests.</summary>
    public static string Executable
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            return Path.Combine(TestPaths.RepoRoot, "src", "Bot", "bin", configuration, "net10.0", "paperbot.dll");
        }
    }

    public ProcessStartInfo StartInfo(params string[] args)
    {
        var dropCapabilities = AsOrdinaryUser && System.Environment.IsPrivilegedProcess;
        var info = new ProcessStartInfo(dropCapabilities ? "setpriv" : "dotnet")
        {
            WorkingDirectory = Workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (dropCapabilities)
        {
            info.ArgumentList.Add("--bounding-set=-dac_override,-dac_read_search");
            info.ArgumentList.Add("dotnet");
        }

        info.ArgumentList.Add(Executable);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in Environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    public Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync("", args);

    /// <summary>Runs with <paramref name="stdin"/> piped in, then closed (end of input).</summary>
    public async Task<CliResult> RunWithInputAsync(string stdin, params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => _folder.Dispose();
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    /// <summary>The "error: ..." lines on stderr.</summary>
    public List<string> ErrorLines => Stderr.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
