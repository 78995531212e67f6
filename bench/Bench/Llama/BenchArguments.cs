using System.CommandLine;
using PaperBot.Bot.Cli;

namespace PaperBot.Bench;

/// <summary>Options of the `llama` benchmark.</summary>
internal sealed record BenchArguments
{
    public int Threads { get; init; } = 2;

    /// <summary>A llama.cpp build at LLamaSharp's commit (libllama.so); null = the LLamaSharp backend package's.</summary>
    public string? Native { get; init; }

    public string? Model { get; init; }

    public string Type { get; init; } = "q8_0";

    public int Repetitions { get; init; } = 3;

    public string? LlamaBench { get; init; }

    /// <summary>Load the model memory-mapped (Llm:UseMmap) or read into memory.</summary>
    public bool UseMmap { get; init; } = true;

    /// <summary>The `llama` subcommand: these options, then <see cref="LlamaBenchmark.RunAsync"/>.</summary>
    public static Command Command()
    {
        var defaults = new BenchArguments();
        var threads = new Option<int>("--threads") { Description = "Threads for our engine and llama-bench", DefaultValueFactory = _ => defaults.Threads }.InRange(1, 1024);
        var native = new Option<string?>("--native") { Description = "Folder of a llama.cpp build at LLamaSharp's commit (libllama.so); default: the LLamaSharp backend package's" };
        var model = new Option<string?>("--model") { Description = "GGUF model; default: bench/work/qwen2-0.5b-shape-TYPE.gguf, written on first use" };
        var type = new Option<string>("--type") { Description = "Weights of the written model: q8_0, f16 or f32", DefaultValueFactory = _ => defaults.Type };
        var reps = new Option<int>("--reps") { Description = "Repetitions of each test", DefaultValueFactory = _ => defaults.Repetitions }.InRange(1, 1000);
        var llamaBench = new Option<string?>("--llama-bench") { Description = "llama-bench executable; default: the one bench/llama-bench.sh builds" };
        var mmap = new Option<bool>("--mmap") { Description = "Load the model memory-mapped (true, the default) or read into memory (false)", DefaultValueFactory = _ => defaults.UseMmap };
        var command = new Command("llama", "Our engine against llama-bench on a 0.5B-shaped model: decode, prompt, concurrency, prefix reuse, managed overhead")
        {
            threads, native, model, type, reps, llamaBench, mmap,
        };
        command.SetAction((parse, _) => LlamaBenchmark.RunAsync(new BenchArguments
        {
            Threads = parse.GetValue(threads),
            Native = parse.GetValue(native),
            Model = parse.GetValue(model),
            Type = parse.GetValue(type)!,
            Repetitions = parse.GetValue(reps),
            LlamaBench = parse.GetValue(llamaBench),
            UseMmap = parse.GetValue(mmap),
        }));
        return command;
    }
}
