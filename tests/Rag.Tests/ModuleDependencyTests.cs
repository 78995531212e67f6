using System.Text.RegularExpressions;

namespace PaperBot.Rag.Tests;

/// <summary>
/// The Rag library's modules (its top folders) must depend on each other in one direction only, so that a change
/// in one ripples only to the modules above it. A reference is a <c>PaperBot.Rag.X</c> name (a using or a full
/// name) or a partly qualified <c>X.Type</c>, which C# resolves through the shared parent namespace.
/// </summary>
public sealed partial class ModuleDependencyTests
{
    private const string Root = "(root)";
    private static readonly string RagFolder = Path.Combine(TestPaths.RepoRoot, "src", "Rag");

    [Fact]
    public void The_modules_form_no_cycle()
    {
        var edges = Edges();

        var cycle = FindCycle(edges);

        Assert.True(cycle is null, $"The Rag modules depend on each other in a circle: {string.Join(" -> ", cycle ?? [])}. " +
            $"The references: {Describe(edges)}");
    }

    [Fact]
    public void The_root_folder_depends_on_no_module()
    {
        var edges = Edges();

        Assert.False(edges.ContainsKey(Root), $"src/Rag's root files are shared by every module, so they must not use one: {Describe(edges)}");
    }

    [Fact]
    public void The_scan_sees_the_known_direction_of_ingestion()
    {
        // Guards the scan itself: if it stopped finding references, the cycle test would pass vacuously.
        var edges = Edges();

        Assert.Contains("Index", edges["Ingestion"].Keys);
        Assert.Contains("Corpus", edges["Index"].Keys);
        Assert.Contains("Llm", edges["Answering"].Keys);
    }

    private static Dictionary<string, Dictionary<string, List<string>>> Edges()
    {
        var modules = Directory.GetDirectories(RagFolder).Select(Path.GetFileName).OfType<string>()
            .Where(name => name is not ("bin" or "obj")).ToList();
        var edges = new Dictionary<string, Dictionary<string, List<string>>>();
        foreach (var (module, files) in modules.Select(m => (m, Directory.GetFiles(Path.Combine(RagFolder, m), "*.cs", SearchOption.AllDirectories)))
                     .Append((Root, Directory.GetFiles(RagFolder, "*.cs"))))
        {
            foreach (var file in files)
            {
                var code = Code(File.ReadAllText(file));
                foreach (var other in modules.Where(m => m != module && References(code, m)))
                {
                    var targets = edges.TryGetValue(module, out var found) ? found : edges[module] = [];
                    (targets.TryGetValue(other, out var list) ? list : targets[other] = []).Add(Path.GetFileName(file));
                }
            }
        }

        return edges;
    }

    private static bool References(string code, string module) =>
        code.Contains($"PaperBot.Rag.{module}.", StringComparison.Ordinal)
        || code.Contains($"PaperBot.Rag.{module};", StringComparison.Ordinal)
        || Regex.IsMatch(code, $@"(?<![.\w]){module}\.[A-Z]");

    /// <summary>The code without comments and string literals, whose words are not references.</summary>
    private static string Code(string source) => StringLiteral().Replace(Comment().Replace(source, ""), "\"\"");

    private static List<string>? FindCycle(Dictionary<string, Dictionary<string, List<string>>> edges)
    {
        var done = new HashSet<string>();
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            var at = path.IndexOf(node);
            if (at >= 0)
            {
                return [.. path[at..], node];
            }

            if (!done.Add(node))
            {
                return null;
            }

            path.Add(node);
            foreach (var next in edges.TryGetValue(node, out var targets) ? targets.Keys : Enumerable.Empty<string>())
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }

        return edges.Keys.Select(Visit).FirstOrDefault(c => c is not null);
    }

    private static string Describe(Dictionary<string, Dictionary<string, List<string>>> edges) =>
        string.Join("; ", edges.SelectMany(e => e.Value.Select(t => $"{e.Key} -> {t.Key} ({string.Join(", ", t.Value.Take(3))})")));

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"@?""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex StringLiteral();
}
