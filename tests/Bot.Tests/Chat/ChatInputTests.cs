using PaperBot.Bot.Chat;

namespace PaperBot.Bot.Tests.Chat;

public sealed class ChatInputTests
{
    [Fact]
    public async Task A_question_is_one_line()
    {
        var input = new ChatInput(new StringReader("first\nsecond\n"), () => false);

        Assert.Equal("first", await input.ReadAsync(CancellationToken.None));
        Assert.Equal("second", await input.ReadAsync(CancellationToken.None));
        Assert.Null(await input.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_backslash_continues_the_question_until_a_blank_line()
    {
        var input = new ChatInput(new StringReader("which papers \\\nuse RL\nfor reasoning?\n\nnext\n"), () => false);

        Assert.Equal("which papers \nuse RL\nfor reasoning?", await input.ReadAsync(CancellationToken.None));
        Assert.Equal("next", await input.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_paste_continues_the_question_until_a_blank_line_or_the_end_of_input()
    {
        var input = new ChatInput(new StringReader("pasted line one\nline two"), () => true);

        Assert.Equal("pasted line one\nline two", await input.ReadAsync(CancellationToken.None));
        Assert.Null(await input.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Commands_typed_ahead_are_not_taken_for_a_paste()
    {
        var input = new ChatInput(new StringReader("/date off\n/stats off\n"), () => true);

        Assert.Equal("/date off", await input.ReadAsync(CancellationToken.None));
        Assert.Equal("/stats off", await input.ReadAsync(CancellationToken.None));
    }
}
