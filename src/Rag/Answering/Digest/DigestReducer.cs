using Microsoft.Extensions.AI;
using PaperBot.Rag.Answering.Packing;
using PaperBot.Rag.Answering.Prompts;
using PaperBot.Rag.Llm;

namespace PaperBot.Rag.Answering.Digest;

/// <summary>
/// The reduce step of a day digest: items (gists, then partial digests) are grouped so that each group fits the
/// context window with room for the answer; each group becomes one partial digest, and the partial digests are
/// reduced again until one digest remains. Citation numbers are the day's, so they survive every level.
/// </summary>
internal sealed class DigestReducer(
    ChatPromptTemplate template, ITokenCounter tokens, AnswerBudget budget, IChatClient model, string day, string highlights)
{
    /// <summary>How many model calls the reduction took.</summary>
    public int Calls { get; private set; }

    public async Task<string> ReduceAsync(IReadOnlyList<string> items, CancellationToken cancellationToken)
    {
        var room = await RoomAsync(cancellationToken);
        var level = items;
        while (true)
        {
            var groups = Group(level, room);
            if (groups.Count == 1)
            {
                return await DigestAsync(groups[0], cancellationToken);
            }

            if (groups.Count >= level.Count)
            {
                throw new InvalidOperationException(
                    $"the context window ({tokens.ContextSize} tokens) is too small to combine partial digests of {budget.MaxAnswerTokens} tokens; raise Llm:ContextSize or lower Llm:MaxAnswerTokens");
            }

            var partials = new List<string>(groups.Count);
            for (var i = 0; i < groups.Count; i++)
            {
                var partial = await DigestAsync(groups[i], cancellationToken);
                partials.Add($"<source id=\"part {i + 1}\">\n{SourceFence.Neutralize(partial)}\n</source>");
            }

            level = partials;
        }
    }

    /// <summary>The tokens the items of one reduce call may take.</summary>
    private async Task<int> RoomAsync(CancellationToken cancellationToken)
    {
        var fixedPrompt = await template.RenderAsync(Values(""), cancellationToken);
        return tokens.ContextSize - budget.MaxAnswerTokens - ContextPacker.TemplateOverheadTokens - fixedPrompt.Sum(m => tokens.CountTokens(m.Text));
    }

    /// <summary>Consecutive items in groups that fit <paramref name="room"/>; an item too large on its own gets a group of its own.</summary>
    private List<List<string>> Group(IReadOnlyList<string> items, int room)
    {
        var groups = new List<List<string>> { new() };
        var used = 0;
        foreach (var item in items)
        {
            var cost = tokens.CountTokens(item) + 1;
            if (used + cost > room && groups[^1].Count > 0)
            {
                groups.Add([]);
                used = 0;
            }

            groups[^1].Add(item);
            used += cost;
        }

        return groups;
    }

    private async Task<string> DigestAsync(List<string> items, CancellationToken cancellationToken)
    {
        var messages = await template.RenderAsync(Values(string.Join("\n\n", items)), cancellationToken);
        Calls++;
        var response = await model.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = budget.MaxAnswerTokens }, cancellationToken);
        return response.Text.Trim();
    }

    private Dictionary<string, string> Values(string items) =>
        new() { ["day"] = day, ["items"] = items, ["highlights"] = highlights };
}
