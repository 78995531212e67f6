using System.Text.RegularExpressions;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// The plain output of <c>ask</c> cites with the numbers of the sources list printed under it, the same papers
/// that <c>--json</c> gives, on questions of the sample corpus whose retrieved papers are quoted out of their
/// retrieval order (the answer quotes papers 1 and 4 of those retrieved; its sources list shows them as [1], [2]).
/// </summary>
public sealed partial class AskCitationTests : IDisposable
{
    private readonly PaperBotProcess _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("What is the name of the compression test for code generating LLMs?")]
    [InlineData("How many parameters does the POINTS vision-language model have?")]
    [InlineData("What is the name of the universal performance benchmark for speech processing?")]
    public async Task The_printed_answer_cites_the_numbers_of_its_sources_list(string question)
    {
        var plain = await _bot.RunAsync("ask", question);
        var json = await _bot.RunAsync("ask", question, "--json");

        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.True(json.ExitCode == 0, json.ToString());
        var parts = plain.Stdout.Split("\n\nSources:\n");
        Assert.True(parts.Length == 2, plain.ToString());
        var listed = parts[1].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => SourceLineRegex().Match(line)).Where(m => m.Success)
            .ToDictionary(m => int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture), m => m.Groups["title"].Value);
        var cited = CitationRegex().Matches(parts[0]).SelectMany(m => m.Groups["list"].Value.Split(", "))
            .Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(cited.Count >= 2, plain.ToString());
        Assert.All(cited, n => Assert.True(listed.ContainsKey(n), $"[{n}] is cited but not listed:\n{plain}"));

        // The same numbers at the same places as the checked answer, and each number the same paper as in --json.
        Assert.Equal(json.Json.GetProperty("answer").GetString()!.Split("\n\nSources:\n")[0].TrimEnd(), parts[0].TrimEnd());
        var papers = json.Json.GetProperty("papers").EnumerateArray()
            .ToDictionary(p => p.GetProperty("number").GetInt32(), p => p.GetProperty("title").GetString()!);
        Assert.Equal(papers.Keys.Order(), listed.Keys.Order());
        Assert.All(listed, source => Assert.StartsWith(papers[source.Key], source.Value, StringComparison.Ordinal));
        Assert.True(cited.Max() <= papers.Count, plain.ToString());
    }

    [GeneratedRegex(@"\[(?<list>\d+(?:, \d+)*)\]")]
    private static partial Regex CitationRegex();

    [GeneratedRegex(@"^\[(?<n>\d+)\] (?<title>.+)$")]
    private static partial Regex SourceLineRegex();
}
