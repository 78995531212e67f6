using System.Globalization;

namespace PaperBot.IndexBench;

internal sealed record BenchOptions(int[] Sizes, int Queries, string Work, bool Reuse)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions([100_000, 1_000_000], 400, Path.Combine("bench", "work"), Reuse: false);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (args[i] == "--reuse")
            {
                options = options with { Reuse = true };
                i--;
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{args[i]} needs a value");
            }

            options = args[i] switch
            {
                "--sizes" => options with { Sizes = args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() },
                "--queries" => options with { Queries = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--work" => options with { Work = args[i + 1] },
                _ => throw new ArgumentException($"unknown option {args[i]}; use --sizes, --queries, --work, --reuse"),
            };
        }

        return options;
    }
}
