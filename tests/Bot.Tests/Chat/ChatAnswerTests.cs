using System.IO.Pipelines;
using System.Text;
using PaperBot.Bot.Chat;
using PaperBot.Bot.Cli;

namespace PaperBot.Bot.Tests.Chat;

/// <summary>Answers in the chat with a scripted model: streaming, follow-ups, speed, cancellation, failures.</summary>
public sealed class ChatAnswerTests : IDisposable
{
    private const string Question = "Which papers use flow matching for image generation?";

    private readonly ChatHarness _chat = new(withModel: true);

    public void Dispose() => _chat.Dispose();

    [Fact]
    public async Task An_answer_comes_with_its_sources_and_a_speed_line()
    {
        var (code, output) = await _chat.Run(Question + "\n");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("PaperBot chat · model", output, StringComparison.Ordinal);
        Assert.Contains("> " + Question, output, StringComparison.Ordinal);
        Assert.Contains("Lumina uses flow matching [1].", output, StringComparison.Ordinal);
        Assert.Contains("Sources:\n[1] ", output, StringComparison.Ordinal);
        Assert.Matches(@"\d+\.\d tok/s · 5 tokens · first token \d+\.\d\d s", output);
    }

    [Fact]
    public async Task A_follow_up_is_rewritten_from_the_conversation()
    {
        var (_, output) = await _chat.Run(Question + "\nand which of them are open source?\n");

        var condense = _chat.Model.Prompts.Single(p => p.Any(m => m.Text.Contains("and which of them are open source?", StringComparison.Ordinal)
            && m.Text.Contains(Question, StringComparison.Ordinal)));
        Assert.Contains("Lumina uses flow matching", string.Join("\n", condense.Select(m => m.Text)), StringComparison.Ordinal);
        Assert.Equal(2, CountOf(output, "Sources:"));
    }

    [Fact]
    public async Task Reset_starts_a_new_conversation()
    {
        await _chat.Run(Question + "\n/reset\nand which of them are open source?\n");

        Assert.DoesNotContain(_chat.Model.Prompts, p => p.Any(m => m.Text.Contains(Question, StringComparison.Ordinal)
            && m.Text.Contains("open source", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Stats_off_hides_the_speed_line()
    {
        var (_, output) = await _chat.Run("/stats off\n" + Question + "\n");

        Assert.DoesNotContain("tok/s", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_shows_the_last_answers_speed()
    {
        var (_, output) = await _chat.Run(Question + "\n/model\n");

        Assert.Matches(@"last answer: \d+\.\d tok/s · 5 tokens", output);
    }

    [Fact]
    public async Task Interrupting_an_answer_cancels_it_and_the_chat_goes_on()
    {
        var (loop, run, writer, output) = await StartBlockedAnswerAsync();
        using var _ = loop;
        Assert.True(loop.Interrupt());
        await writer.WriteLineAsync("What is LAION-5B?");
        writer.Close();
        var code = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.Success, code);
        var text = output.ToString();
        var cancelled = text.IndexOf("(cancelled)", StringComparison.Ordinal);
        Assert.True(cancelled > 0, text);
        Assert.Contains("Lumina", text[..cancelled], StringComparison.Ordinal);
        Assert.Contains("Lumina uses flow matching [1].", text[cancelled..], StringComparison.Ordinal);
        Assert.Equal(1, CountOf(text, "Sources:"));
    }

    [Fact]
    public async Task Interrupting_at_the_prompt_ends_the_chat_with_the_exit_code_of_Ctrl_C()
    {
        var input = new Pipe();
        var output = new StringWriter();
        using var loop = _chat.Create(new StreamReader(input.Reader.AsStream()), output);
        var run = loop.RunAsync(CancellationToken.None);

        Assert.False(loop.Interrupt());

        Assert.Equal(ExitCodes.Cancelled, await run.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Terminating_mid_answer_ends_the_chat_with_the_exit_code_of_SIGTERM()
    {
        var (loop, run, _, output) = await StartBlockedAnswerAsync();
        using var __ = loop;
        loop.Terminate();

        Assert.Equal(ExitCodes.Terminated, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("(cancelled)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_failing_mid_answer_gets_a_clear_message_and_the_prompt_continues()
    {
        _chat.Model.FailAfter = 2;

        var (code, output) = await _chat.Run(Question + "\nWhat is LAION-5B?\n");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("error: the model failed while answering (llama_decode returned 1 (out of KV cache))", output, StringComparison.Ordinal);
        Assert.Contains("Lumina uses flow matching [1].", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_very_long_question_is_cut_with_a_notice()
    {
        var (_, output) = await _chat.Run(Question + " " + string.Concat(Enumerable.Repeat("flow matching diffusion ", 300)) + "\n");

        Assert.Contains("only its first 993 were used", output, StringComparison.Ordinal);
        Assert.Contains("Lumina uses flow matching [1].", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pasted_question_over_several_lines_is_asked_once()
    {
        var output = new StringWriter();
        using var loop = _chat.Create(new StringReader("Which papers use\nflow matching\n\n"), output, () => true);

        await loop.RunAsync(CancellationToken.None);

        var prompt = Assert.Single(_chat.Model.Prompts);
        Assert.Contains("Which papers use flow matching", string.Join("\n", prompt.Select(m => m.Text)), StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    /// <summary>A chat whose first answer is held by the model: the loop, its run, its input and its output.</summary>
    private async Task<(ChatLoop Loop, Task<int> Run, StreamWriter Input, StringWriter Output)> StartBlockedAnswerAsync()
    {
        _chat.Model.BlockNext = true;
        var input = new Pipe();
        var writer = new StreamWriter(input.Writer.AsStream(), Encoding.UTF8) { AutoFlush = true };
        var output = new StringWriter();
        var loop = _chat.Create(new StreamReader(input.Reader.AsStream()), output);
        var run = loop.RunAsync(CancellationToken.None);
        await writer.WriteLineAsync(Question);
        await _chat.Model.Blocked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return (loop, run, writer, output);
    }
}
