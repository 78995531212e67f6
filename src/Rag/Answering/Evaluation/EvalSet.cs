using System.Text.Json;

namespace PaperBot.Rag.Answering.Evaluation;

/// <summary>Reads an evaluation file: JSON lines of {"question", "gold_titles", "answer_contains"?}; blank lines are skipped.</summary>
public static class EvalSet
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

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
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            EvalQuestion? question;
            try
            {
                question = JsonSerializer.Deserialize<EvalQuestion>(line, Options);
            }
            catch (JsonException e)
            {
                throw new UserInputException($"{path}:{number}: not a JSON object with \"question\" and \"gold_titles\" ({e.Message})", e);
            }

            if (question is null || string.IsNullOrWhiteSpace(question.Question) || question.GoldTitles is null || question.GoldTitles.Count == 0)
            {
                throw new UserInputException($"{path}:{number}: each line needs a \"question\" and a non-empty \"gold_titles\" list");
            }

            questions.Add(question);
        }

        if (questions.Count == 0)
        {
            throw new UserInputException($"evaluation file {path} has no questions");
        }

        return questions;
    }
}
