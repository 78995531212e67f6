using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Index;

/// <summary>
/// Combines two records of the same paper, field by field, keeping the richer value: the arXiv id when either
/// knows it, the longer abstract and author list, the higher counts (upvotes, stars and comments only grow, so
/// the highest is the last seen whatever the order of ingestion). A record that carries an arXiv id comes
/// from the API and its dates are exact, so they win over dates resolved from a saved page.
/// The title (and so the title key) of the stored record never changes: it is how later copies find it.
/// Featured days are not merged here: the index keeps all of them (see <see cref="PaperWriter"/>).
/// </summary>
public static class PaperMerger
{
    public static Paper Merge(Paper stored, Paper incoming)
    {
        var incomingIsAuthoritative = incoming.ArxivId is not null && stored.ArxivId is null;
        var arxivId = stored.ArxivId ?? incoming.ArxivId;
        var authors = incoming.Authors.Count > stored.Authors.Count ? incoming.Authors : stored.Authors;
        return stored with
        {
            Id = PaperIdentity.IdFor(arxivId, stored.Title),
            ArxivId = arxivId,
            Abstract = incoming.Abstract.Length > stored.Abstract.Length ? incoming.Abstract : stored.Abstract,
            Authors = authors,
            AuthorCount = Max(Max(stored.AuthorCount, incoming.AuthorCount), authors.Count > 0 ? authors.Count : null),
            Organization = stored.Organization ?? incoming.Organization,
            OrganizationHandle = stored.OrganizationHandle ?? incoming.OrganizationHandle,
            PublishedOn = incomingIsAuthoritative ? incoming.PublishedOn ?? stored.PublishedOn : stored.PublishedOn ?? incoming.PublishedOn,
            FeaturedOn = Latest(stored.FeaturedOn, incoming.FeaturedOn),
            Upvotes = Max(stored.Upvotes, incoming.Upvotes),
            AiSummary = stored.AiSummary ?? incoming.AiSummary,
            AiKeywords = incoming.AiKeywords.Count > stored.AiKeywords.Count ? incoming.AiKeywords : stored.AiKeywords,
            GithubRepo = stored.GithubRepo ?? incoming.GithubRepo,
            GithubStars = Max(stored.GithubStars, incoming.GithubStars),
            ProjectPage = stored.ProjectPage ?? incoming.ProjectPage,
            NumComments = Max(stored.NumComments, incoming.NumComments),
            Submitter = stored.Submitter ?? incoming.Submitter,
            Thumbnail = stored.Thumbnail ?? incoming.Thumbnail,
        };
    }

    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static DateOnly? Latest(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
