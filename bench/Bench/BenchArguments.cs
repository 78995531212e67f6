using System.Globalization;

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

    public static BenchArguments Parse(string[] args)
    {
        var result = new BenchArguments();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            result = args[i] switch
            {
                "--threads" => result with { Threads = int.Parse(value, CultureInfo.InvariantCulture) },
                "--native" => result with { Native = value },
                "--model" => result with { Model = value },
                "--type" => result with { Type = value },
                "--reps" => result with { Repetitions = int.Parse(value, CultureInfo.InvariantCulture) },
                "--llama-bench" => result with { LlamaBench = value },
                "--mmap" => result with { UseMmap = bool.Parse(value) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return result;
    }
}
