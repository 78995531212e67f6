using PaperBot.Rag.Index;

namespace PaperBot.Rag.Tests.Index;

public class SnippetTests
{
    [Fact]
    public void Short_text_is_whole_with_matches_in_bold()
    {
        Assert.Equal("We train **diffusion** models.", Snippet.Make("We train diffusion models.", ["diffus"]));
    }

    [Fact]
    public void Long_text_is_cut_around_the_densest_matches()
    {
        var filler = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"word{i}"));
        var text = $"{filler} then the robot agent and another robot appear {filler}.";

        var snippet = Snippet.Make(text, ["robot", "agent"]);

        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
        Assert.Contains("**robot** **agent** and another **robot**", snippet, StringComparison.Ordinal);
        Assert.True(snippet.Split(' ').Length <= Snippet.Words + 1);
    }

    [Fact]
    public void Text_without_words_gives_an_empty_snippet()
    {
        Assert.Equal("", Snippet.Make("— … —", ["x"]));
    }
}
