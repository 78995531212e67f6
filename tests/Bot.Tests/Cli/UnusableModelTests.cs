using System.Diagnostics;
using PaperBot.Rag.Llm.Local.Gguf;
using PaperBot.TestSupport.Discord;
using PaperBot.TestSupport.Models;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// Llm:ModelPath naming something that is not a usable model, through the real executable: answers and digests are
/// extractive, and the user is told why once, on stderr and in the JSON notices (by `ask`, `summarize`, `eval`,
/// `chat`, and `discord` when it starts); a folder is called a folder.
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
    [Trait(TestSpeed.Trait, TestSpeed.Slow)]
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
    [Trait(TestSpeed.Trait, TestSpeed.Slow)]
    public async Task Summarize_writes_the_extractive_digest_and_says_why_the_model_is_not_used()
    {
        var path = ConfigureNotAModel(_bot);

        var json = await _bot.RunAsync("summarize", "--json");
        var text = await _bot.RunAsync("summarize");
        var noModel = await _bot.RunAsync("summarize", "--no-model", "--json");

        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal("extractive", json.Json.GetProperty("mode").GetString());
        var notice = Assert.Single(json.Json.GetProperty("notices").EnumerateArray()).GetString()!;
        Assert.Contains($"configured model file {path} cannot be used: not a GGUF file", notice, StringComparison.Ordinal);
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains(notice, text.Stderr, StringComparison.Ordinal);
        Assert.Contains(json.Json.GetProperty("digest").GetString()!.Split('\n')[0], text.Stdout, StringComparison.Ordinal);
        CliAssert.NoStackTrace(text);
        Assert.DoesNotContain("warn:", text.Stderr, StringComparison.Ordinal);

        // --no-model asked for the extractive digest: nothing to explain.
        Assert.True(noModel.ExitCode == 0, noModel.ToString());
        Assert.Empty(noModel.Json.GetProperty("notices").EnumerateArray());
    }

    [Fact]
    public async Task Eval_says_why_its_answers_are_extractive()
    {
        var path = ConfigureNotAModel(_bot);
        var questions = Path.Combine(_bot.Workspace, "three.jsonl");
        File.WriteAllLines(questions, File.ReadLines(Path.Combine(TestPaths.RepoRoot, "eval", "dev.jsonl")).Take(3));

        var json = await _bot.RunAsync("eval", questions, "--json");
        var text = await _bot.RunAsync("eval", questions);

        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal("extractive", json.Json.GetProperty("mode").GetString());
        Assert.Equal(3, json.Json.GetProperty("questions").GetInt32());
        var notice = Assert.Single(json.Json.GetProperty("notices").EnumerateArray()).GetString()!;
        Assert.Contains($"configured model file {path} cannot be used: not a GGUF file", notice, StringComparison.Ordinal);
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains(notice, text.Stderr, StringComparison.Ordinal);
        CliAssert.NoStackTrace(text);
    }

    [Fact]
    public async Task The_chat_gives_the_notice_once_whether_a_digest_or_an_answer_comes_first()
    {
        ConfigureNotAModel(_bot);

        var result = await _bot.RunWithInputAsync("/summarize\nwhat is new in scaling laws?\n", "chat");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, (result.Stdout + result.Stderr).Split("No model answers:").Length - 1);
        Assert.Contains("Sources", result.Stdout, StringComparison.Ordinal); // the answer after the digest was given
        CliAssert.NoStackTrace(result);
    }

    [Fact]
    public async Task A_model_llama_cpp_refuses_leaves_the_chat_extractive_after_one_notice()
    {
        var path = ConfigureAlienModel();

        var result = await _bot.RunWithInputAsync("what is new in scaling laws?\n/summarize\nwhich papers use diffusion for video?\n/model\n", "chat");

        Assert.True(result.ExitCode == 0, result.ToString());
        var all = result.Stdout + result.Stderr;
        Assert.Equal(1, all.Split("No model answers:").Length - 1);
        Assert.Contains($"No model answers: Cannot load model '{path}': architecture 'alien-transformer' is not supported", all, StringComparison.Ordinal);
        Assert.Contains("mode: extractive mode (answers quote the abstracts; no model: Cannot load model", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("error:", all, StringComparison.Ordinal);
        Assert.DoesNotContain("warn:", result.Stderr, StringComparison.Ordinal);
        CliAssert.NoStackTrace(result);
    }

    [Fact]
    [Trait(TestSpeed.Trait, TestSpeed.Slow)]
    public async Task Ask_and_summarize_with_a_model_llama_cpp_refuses_are_extractive_with_the_reason()
    {
        var path = ConfigureAlienModel();

        var answer = await _bot.RunAsync("ask", "what is new in scaling laws?", "--json");
        var digest = await _bot.RunAsync("summarize", "--date", "2026-03-13");

        // The same rule as the chat and the bot, and as model servers that are all down: extractive, with the reason.
        var reason = $"No model answers: Cannot load model '{path}': architecture 'alien-transformer' is not supported";
        Assert.True(answer.ExitCode == 0, answer.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(answer.Stdout);
        Assert.Equal("extractive", json.RootElement.GetProperty("mode").GetString());
        Assert.Contains(json.RootElement.GetProperty("notices").EnumerateArray(), n => n.GetString()!.StartsWith(reason, StringComparison.Ordinal));
        Assert.True(digest.ExitCode == 0, digest.ToString());
        Assert.Contains(reason, digest.Stderr, StringComparison.Ordinal);
        Assert.Contains("2026-03-13", digest.Stdout, StringComparison.Ordinal);
        CliAssert.NoStackTrace(answer);
        CliAssert.NoStackTrace(digest);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // stopped with SIGTERM, as a service manager does
    public async Task The_discord_bot_says_why_the_model_is_not_used_when_it_starts()
    {
        await using var discord = await FakeDiscordServer.StartAsync();
        using var bot = new PaperBotProcess(
            $$""", "Discord": { "Token": "{{FakeDiscordServer.DefaultToken}}", "ApplicationId": 200, "ApiBaseUrl": "{{discord.ApiBaseUrl}}", "GatewayUrl": "{{discord.GatewayUrl}}" }""");
        var path = ConfigureNotAModel(bot);

        using var process = Process.Start(bot.StartInfo("discord"))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await discord.Gateway.WaitForSessionAsync(0, TimeSpan.FromSeconds(60));
        Assert.Equal(0, PosixSignals.Send(process.Id, PosixSignals.Terminate));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        var result = new CliResult(process.ExitCode, await stdout, await stderr);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, result.Stderr.Split("No model answers:").Length - 1);
        Assert.Contains($"configured model file {path} cannot be used: not a GGUF file", result.Stderr, StringComparison.Ordinal);
        CliAssert.NoStackTrace(result);
    }

    [Fact]
    public async Task The_chat_gives_the_notice_once_answers_extractively_and_model_tells_the_truth()
    {
        var path = ConfigureNotAModel(_bot);

        var result = await _bot.RunWithInputAsync("what is new in scaling laws?\nwhich papers use diffusion for video?\n/model\n", "chat");

        Assert.True(result.ExitCode == 0, result.ToString());
        var all = result.Stdout + result.Stderr;
        Assert.Equal(1, all.Split("No model answers:").Length - 1);
        Assert.Contains($"mode: extractive mode (answers quote the abstracts; no model: configured model file {path} cannot be used", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("loads with the first answer", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("warn:", result.Stderr, StringComparison.Ordinal);
        CliAssert.NoStackTrace(result);
    }

    /// <summary>Points Llm:ModelPath at a text file named like a model.</summary>
    private static string ConfigureNotAModel(PaperBotProcess bot)
    {
        var path = Path.Combine(bot.Workspace, "notes.gguf");
        File.WriteAllText(path, "this is a note, not a model\n");
        bot.Environment["PAPERBOT_Llm__ModelPath"] = path;
        return path;
    }

    /// <summary>A whole GGUF file, so it is configured; only llama.cpp's load finds that it cannot run it.</summary>
    private string ConfigureAlienModel()
    {
        var path = Path.Combine(_bot.Workspace, "alien.gguf");
        new GgufWriter()
            .Set("general.architecture", "alien-transformer")
            .Set("alien-transformer.block_count", 1u)
            .AddTensor("token_embd.weight", GgmlType.F32, [8, 8], _ => { })
            .Write(path);
        _bot.Environment["PAPERBOT_Llm__ModelPath"] = path;
        return path;
    }
}
