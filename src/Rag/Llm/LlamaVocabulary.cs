using System.Text;
using PaperBot.Rag.Llm.Native;

namespace PaperBot.Rag.Llm;

/// <summary>
/// Tokenizer calls on a model's <c>llama_vocab*</c>. The pointer lives as long as the model, which a context keeps
/// alive; the vocabulary is read-only, so these calls are safe from any thread.
/// </summary>
internal sealed unsafe class LlamaVocabulary(nint vocab)
{
    public int Count { get; } = LlamaNative.llama_vocab_n_tokens(vocab);

    public int BeginningOfSequence { get; } = LlamaNative.llama_vocab_bos(vocab);

    public bool IsEndOfGeneration(int token) => LlamaNative.llama_vocab_is_eog(vocab, token);

    /// <param name="addSpecial">Add BOS/EOS as the model wants them.</param>
    /// <param name="parseSpecial">Read special-token text (e.g. "&lt;|im_start|&gt;") as those tokens, as chat templates need.</param>
    public int[] Tokenize(string text, bool addSpecial, bool parseSpecial)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var tokens = new int[bytes.Length + 8];
        fixed (byte* b = bytes)
        {
            fixed (int* t = tokens)
            {
                var n = LlamaNative.llama_tokenize(vocab, b, bytes.Length, t, tokens.Length, addSpecial, parseSpecial);
                if (n < 0)
                {
                    throw new LlamaException($"Tokenization failed ({n}) for a text of {bytes.Length} bytes.");
                }

                // A chat template that writes the BOS text itself, plus add_special, gives two BOS tokens; keep one.
                var doubled = n >= 2 && tokens[0] == BeginningOfSequence && tokens[1] == BeginningOfSequence && BeginningOfSequence >= 0;
                return doubled ? tokens[1..n] : tokens[..n];
            }
        }
    }

    /// <summary>The UTF-8 bytes of one token (possibly part of a character); control tokens give none.</summary>
    public int TokenToPiece(int token, Span<byte> destination)
    {
        fixed (byte* d = destination)
        {
            var n = LlamaNative.llama_token_to_piece(vocab, token, d, destination.Length, 0, special: false);
            return n >= 0 ? n : throw new LlamaException($"Token {token} needs {-n} bytes, more than {destination.Length}.");
        }
    }

    public string Detokenize(IEnumerable<int> tokens)
    {
        var bytes = new List<byte>();
        Span<byte> buffer = stackalloc byte[MaxPieceBytes];
        foreach (var token in tokens)
        {
            var n = TokenToPiece(token, buffer);
            foreach (var b in buffer[..n])
            {
                bytes.Add(b);
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>Longer than any token piece of real vocabularies (they are tens of bytes at most).</summary>
    public const int MaxPieceBytes = 256;
}
