using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Answering.Text;
using PaperBot.Rag.Llm;

namespace PaperBot.Rag.Answering.Packing;

/// <summary>
/// Fits sources into the model's context window. The budget is the window minus the room kept for the answer
/// and the prompt's fixed text (instructions and question, which are never cut); papers are added in rank
/// order, and the first one that does not fit whole is cut at a sentence boundary if at least one sentence fits.
/// </summary>
public sealed class ContextPacker(ITokenCounter tokens, AnswerBudget budget)
{
    /// <summary>Per-message overhead of chat templates (role markers, separators) the raw text does not show.</summary>
    public const int TemplateOverheadTokens = 32;

    public int CountTokens(string text) => tokens.CountTokens(text);

    /// <summary>The tokens left for sources once the answer's room, the fixed prompt and the template overhead are set aside.</summary>
    public int SourceBudget(int fixedPromptTokens) =>
        tokens.ContextSize - budget.MaxAnswerTokens - fixedPromptTokens - TemplateOverheadTokens;

    public PackedContext Pack(IReadOnlyList<RetrievedPaper> papers, int fixedPromptTokens)
    {
        var remaining = SourceBudget(fixedPromptTokens);
        var sources = new List<NumberedSource>();
        var used = 0;
        foreach (var paper in papers)
        {
            var number = sources.Count + 1;
            var separator = sources.Count == 0 ? 0 : tokens.CountTokens("\n\n");
            var block = SourceFence.Block(number, paper.Paper, paper.Paper.Abstract);
            var cost = tokens.CountTokens(block) + separator;
            if (cost <= remaining)
            {
                sources.Add(new NumberedSource(number, paper, block, false));
            }
            else if (Shortened(number, paper, remaining - separator) is { } shortened)
            {
                cost = tokens.CountTokens(shortened) + separator;
                sources.Add(new NumberedSource(number, paper, shortened, true));
            }
            else
            {
                break;
            }

            remaining -= cost;
            used += cost;
        }

        return new PackedContext(sources, used, papers.Count - sources.Count);
    }

    /// <summary>The block with as many whole leading sentences of the abstract as fit in <paramref name="room"/>, or null.</summary>
    private string? Shortened(int number, RetrievedPaper paper, int room)
    {
        var sentences = SentenceSplitter.Split(paper.Paper.Abstract);
        string? best = null;
        for (var count = 1; count < sentences.Count; count++)
        {
            var block = SourceFence.Block(number, paper.Paper, string.Join(' ', sentences.Take(count)) + " …");
            if (tokens.CountTokens(block) > room)
            {
                break;
            }

            best = block;
        }

        return best;
    }
}
