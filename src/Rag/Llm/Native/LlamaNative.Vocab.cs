using System.Runtime.InteropServices;

namespace PaperBot.Rag.Llm.Native;

internal static unsafe partial class LlamaNative
{
    [LibraryImport(Llama)]
    public static partial int llama_vocab_n_tokens(nint vocab);

    [LibraryImport(Llama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_vocab_is_eog(nint vocab, int token);

    [LibraryImport(Llama)]
    public static partial int llama_vocab_bos(nint vocab);

    [LibraryImport(Llama)]
    public static partial int llama_tokenize(nint vocab, byte* text, int textLen, int* tokens, int nTokensMax, [MarshalAs(UnmanagedType.U1)] bool addSpecial, [MarshalAs(UnmanagedType.U1)] bool parseSpecial);

    [LibraryImport(Llama)]
    public static partial int llama_token_to_piece(nint vocab, int token, byte* buf, int length, int lstrip, [MarshalAs(UnmanagedType.U1)] bool special);
}
