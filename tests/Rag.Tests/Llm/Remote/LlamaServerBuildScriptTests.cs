using System.Diagnostics;

namespace PaperBot.Rag.Tests.Llm.Remote;

/// <summary>
/// scripts/build-llama-server.sh, which the first test build runs, on a copy of the scripts folder with stand-ins for
/// the source fetch and cmake (the real C++ build takes about 25 minutes): the compiler's output goes to the log file,
/// the console gets a line as it starts and one as it ends, and a failure shows the end of the log.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // bash, flock and file modes
public sealed class LlamaServerBuildScriptTests : IDisposable
{
    private const string Version = "0.0.0-test";
    private readonly TempFolder _root = new();

    public LlamaServerBuildScriptTests()
    {
        var scripts = Directory.CreateDirectory(Path.Combine(_root.Path, "scripts")).FullName;
        foreach (var script in new[] { "build-llama-server.sh", "tools-dir.sh" })
        {
            File.Copy(Path.Combine(TestPaths.RepoRoot, "scripts", script), Path.Combine(scripts, script));
        }

        // The fetch finds the tools folder as the real one does.
        Executable(Path.Combine(scripts, "llama-fetch.sh"), "#!/usr/bin/env bash\nversion=$LLAMA_NPM_VERSION; root=\"$(cd \"$(dirname \"$0\")/..\" && pwd)\"\nsource \"$(dirname \"$0\")/tools-dir.sh\"\nmkdir -p \"$llama_tools/src\"\n");
        Directory.CreateDirectory(Path.Combine(_root.Path, "bin"));
    }

    /// <summary>Where the build goes when PAPERBOT_TOOLS_DIR names the cache.</summary>
    private string Base => Path.Combine(_root.Path, "cache", "llama", Version);

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task The_compiler_output_goes_to_the_log_and_the_console_gets_two_lines()
    {
        FakeCmake(fails: false);

        var (exit, output) = await RunAsync();

        Assert.True(exit == 0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("Building llama-server and llama-simple from the pinned llama.cpp source", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^built llama-server and llama-simple in \d+ min \d+ s \(1000 compiler warnings in .*build-server\.log\)$", lines[1]);
        var log = await File.ReadAllTextAsync(Path.Combine(Base, "build-server.log"));
        Assert.Contains("warning: noise 999", log, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Base, "server", "llama-server")));
        Assert.True(File.Exists(Path.Combine(Base, "server", ".stamp")));
    }

    [Fact]
    public async Task A_failed_build_says_so_with_the_end_of_the_log()
    {
        FakeCmake(fails: true);

        var (exit, output) = await RunAsync();

        Assert.NotEqual(0, exit);
        Assert.Contains("building llama-server failed (exit 1)", output, StringComparison.Ordinal);
        Assert.Contains("build-server.log", output, StringComparison.Ordinal);
        Assert.Contains("error: the compiler gave up", output, StringComparison.Ordinal);
        Assert.True(output.Split('\n').Length < 25, output);
        Assert.False(File.Exists(Path.Combine(Base, "server", ".stamp")));
    }

    /// <summary>A cmake that prints 1,000 warnings while "building" (and fails at the end when <paramref name="fails"/>).</summary>
    private void FakeCmake(bool fails) => Executable(Path.Combine(_root.Path, "bin", "cmake"), $$"""
        #!/usr/bin/env bash
        if [[ "$1" == "--build" ]]; then
            for i in $(seq 0 999); do echo "src/llama.cpp:$i: warning: noise $i"; done
            {{(fails ? "echo 'error: the compiler gave up' >&2; exit 1" : "mkdir -p \"$2/bin\" && touch \"$2/bin/llama-server\" \"$2/bin/llama-simple\"")}}
        fi
        echo "-- Configuring done"
        """);

    [Fact]
    public async Task Without_a_setting_the_build_goes_to_the_user_cache_outside_the_clone()
    {
        FakeCmake(fails: false);
        var home = Path.Combine(_root.Path, "home");

        var (exit, output) = await RunAsync(new Dictionary<string, string?> { ["PAPERBOT_TOOLS_DIR"] = null, ["XDG_CACHE_HOME"] = null, ["HOME"] = home });

        Assert.True(exit == 0, output);
        Assert.True(File.Exists(Path.Combine(home, ".cache", "paperbot", "llama", Version, "server", "llama-server")), output);
        Assert.False(Directory.Exists(Path.Combine(_root.Path, ".tools")));
    }

    [Fact]
    public async Task Where_no_cache_folder_can_be_made_the_build_goes_to_the_clone()
    {
        FakeCmake(fails: false);

        // /proc refuses new folders, as a read-only or missing home does.
        var (exit, output) = await RunAsync(new Dictionary<string, string?> { ["PAPERBOT_TOOLS_DIR"] = null, ["XDG_CACHE_HOME"] = null, ["HOME"] = "/proc/no-home" });

        Assert.True(exit == 0, output);
        Assert.True(File.Exists(Path.Combine(_root.Path, ".tools", "llama", Version, "server", "llama-server")), output);
    }

    private async Task<(int Exit, string Output)> RunAsync(Dictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _root.Path };
        info.ArgumentList.Add(Path.Combine(_root.Path, "scripts", "build-llama-server.sh"));
        info.ArgumentList.Add("--jobs");
        info.ArgumentList.Add("1");
        info.Environment["LLAMA_NPM_VERSION"] = Version;
        info.Environment["PATH"] = Path.Combine(_root.Path, "bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        info.Environment["PAPERBOT_TOOLS_DIR"] = Path.Combine(_root.Path, "cache");
        foreach (var (key, value) in environment ?? [])
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static void Executable(string path, string text)
    {
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
