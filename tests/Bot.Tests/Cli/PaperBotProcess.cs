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

    /// <summary>
    /// Caps the child's address space (bytes) with prlimit, so that a test which makes it allocate too much gets
    /// the failure at once instead of the machine's memory: untouched reservations count against the cap as well.
    /// </summary>
    public long? AddressSpaceLimit { get; init; }

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
        // Each wrapper runs the next command: prlimit, then setpriv, then dotnet.
        List<string> command = ["dotnet", Executable];
        if (AsOrdinaryUser && System.Environment.IsPrivilegedProcess)
        {
            command.InsertRange(0, ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]);
        }

        if (AddressSpaceLimit is { } limit)
        {
            command.InsertRange(0, ["prlimit", $"--as={limit}"]);
        }

        var info = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = Workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var part in command.Skip(1))
        {
            info.ArgumentList.Add(part);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = "1";

        // The runtime's debugger pipes and diagnostic socket live in the temp folder and are removed at exit; a child
        // that a test kills (crash safety) would leave them behind.
        info.Environment["DOTNET_EnableDiagnostics"] = "0";
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
