using System.Globalization;
using PaperBot.Rag.Corpus;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary>How lists and single papers look in the terminal and in JSON, shared by the commands that print papers.</summary>
public static class PaperTable
{
    public static Table Of(IEnumerable<Paper> papers)
    {
        var table = new Table().Expand().AddColumns("Upvotes", "Id", "Title");
        foreach (var paper in papers)
        {
            table.AddRow(paper.Upvotes?.ToString(CultureInfo.InvariantCulture) ?? "-", Markup.Escape(paper.Id), Markup.Escape(paper.Title));
        }

        return table;
    }

    public static object Json(Paper paper) => new
    {
        id = paper.Id,
        arxiv_id = paper.ArxivId,
        title = paper.Title,
        @abstract = paper.Abstract,
        authors = paper.Authors,
        author_count = paper.AuthorCount,
        organization = paper.Organization,
        published_on = paper.PublishedOn,
        featured_on = paper.FeaturedOn,
        day = paper.Day,
        upvotes = paper.Upvotes,
        ai_summary = paper.AiSummary,
        ai_keywords = paper.AiKeywords,
        url = paper.ArxivUrl,
    };
}
