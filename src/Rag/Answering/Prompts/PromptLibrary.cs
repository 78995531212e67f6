using System.Collections.Concurrent;

namespace PaperBot.Rag.Answering.Prompts;

/// <summary>
/// The prompt templates, read from a folder at run time (prompts/ under the content root) so they can be
/// edited without rebuilding; a file is parsed again when its modification time changes.
/// </summary>
public sealed class PromptLibrary(string folder)
{
    private readonly ConcurrentDictionary<string, (DateTime Written, ChatPromptTemplate Template)> _cache = new(StringComparer.Ordinal);

    public string Folder { get; } = folder;

    public ChatPromptTemplate Get(string name)
    {
        var path = Path.Combine(Folder, name + ".prompt.txt");
        if (!File.Exists(path))
        {
            throw new PromptException($"prompt file {path} is missing; restore it from the repository's prompts/ folder");
        }

        var written = File.GetLastWriteTimeUtc(path);
        if (_cache.TryGetValue(name, out var cached) && cached.Written == written)
        {
            return cached.Template;
        }

        var template = ChatPromptTemplate.Parse(name, File.ReadAllText(path));
        _cache[name] = (written, template);
        return template;
    }
}
