using System.Security.Cryptography;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// A damaged index and a read-only one, met by the real executable: damage is detected and explained (exit 2) and
/// nothing is written into it; a read-only index serves every reading command and refuses writing ones clearly.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes as on Linux
public sealed class IndexHealthTests : IDisposable
{
    private readonly PaperBotProcess _bot = new() { AsOrdinaryUser = true };

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Garbage_in_the_middle_of_the_index_is_detected_by_every_command_and_ingest_writes_nothing()
    {
        var search = await _bot.RunAsync("search", "scaling", "--json", "--top", "1");
        var id = search.Json.GetProperty("results")[0].GetProperty("id").GetString()!;
        await using (var file = new FileStream(_bot.DatabasePath, FileMode.Open, FileAccess.Write))
        {
            file.Seek(file.Length / 2, SeekOrigin.Begin);
            file.Write(Enumerable.Repeat((byte)0xA5, 16 * 1024).ToArray());
        }

        var before = Hash();

        string[][] commands =
        [
            ["stats"], ["search", "scaling"], ["papers"], ["show", id], ["summarize", "--no-model"], ["ask", "what is new in scaling?", "--no-model"],
            ["ingest", TestPaths.SeedDirectory],
        ];
        foreach (var command in commands)
        {
            var result = await _bot.RunAsync(command);

            Assert.True(result.ExitCode == 2, $"{string.Join(' ', command)}: {result}");
            var error = Assert.Single(result.ErrorLines);
            Assert.Contains($"the index at {_bot.DatabasePath} is damaged", error, StringComparison.Ordinal);
            Assert.Contains("rebuild it", error, StringComparison.Ordinal);
            CliAssert.NoStackTrace(result);
        }

        Assert.Equal(before, Hash());
    }

    [Fact]
    public async Task A_read_only_index_serves_reading_commands_and_writing_ones_say_the_folder_is_read_only()
    {
        var search = await _bot.RunAsync("search", "scaling", "--json", "--top", "1");
        var id = search.Json.GetProperty("results")[0].GetProperty("id").GetString()!;
        var folder = Path.GetDirectoryName(_bot.DatabasePath)!;
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var before = Hash();
            string[][] reading =
            [
                ["stats", "--json"], ["search", "scaling", "--json"], ["papers", "--json"], ["show", id, "--json"],
                ["summarize", "--no-model", "--json"], ["ask", "what is new in scaling?", "--no-model", "--json"],
            ];
            foreach (var command in reading)
            {
                var result = await _bot.RunAsync(command);

                Assert.True(result.ExitCode == 0, $"{string.Join(' ', command)}: {result}");
                Assert.NotEmpty(result.Json.EnumerateObject());
            }

            var ingest = await _bot.RunAsync("ingest", TestPaths.SeedDirectory);
            Assert.True(ingest.ExitCode == 2, ingest.ToString());
            Assert.Contains($"error: the index at {_bot.DatabasePath} is read-only ({folder} cannot be written)", ingest.Stderr, StringComparison.Ordinal);
            CliAssert.NoStackTrace(ingest);
            Assert.Equal(before, Hash());
        }
        finally
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private string Hash()
    {
        using var stream = File.OpenRead(_bot.DatabasePath);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
