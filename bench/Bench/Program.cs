using PaperBot.Bench;

// Subcommands: `llama` (see LlamaBenchmark), `discord-soak` (see DiscordSoak). Other benchmarks add theirs here.
if (args.Length > 0 && args[0] == "llama")
{
    return await LlamaBenchmark.RunAsync(BenchArguments.Parse(args[1..]));
}

if (args.Length > 0 && args[0] == "discord-soak")
{
    return await DiscordSoak.RunAsync(users: 50, faults: 200, limit: TimeSpan.FromMinutes(4));
}

Console.Error.WriteLine("usage: PaperBot.Bench llama [--threads N] [--native DIR] [--model PATH] [--type q8_0|f16] [--reps N] [--llama-bench PATH] | discord-soak");
return 1;
