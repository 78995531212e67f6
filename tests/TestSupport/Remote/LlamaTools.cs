using System.Reflection;

namespace PaperBot.TestSupport.Remote;

/// <summary>
/// llama.cpp's own programs that tests run beside our code: llama-server and llama-simple, built from the pinned
/// source by build/LlamaServer.targets (scripts/build-llama-server.sh), which records their paths in this assembly.
/// </summary>
public static class LlamaTools
{
    /// <summary>
    /// The trait of the tests that run these programs, so a machine without npm and cmake (which build them) can leave
    /// them out: <c>dotnet test --filter "Needs!=llama-tools"</c>.
    /// </summary>
    public const string Trait = "Needs";

    public const string TraitValue = "llama-tools";

    public static string Server => Find("LlamaServer", "llama-server");

    /// <summary>The cache folder of the pinned llama.cpp version's source and builds (scripts/tools-dir.sh).</summary>
    public static string Directory => Metadata("LlamaToolsDir");

    public static string Simple => Find("LlamaSimple", "llama-simple");

    private static string Find(string key, string name)
    {
        var path = Metadata(key);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{name} is missing at {path}: the test build makes it when npm and cmake are installed (scripts/build-llama-server.sh); run that script");
    }

    private static string Metadata(string key) =>
        typeof(LlamaTools).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
