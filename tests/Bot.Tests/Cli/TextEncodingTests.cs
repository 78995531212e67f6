using System.Text;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>A real API day saved as UTF-16 or UTF-32 ("Unicode" in an editor) is refused as what it is, not as a binary file.</summary>
public sealed class TextEncodingTests : IDisposable
{
    private readonly PaperBotProcess _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("utf-16le", "UTF-16 little-endian")]
    [InlineData("utf-16be", "UTF-16 big-endian")]
    [InlineData("utf-32le", "UTF-32 little-endian")]
    public async Task A_file_with_a_utf16_or_utf32_byte_order_mark_is_refused_as_not_utf8(string name, string found)
    {
        var encoding = Encoding.GetEncoding(name);
        var path = Path.Combine(_bot.Workspace, "2026-03-23.json");
        File.WriteAllText(path, File.ReadAllText(Path.Combine(TestPaths.SeedDirectory, "2026-03-23.json")), encoding);
        Assert.Equal(encoding.GetPreamble(), File.ReadAllBytes(path).Take(encoding.GetPreamble().Length));

        var result = await _bot.RunAsync("ingest", path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal($"error: {path}: the file is not UTF-8 ({found} found, by its byte-order mark); save it as UTF-8", Assert.Single(result.ErrorLines));
        Assert.DoesNotContain("binary", result.Stderr, StringComparison.Ordinal);
    }
}
