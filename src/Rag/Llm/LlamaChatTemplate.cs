using System.Runtime.InteropServices;
using System.Text;
using PaperBot.Rag.Llm.Native;

namespace PaperBot.Rag.Llm;

/// <summary>
/// Renders chat messages into a prompt with llama_chat_apply_template. That function knows llama.cpp's built-in
/// templates only (it recognises the model's Jinja template by its markers), so an unknown or missing template
/// falls back to chatml, which most small instruct models understand.
/// </summary>
internal static unsafe class LlamaChatTemplate
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
        var strings = new List<nint>();
        try
        {
            var chat = new LlamaChatMessage[messages.Count];
            for (var i = 0; i < messages.Count; i++)
            {
                chat[i] = new LlamaChatMessage { Role = Utf8(messages[i].Role, strings), Content = Utf8(messages[i].Content, strings) };
            }

            var tmpl = Utf8(template, strings);
            var capacity = messages.Sum(m => Encoding.UTF8.GetByteCount(m.Content) + 64) * 2 + 256;
            while (true)
            {
                var buffer = new byte[capacity];
                int length;
                fixed (LlamaChatMessage* c = chat)
                {
                    fixed (byte* b = buffer)
                    {
                        length = LlamaNative.llama_chat_apply_template(tmpl, c, (nuint)chat.Length, true, b, buffer.Length);
                    }
                }

                if (length < 0)
                {
                    return null;
                }

                if (length <= capacity)
                {
                    return Encoding.UTF8.GetString(buffer, 0, length);
                }

                capacity = length;
            }
        }
        finally
        {
            foreach (var s in strings)
            {
                Marshal.FreeCoTaskMem(s);
            }
        }
    }

    private static byte* Utf8(string value, List<nint> owned)
    {
        var pointer = Marshal.StringToCoTaskMemUTF8(value);
        owned.Add(pointer);
        return (byte*)pointer;
    }
}
