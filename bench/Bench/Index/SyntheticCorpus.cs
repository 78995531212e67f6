using System.Text;
using System.Text.RegularExpressions;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Ingestion;

namespace PaperBot.Bench;

/// <summary>
/// Synthetic abstracts whose words and lengths are drawn from the sample corpus: the word frequencies of the
/// real abstracts (so common words are as common as in real data) and their real lengths in words.
/// </summary>
internal sealed partial class SyntheticCorpus
{
    private readonly string[] _words;
    private readonly double[] _cumulative;
    private readonly int[] _abstractLengths;
    private readonly int[] _titleLengths;

    public SyntheticCorpus(string seedDirectory)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var abstractLengths = new List<int>();
        var titleLengths = new List<int>();
        foreach (var file in Ingestor.ExpandPaths([seedDirectory]))
        {
            foreach (var entry in CorpusFileReader.Read(file, new DateOnly(2025, 11, 20)).Entries)
            {
                var words = WordRegex().Matches(entry.Paper.Abstract).Select(m => m.Value).ToList();
                abstractLengths.Add(words.Count);
                titleLengths.Add(WordRegex().Count(entry.Paper.Title));
                foreach (var word in words)
                {
                    counts[word] = counts.GetValueOrDefault(word) + 1;
                }
            }
        }

        var ordered = counts.OrderByDescending(kv => kv.Value).ToList();
        _words = ordered.Select(kv => kv.Key).ToArray();
        _cumulative = new double[_words.Length];
        double total = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            total += ordered[i].Value;
            _cumulative[i] = total;
        }

        for (var i = 0; i < _cumulative.Length; i++)
        {
            _cumulative[i] /= total;
        }

        _abstractLengths = [.. abstractLengths];
        _titleLengths = [.. titleLengths];
    }

    /// <summary>The vocabulary, most frequent first.</summary>
    public IReadOnlyList<string> Words => _words;

    public string Word(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return _words[Math.Min(index < 0 ? ~index : index, _words.Length - 1)];
    }

    /// <summary>Writes <paramref name="count"/> papers as one saved page in the no-blank-line layout.</summary>
    public void WritePage(string path, int count, int seed)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20);
        writer.Write("Subscribe");
        var line = new StringBuilder(4096);
        for (var i = 0; i < count; i++)
        {
            line.Clear();
            line.Append("Paper ").Append(seed).Append('-').Append(i).Append(':');
            Append(line, random, _titleLengths[random.Next(_titleLengths.Length)]);
            writer.Write(line.Append('\n'));
            line.Clear();
            Append(line, random, _abstractLengths[random.Next(_abstractLengths.Length)]);
            writer.Write(line.Append(".\n"));
        }
    }

    private void Append(StringBuilder line, Random random, int words)
    {
        for (var w = 0; w < words; w++)
        {
            line.Append(' ').Append(Word(random));
        }
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordRegex();
}
