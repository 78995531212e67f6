using PaperBot.Rag.Llm.Gguf;
using PaperBot.TestSupport.Models;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// Llm:ModelPath naming something that is not a usable model, through the real executable: the answer is
/// extractive, and the user is told why once, on stderr and in the JSON notices; a folder is called a folder.
/// </summary>
public sealed class UnusableModelTests : IDisposable
{
    private readonly PaperBotProcess _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("text", "cannot be used: not a GGUF file")]
    [InlineData("truncated", "cannot be used: tensor 'weights' ends at byte")]
    [InlineData("missing", "does not exist")]
    [InlineData("folder", "is a folder, not a .gguf file")]
    public async Task Ask_answers_extractively_and_says_why_the_model_is_not_used(string kind, string reason)
    {
        var path = Path.Combine(_bot.Workspace, kind == "folder" ? "models" : $"{kind}.gguf");
        switch (kind)
        {
            case "text":
                File.WriteAllText(path, "this is a note, not a model\n");
                break;
            case "truncated":
                new GgufWriter().Set("general.architecture", "llama")
                    .AddTensor("weights", GgmlType.F32, [64, 64], data => data.Fill(1)).Write(path);
                using (var file = new FileStream(path, FileMode.Open))
                {
                    file.SetLength(file.Length - 4096);
                }

                break;
            case "folder":
                Directory.CreateDirectory(path);
                break;
        }

        _bot.Environment["PAPERBOT_Llm__ModelPath"] = path;

        var json = await _bot.RunAsync("ask", "what is new in scaling laws?", "--json");
        var text = await _bot.RunAsync("ask", "what is new in scaling laws?");

        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal("extractive", json.Json.GetProperty("mode").GetString());
        var notice = Assert.Single(json.Json.GetProperty("notices").EnumerateArray()).GetString()!;
        Assert.Contains(path, notice, StringComparison.Ordinal);
        Assert.Contains(reason, notice, StringComparison.Ordinal);
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains(notice, text.Stderr, StringComparison.Ordinal);
        CliAssert.NoStackTrace(text);
        Assert.DoesNotContain("warn:", text.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chat_gives_the_notice_once_answers_extractively_and_model_tells_the_truth()
    {
        var path = Path.Combine(_bot.Workspace, "notes.gguf");
        File.WriteAllText(path, "this is a note, not a model\n");
        _bot.Environment["PAPERBOT_Llm__ModelPath"] = path;

        var result = await _bot.RunWithInputAsync("what is new in scaling laws?\nwhich papers use diffusion for video?\n/model\n", "chat");

        Assert.True(result.ExitCode == 0, result.ToString());
        var all = result.Stdout + result.Stderr;
        Assert.Equal(1, all.Split("No model answers:").Length - 1);
        Assert.Contains($"mode: extractive mode (answers quote the abstracts; no model: configured model file {path} cannot be used", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("loads with the first answer", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("warn:", result.Stderr, StringComparison.Ordinal);
        CliAssert.NoStackTrace(result);
    }
}
