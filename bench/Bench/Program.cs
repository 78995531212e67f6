using PaperBot.Bench;

// Subcommands: `llama` (see LlamaBenchmark), `discord-soak` (see DiscordSoak), `serving` (see ServingBenchmark). Other benchmarks add theirs here.
if (args.Length > 0 && args[0] == "llama")
{
    return await LlamaBenchmark.RunAsync(BenchArguments.Parse(args[1..]));
}

if (args.Length > 0 && args[0] == "discord-soak")
{
    return await DiscordSoak.RunAsync(users: 50, faults: 200, limit: TimeSpan.FromMinutes(4));
}

if (args.Length > 0 && args[0] == "serving")
{
    return await ServingBenchmark.RunAsync(args[1..]);
}

Console.Error.WriteLine("usage: PaperBot.Bench llama [--threads N] [--native DIR] [--model PATH] [--type q8_0|f16] [--reps N] [--llama-bench PATH] | discord-soak | serving [--reps N] [--model PATH]");
return 1;
