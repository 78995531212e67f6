using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace PaperBot.Rag.Answering.Prompts;

/// <summary>
/// A prompt file split into role sections (lines "[system]" and "[user]"), each a Semantic Kernel template with
/// <c>{{$variable}}</c> placeholders. The file is split before any value is substituted, so text inside a
/// value (an abstract that contains "[system]") can never start a new message.
/// </summary>
public sealed class ChatPromptTemplate
{
    private static readonly Kernel Kernel = new();
    private readonly IReadOnlyList<(ChatRole Role, IPromptTemplate Template)> _sections;

    private ChatPromptTemplate(IReadOnlyList<(ChatRole Role, IPromptTemplate Template)> sections) => _sections = sections;

    public static ChatPromptTemplate Parse(string name, string text)
    {
        // Values are ours to fence (see SourceFence); SK's HTML encoding would turn "<source>" and "&" in abstracts into entities.
        var factory = new KernelPromptTemplateFactory { AllowDangerouslySetContent = true };
        var sections = new List<(ChatRole, IPromptTemplate)>();
        ChatRole? role = null;
        var body = new List<string>();
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var marker = line.Trim() switch
            {
                "[system]" => ChatRole.System,
                "[user]" => ChatRole.User,
                _ => (ChatRole?)null,
            };
            if (marker is null)
            {
                body.Add(line);
                continue;
            }

            Flush();
            role = marker;
        }

        Flush();
        if (sections.Count == 0 || sections.All(s => s.Item1 != ChatRole.User))
        {
            throw new PromptException($"prompt '{name}' has no [user] section; a prompt file has a [system] line, the instructions, a [user] line and the request");
        }

        return new ChatPromptTemplate(sections);

        void Flush()
        {
            var content = string.Join('\n', body).Trim();
            body.Clear();
            if (role is null)
            {
                if (content.Length > 0)
                {
                    throw new PromptException($"prompt '{name}' has text before its first [system] or [user] line");
                }

                return;
            }

            sections.Add((role.Value, factory.Create(new PromptTemplateConfig(content))));
        }
    }

    /// <summary>The chat messages of this prompt with <paramref name="values"/> substituted, system message first.</summary>
    public async Task<IReadOnlyList<ChatMessage>> RenderAsync(IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        var arguments = new KernelArguments();
        foreach (var (key, value) in values)
        {
            arguments[key] = value;
        }

        var messages = new List<ChatMessage>(_sections.Count);
        foreach (var (role, template) in _sections)
        {
            messages.Add(new ChatMessage(role, await template.RenderAsync(Kernel, arguments, cancellationToken)));
        }

        return messages;
    }
}
