using System.Text;

namespace PaperBot.Rag.Answering.Text;

/// <summary>
/// A user's question made safe to search with and to put in a prompt: control characters removed, whitespace
/// collapsed, and cut to <see cref="MaxLength"/> characters at a word boundary.
/// </summary>
public sealed record QuestionText(string Text, bool Truncated, int OriginalLength)
{
    /// <summary>Longer questions add nothing to retrieval and would crowd the sources out of the prompt.</summary>
    public const int MaxLength = 1000;

    /// <summary>Cleans <paramref name="question"/>; throws <see cref="UserInputException"/> when nothing is left.</summary>
    public static QuestionText From(string? question)
    {
        var cleaned = Clean(question ?? "");
        if (cleaned.Length == 0)
        {
            throw new UserInputException("the question is empty; ask about a topic, a method or a dataset, e.g. \"which papers use reinforcement learning for reasoning?\"");
        }

        if (cleaned.Length <= MaxLength)
        {
            return new QuestionText(cleaned, false, cleaned.Length);
        }

        var cut = cleaned.LastIndexOf(' ', MaxLength);
        return new QuestionText(cleaned[..(cut > MaxLength / 2 ? cut : MaxLength)], true, cleaned.Length);
    }

    /// <summary>Control and format characters become spaces; runs of whitespace become one space.</summary>
    public static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
