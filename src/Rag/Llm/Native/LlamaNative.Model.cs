using System.Runtime.InteropServices;

namespace PaperBot.Rag.Llm.Native;

internal static unsafe partial class LlamaNative
{
    [LibraryImport(Llama)]
    public static partial LlamaModelParams llama_model_default_params();

    [LibraryImport(Llama)]
    public static partial SafeLlamaModelHandle llama_model_load_from_file([MarshalAs(UnmanagedType.LPUTF8Str)] string path, LlamaModelParams parameters);

    [LibraryImport(Llama)]
    public static partial void llama_model_free(nint model);

    [LibraryImport(Llama)]
    public static partial nint llama_model_get_vocab(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial int llama_model_n_ctx_train(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial int llama_model_n_embd(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial int llama_model_n_embd_out(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial int llama_model_n_layer(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial ulong llama_model_n_params(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial ulong llama_model_size(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial int llama_model_meta_val_str(SafeLlamaModelHandle model, [MarshalAs(UnmanagedType.LPUTF8Str)] string key, byte* buf, nuint bufSize);

    [LibraryImport(Llama)]
    public static partial int llama_model_desc(SafeLlamaModelHandle model, byte* buf, nuint bufSize);

    [LibraryImport(Llama)]
    public static partial byte* llama_model_chat_template(SafeLlamaModelHandle model, byte* name);

    [LibraryImport(Llama)]
    public static partial int llama_chat_apply_template(byte* tmpl, LlamaChatMessage* chat, nuint nMsg, [MarshalAs(UnmanagedType.U1)] bool addAssistant, byte* buf, int length);
}
