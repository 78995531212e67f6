using PaperBot.Bench;

// Subcommands: `llama` (see LlamaBenchmark). Other benchmarks add theirs here.
if (args.Length > 0 && args[0] == "llama")
{
    return await LlamaBenchmark.RunAsync(BenchArguments.Parse(args[1..]));
}

Console.Error.WriteLine("usage: PaperBot.Bench llama [--threads N] [--native DIR] [--model PATH] [--type q8_0|f16] [--reps N] [--llama-bench PATH]");
return 1;
