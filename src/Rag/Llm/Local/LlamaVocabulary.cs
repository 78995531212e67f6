using System.Runtime.InteropServices;
using System.Text;
using LLama.Native;

namespace PaperBot.Rag.Llm.Local;

/// <summary>
/// Tokenizer calls on a model's vocabulary (LLamaSharp's handles). The vocabulary lives as long as the model, which
/// a context keeps alive; it is read-only, so these calls are safe from any thread.
/// </summary>
internal sealed class LlamaVocabulary(SafeLlamaModelHandle model)
{
    private readonly SafeLlamaModelHandle.Vocabulary _vocab = model.Vocab;

    public int Count { get; } = model.Vocab.Count;

    public int BeginningOfSequence { get; } = model.Vocab.BOS is { } bos ? (int)bos : -1;

    public bool IsEndOfGeneration(int token) => ((LLamaToken)token).IsEndOfGeneration(_vocab);

    /// <param name="addSpecial">Add BOS/EOS as the model wants them.</param>
    /// <param name="parseSpecial">Read special-token text (e.g. "&lt;|im_start|&gt;") as those tokens, as chat templates need.</param>
    public int[] Tokenize(string text, bool addSpecial, bool parseSpecial)
    {
        var tokens = MemoryMarshal.Cast<LLamaToken, int>(model.Tokenize(text, addSpecial, parseSpecial, Encoding.UTF8));

        // A chat template that writes the BOS text itself, plus add_special, gives two BOS tokens; keep one.
        var doubled = tokens.Length >= 2 && BeginningOfSequence >= 0 && tokens[0] == BeginningOfSequence && tokens[1] == BeginningOfSequence;
        return doubled ? tokens[1..].ToArray() : tokens.ToArray();
    }

    /// <summary>The UTF-8 bytes of one token (possibly part of a character); control tokens give none.</summary>
    public int TokenToPiece(int token, Span<byte> destination)
    {
        var n = NativeApi.llama_token_to_piece(_vocab, token, destination, 0, special: false);
        return n >= 0 ? n : throw new LlamaException($"Token {token} needs {-n} bytes, more than {destination.Length}.");
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
