namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// `show` takes a paper the way people copy it: the arXiv PDF link PaperBot prints, with a version or ".pdf", an
/// abstract or Hugging Face page; what it cannot find is echoed in one short line, however much was pasted.
/// </summary>
public sealed class ShowLinkTests : IDisposable
{
    // The first paper of the sample corpus's 2026-03-23.json.
    private const string Id = "2603.17024";
    private readonly PaperBotProcess _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("https://arxiv.org/pdf/2603.17024")]
    [InlineData("https://arxiv.org/pdf/2603.17024v2")]
    [InlineData("https://arxiv.org/pdf/2603.17024v2.pdf")]
    [InlineData("arxiv.org/pdf/2603.17024.pdf")]
    [InlineData("http://www.arxiv.org/abs/2603.17024/")]
    [InlineData("https://arxiv.org/html/2603.17024v1#S2")]
    [InlineData("https://huggingface.co/papers/2603.17024?utm_source=digest")]
    public async Task A_link_to_the_paper_or_its_pdf_shows_it(string link)
    {
        var result = await _bot.RunAsync("show", link, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Id, result.Json.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_huge_unknown_id_is_echoed_shortened_on_one_line()
    {
        var pasted = string.Concat(Enumerable.Repeat("2603.17024 not an id\n", 1000));

        var result = await _bot.RunAsync("show", pasted);

        Assert.True(result.ExitCode == 2, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: no paper with id '2603.17024 not an id 2603.17024 not an id 2603.17024 not an… (21,000 characters)' in the index", error, StringComparison.Ordinal);
        Assert.True(error.Length < 200, error);
    }
}
