using System.Globalization;

namespace PaperBot.Rag;

/// <summary>A count with its noun in the right number: "1 paper", "2 papers", "1 entry", "3 entries".</summary>
public static class Plural
{
    /// <param name="plural">The plural when it is not <paramref name="singular"/> + "s".</param>
    public static string Of(long count, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural ?? singular + "s")}");
}
