using PaperBot.Bot.Discord.Protocol.Models;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// The "Related papers" buttons under an answer's sources and a digest: one per cited paper (the first five, Discord's
/// limit for a row), each carrying the paper's id in its custom_id so that a click asks for that paper's related papers.
/// </summary>
public static class RelatedButtons
{
    private const string Prefix = "related:";

    /// <summary>The row of buttons for the cited papers (number in the text, paper id); null when none can carry its id.</summary>
    public static MessageComponent? For(IEnumerable<(int Number, string Id)> cited)
    {
        var buttons = cited.OrderBy(c => c.Number).Where(c => Prefix.Length + c.Id.Length <= MessageComponent.MaxCustomIdLength)
            .DistinctBy(c => c.Id).Take(MessageComponent.MaxButtonsPerRow).ToList();
        return buttons.Count switch
        {
            0 => null,
            1 => MessageComponent.Row([MessageComponent.Button("Related papers", Prefix + buttons[0].Id)]),
            _ => MessageComponent.Row([.. buttons.Select(b => MessageComponent.Button($"Related papers [{b.Number}]", Prefix + b.Id))]),
        };
    }

    /// <summary>The paper id a clicked button carries; null for a custom_id that is not a related-papers button.</summary>
    public static string? PaperId(string? customId) =>
        customId is not null && customId.StartsWith(Prefix, StringComparison.Ordinal) && customId.Length > Prefix.Length ? customId[Prefix.Length..] : null;
}
