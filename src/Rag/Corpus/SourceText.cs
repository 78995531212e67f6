using System.Text.RegularExpressions;

namespace PaperBot.Rag.Corpus;

/// <summary>
/// Titles and abstracts as readers should see them. Authors paste their LaTeX into arXiv, and the API passes it on:
/// "49.6\%", "R\&amp;D", "vs.\ 33.5", "\textbf{MNPO}", "\eg" are stored as "49.6%", "R&amp;D", "vs. 33.5", "MNPO", "e.g.".
/// Titles lose the space some put before a colon ("Eka-Eval : A ..."), so one paper is spelled one way everywhere.
/// </summary>
public static partial class SourceText
{
    /// <summary>An abstract or summary with its LaTeX escapes and text commands resolved.</summary>
    public static string Prose(string text)
    {
        var resolved = TextCommandRegex().Replace(text, m => m.Groups["body"].Value);
        resolved = LatinAbbreviationRegex().Replace(resolved, m => m.Groups["which"].Value == "eg" ? "e.g." : "i.e.");
        resolved = EscapedCharacterRegex().Replace(resolved, m => m.Groups["char"].Value);
        resolved = SpacingCommandRegex().Replace(resolved, " ");
        return resolved.Contains("  ", StringComparison.Ordinal) ? DoubleSpaceRegex().Replace(resolved, " ") : resolved;
    }

    /// <summary>A title as <see cref="Prose"/>, without white space before a colon.</summary>
    public static string Title(string text) => SpaceBeforeColonRegex().Replace(Prose(text), ":");

    [GeneratedRegex(@"\\(?:textbf|textit|textsc|texttt|emph|underline|textrm|mathrm|text)\{(?<body>[^{}]*)\}")]
    private static partial Regex TextCommandRegex();

    /// <summary>\eg and \ie, the macros many papers define, with the period they may already have.</summary>
    [GeneratedRegex(@"\\(?<which>eg|ie)\b\.?")]
    private static partial Regex LatinAbbreviationRegex();

    [GeneratedRegex(@"\\(?<char>[%&$#_{}])")]
    private static partial Regex EscapedCharacterRegex();

    /// <summary>"\ " (an interword space after an abbreviation's period) and "\," (a thin space).</summary>
    [GeneratedRegex(@"\\[ ,]")]
    private static partial Regex SpacingCommandRegex();

    [GeneratedRegex(@" {2,}")]
    private static partial Regex DoubleSpaceRegex();

    [GeneratedRegex(@"\s+:")]
    private static partial Regex SpaceBeforeColonRegex();
}
