using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaperBot.Rag.Answering.Evaluation;

/// <summary>
/// Reads an evaluation file: JSON lines of {"question", "kind", "split"?, "gold_titles", "answer_contains"?,
/// "date"? | "from"?, "to"?}; blank lines are skipped. Every line is checked, and a bad one is named by its line number.
/// </summary>
public static class EvalSet
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    public static IReadOnlyList<EvalQuestion> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException(Directory.Exists(path) ? $"{path} is a folder; give the evaluation file (JSON lines)" : $"evaluation file {path} does not exist");
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"evaluation file {path} cannot be read ({e.Message.TrimEnd('.')})", e);
        }

        var questions = new List<EvalQuestion>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                questions.Add(Parse(line, $"{path}:{number}"));
            }
        }

        if (questions.Count == 0)
        {
            throw new UserInputException($"evaluation file {path} has no questions");
        }

        return questions;
    }

    private static EvalQuestion Parse(string line, string where)
    {
        Line? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<Line>(line, Options);
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{where}: not a JSON object with \"question\", \"kind\" and \"gold_titles\" ({e.Message})", e);
        }

        if (parsed is null || string.IsNullOrWhiteSpace(parsed.Question) || parsed.GoldTitles is null || parsed.Kind is null)
        {
            throw new UserInputException($"{where}: each line needs a \"question\", a \"kind\" and a \"gold_titles\" list");
        }

        var kind = parsed.Kind.Value;
        if ((kind == EvalKind.Unanswerable) != (parsed.GoldTitles.Count == 0))
        {
            throw new UserInputException($"{where}: an unanswerable question has no gold titles; every other kind needs at least one");
        }

        if (parsed.Date is not null && (parsed.From is not null || parsed.To is not null))
        {
            throw new UserInputException($"{where}: give either \"date\" or \"from\"/\"to\", not both");
        }

        return new EvalQuestion(parsed.Question, parsed.GoldTitles, parsed.AnswerContains)
        {
            Kind = kind,
            Split = parsed.Split ?? EvalSplit.Tune,
            From = parsed.Date ?? parsed.From,
            To = parsed.Date ?? parsed.To,
        };
    }

    private sealed record Line(
        string? Question, EvalKind? Kind, EvalSplit? Split, IReadOnlyList<string>? GoldTitles, string? AnswerContains,
        DateOnly? Date, DateOnly? From, DateOnly? To);
}
