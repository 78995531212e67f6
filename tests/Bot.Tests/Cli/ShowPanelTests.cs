using PaperBot.Bot.Cli;
using PaperBot.Bot.Commands;
using PaperBot.Rag.Corpus;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// <c>show</c>'s panel, which writes its lines whole when they fit (a pipe or a file: 4,096 columns) rather than
/// through Spectre's per-word layout, draws exactly what Spectre draws from the same markup, in a pipe and in
/// terminals narrow enough to wrap, with and without colours.
/// </summary>
public sealed class ShowPanelTests
{
    [Theory]
    [InlineData(4096, false)]
    [InlineData(4096, true)]
    [InlineData(100, true)]
    [InlineData(57, false)]
    public void The_panel_of_every_paper_of_a_real_listing_is_drawn_as_spectre_draws_its_markup(int width, bool colours)
    {
        var papers = CorpusFileReader.Read(TestPaths.HfArchive("2026-04-16.json"), null).Entries.Select(e => e.Paper).ToList();
        Assert.Contains(papers, p => p.Abstract.Length > 1500);

        foreach (var paper in papers)
        {
            var spectre = new Markup($"[grey]{Markup.Escape(string.Join('\n', PaperTable.Details(paper)))}[/]\n\n{Markup.Escape(paper.Abstract)}");
            Assert.Equal(Draw(spectre, paper, width, colours), Draw(ShowCommand.Body(paper), paper, width, colours));
        }
    }

    private static string Draw(IRenderable body, Paper paper, int width, bool colours)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = colours ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = colours ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
        });
        console.Profile.Width = width;
        console.Write(new Panel(body).Header(Markup.Escape(paper.Title)));
        return output.ToString();
    }
}
