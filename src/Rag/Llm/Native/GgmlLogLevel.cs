namespace PaperBot.Rag.Llm.Native;

/// <summary>Mirror of <c>enum ggml_log_level</c>.</summary>
internal enum GgmlLogLevel
{
    None = 0,
    Debug = 1,
    Info = 2,
    Warn = 3,
    Error = 4,
    /// <summary>Continues the previous message (ggml logs some lines in pieces).</summary>
    Cont = 5,
}
