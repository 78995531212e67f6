using Microsoft.Extensions.Options;

namespace PaperBot.Rag;

/// <summary>The resolved locations of PaperBot's files.</summary>
public sealed class PaperBotPaths(string contentRoot, IOptions<DataOptions> data)
{
    public string ContentRoot { get; } = contentRoot;

    public string DataDirectory => Rag.ContentRoot.Resolve(ContentRoot, data.Value.Directory);

    public string DatabasePath => Path.Combine(DataDirectory, data.Value.DatabaseFile);

    public string SeedDirectory => Rag.ContentRoot.Resolve(ContentRoot, data.Value.SeedDirectory);

    /// <summary>
    /// The prompt templates: prompts/ under the content root (the repository, where users edit them), else the
    /// copy next to the executable (a workspace that holds only an appsettings.json).
    /// </summary>
    public string PromptsDirectory
    {
        get
        {
            var local = Resolve("prompts");
            return Directory.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, "prompts");
        }
    }

    public string Resolve(string path) => Rag.ContentRoot.Resolve(ContentRoot, path);
}
