using System.Text;
using LLama;
using LLama.Exceptions;

namespace PaperBot.Rag.Llm.Local;

/// <summary>
/// Renders chat messages into a prompt with LLamaSharp's <see cref="LLamaTemplate"/> (llama_chat_apply_template).
/// That knows llama.cpp's built-in templates only (it recognises the model's Jinja template by its markers), so an
/// unknown or missing template falls back to chatml, which most small instruct models understand.
/// </summary>
internal static class LlamaChatTemplate
{
    public const string ChatMl = "chatml";

    /// <summary>Text a chatml prompt uses to end a turn: a stop sequence for vocabularies without it as a token.</summary>
    public const string ChatMlEndOfTurn = "<|im_end|>";

    /// <returns>The prompt, and whether the chatml fallback was used.</returns>
    public static (string Prompt, bool UsedFallback) Apply(string? modelTemplate, IReadOnlyList<(string Role, string Content)> messages)
    {
        if (modelTemplate is not null && TryApply(modelTemplate, messages) is { } prompt)
        {
            return (prompt, false);
        }

        return (TryApply(ChatMl, messages) ?? throw new LlamaException("llama.cpp refused the chatml template."), true);
    }

    private static string? TryApply(string template, IReadOnlyList<(string Role, string Content)> messages)
    {
        var chat = new LLamaTemplate(template) { AddAssistant = true };
        foreach (var (role, content) in messages)
        {
            chat.Add(role, content);
        }

        try
        {
            return Encoding.UTF8.GetString(chat.Apply());
        }
        catch (Exception e) when (e is MissingTemplateException or TemplateNotFoundException)
        {
            return null;
        }
    }
}
