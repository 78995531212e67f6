namespace PaperBot.Rag.Llm.Native;

/// <summary>Mirror of <c>enum llama_load_mode</c>; this release replaced use_mmap/use_mlock with it.</summary>
internal enum LlamaLoadMode
{
    None = 0,
    Mmap = 1,
}
