using System.Globalization;

namespace PaperBot.IndexBench;

internal sealed record BenchOptions(int[] Sizes, int Queries, string Work)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions([100_000, 1_000_000], 400, Path.Combine("bench", "work"));
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options = args[i] switch
            {
                "--sizes" => options with { Sizes = args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() },
                "--queries" => options with { Queries = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--work" => options with { Work = args[i + 1] },
                _ => throw new ArgumentException($"unknown option {args[i]}; use --sizes, --queries, --work"),
            };
        }

        return options;
    }
}
