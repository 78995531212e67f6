using System.CommandLine;
using System.Globalization;
using PaperBot.Bot.Cli;
using PaperBot.Rag;
using PaperBot.Rag.Llm;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary><c>paperbot generate PROMPT</c>: raw completion from the configured model, no chat template (a diagnostic).</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var prompt = new Argument<string>("PROMPT") { Description = "Text to continue, sent as is (no chat template)" };
        var maxTokens = new Option<int>("--max-tokens") { Description = "How many tokens to generate at most", DefaultValueFactory = _ => 64 };
        var greedy = new Option<bool>("--greedy") { Description = "Always take the most likely token (plain argmax, no repeat penalty), as llama.cpp's llama-simple does" };
        var json = CommandRunner.JsonOption();
        var command = new Command("generate", "Continue a prompt with the configured model (checks that a model works)") { prompt, maxTokens, greedy, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, async (ctx, token) =>
        {
            var n = parse.GetValue(maxTokens);
            if (n is < 1 or > 8192)
            {
                throw new UserInputException("--max-tokens must be between 1 and 8192");
            }

            var availability = ctx.Get<ILlmAvailability>();
            if (!availability.IsChatModelAvailable)
            {
                throw new UserInputException($"no model to generate with: {availability.ChatModelReason}. Put a GGUF file under models/ or set Llm:ModelPath (see models/README.md)");
            }

            var engine = ModelLoadProgressBar.Load(ctx.Output.Status, ctx.Get<LlamaModelHost>(), Path.GetFileName(availability.ChatModelPath!));
            var options = ctx.Get<Microsoft.Extensions.Options.IOptions<LlmOptions>>().Value.ToGenerationOptions() with { MaxTokens = n };
            if (parse.GetValue(greedy))
            {
                // Plain argmax: Llm:RepeatPenalty would make the output drift from llama.cpp's greedy decoding.
                options = options with { Temperature = 0, RepeatPenalty = 1f };
            }

            var text = new System.Text.StringBuilder();
            GenerationStats? stats = null;
            await foreach (var chunk in engine.GenerateAsync(parse.GetValue(prompt) ?? "", options, token))
            {
                text.Append(chunk.Text);
                stats = chunk.Stats ?? stats;
                if (!ctx.Json)
                {
                    ctx.Output.WriteRaw(chunk.Text);
                }
            }

            Print(ctx, text.ToString(), stats);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static void Print(CommandContext ctx, string text, GenerationStats? stats)
    {
        if (ctx.Json)
        {
            ctx.Output.WriteJson(new
            {
                text,
                prompt_tokens = stats?.PromptTokens,
                completion_tokens = stats?.CompletionTokens,
                finish_reason = stats?.FinishReason.ToString().ToLowerInvariant(),
                time_to_first_token_ms = stats?.TimeToFirstToken.TotalMilliseconds,
                tokens_per_second = stats?.TokensPerSecond,
            });
            return;
        }

        ctx.Output.WriteText("");
        if (stats is not null)
        {
            ctx.Output.Status.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"[grey]{stats.PromptTokens} prompt tokens, {stats.CompletionTokens} generated ({stats.FinishReason}), first token {stats.TimeToFirstToken.TotalMilliseconds:0} ms, {stats.TokensPerSecond:0.0} tokens/s[/]");
        }
    }
}
