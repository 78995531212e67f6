using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaperBot.Rag.Answering.Retrieval;

/// <summary>
/// Whether the index covers a question, decided from the ranking's evidence by a logistic regression whose inputs
/// (<see cref="RelevanceEvidence"/>) and fitted numbers are visible in one file, <c>relevance-model.json</c> beside
/// this one (refit with <c>dotnet run --project bench/Bench -- fit-relevance</c>, on the tune split of every
/// development set). Word statistics cannot always tell a described paper from a near miss, so there are two
/// thresholds: at or above <see cref="AnswerAt"/> the best papers answer; at or above <see cref="ClosestAt"/> they
/// are shown as the closest, with a hedge; below, nothing related was found, unless the best paper is a
/// <see cref="RelevanceEvidence.Related"/> paper (a clear match, or one sharing rare words of the field), which is
/// always shown as the closest.
/// </summary>
public sealed record RelevanceModel(
    [property: JsonPropertyName("features")] IReadOnlyList<string> Features,
    [property: JsonPropertyName("weights")] IReadOnlyList<double> Weights,
    [property: JsonPropertyName("intercept")] double Intercept,
    [property: JsonPropertyName("answer_at")] double AnswerAt,
    [property: JsonPropertyName("closest_at")] double ClosestAt)
{
    public const string ResourceName = "PaperBot.Rag.relevance-model.json";

    private static readonly Lazy<RelevanceModel> Fitted = new(() =>
    {
        using var stream = typeof(RelevanceModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the assembly lacks its resource {ResourceName}");
        return Parse(stream);
    });

    /// <summary>The model fitted on the development sets, shipped in the assembly.</summary>
    public static RelevanceModel Default => Fitted.Value;

    public static RelevanceModel Parse(Stream json)
    {
        var model = JsonSerializer.Deserialize<RelevanceModel>(json) ?? throw new InvalidDataException("the relevance model is empty");
        if (!model.Features.SequenceEqual(RelevanceEvidence.Names) || model.Weights.Count != model.Features.Count)
        {
            throw new InvalidDataException($"the relevance model's features ({string.Join(", ", model.Features)}) are not {string.Join(", ", RelevanceEvidence.Names)}");
        }

        return model;
    }

    /// <summary>The probability that the paper behind <paramref name="evidence"/> answers the question.</summary>
    public double Probability(RelevanceEvidence evidence)
    {
        var x = evidence.Vector();
        var z = Intercept;
        for (var i = 0; i < x.Length; i++)
        {
            z += Weights[i] * x[i];
        }

        return 1 / (1 + Math.Exp(-z));
    }

    public RelevanceOutcome Decide(double probability) =>
        probability >= AnswerAt ? RelevanceOutcome.Answered : probability >= ClosestAt ? RelevanceOutcome.Closest : RelevanceOutcome.Declined;
}

/// <summary>What an answer is: from papers that answer it, from the closest papers with a hedge, or "not covered".</summary>
public enum RelevanceOutcome
{
    Answered,
    Closest,
    Declined,
}
