using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Bot.Cli;
using PaperBot.Rag;
using PaperBot.Rag.Llm;
using PaperBot.Rag.Llm.Local;
using PaperBot.Rag.Llm.Remote;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary><c>paperbot generate PROMPT</c>: raw completion from the configured model, no chat template (a diagnostic).</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var prompt = new Argument<string>("PROMPT") { Description = "Text to continue, sent as is (no chat template)" }.NonBlank();
        var maxTokens = new Option<int>("--max-tokens") { Description = "How many tokens to generate at most (1 to 8192)", DefaultValueFactory = _ => 64 }.InRange(1, 8192);
        var greedy = new Option<bool>("--greedy") { Description = "Always take the most likely token (plain argmax, no repeat penalty), as llama.cpp's llama-simple does" };
        var json = CommandRunner.JsonOption();
        var command = new Command("generate", "Continue a prompt with the configured model (checks that a model works)") { prompt, maxTokens, greedy, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, async (ctx, token) =>
        {
            var n = parse.GetValue(maxTokens);
            var setup = ctx.Get<ModelSetup>();
            if (setup.IsRemoteChat)
            {
                await GenerateRemoteAsync(ctx, ctx.Get<EndpointPoolChatClient>(), parse.GetValue(prompt) ?? "", n, parse.GetValue(greedy), token);
                return ExitCodes.Success;
            }

            if (!setup.UsesLocalChatModel)
            {
                throw new UserInputException($"no model to generate with: {setup.ChatModelReason}. Put a GGUF file under models/ or set Llm:ModelPath (see models/README.md)");
            }

            var engine = ModelLoadProgressBar.Load(ctx.Output.Status, ctx.Get<LlamaModelHost>(), Path.GetFileName(setup.ChatModelPath!));
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

    /// <summary>
    /// The model servers take chat messages, so the prompt goes as one user message (the server applies its chat
    /// template): still a check that the servers answer, stream and count tokens.
    /// </summary>
    private static async Task GenerateRemoteAsync(CommandContext ctx, EndpointPoolChatClient servers, string prompt, int maxTokens, bool greedy, CancellationToken token)
    {
        var options = new Microsoft.Extensions.AI.ChatOptions { MaxOutputTokens = maxTokens, Temperature = greedy ? 0 : null };
        var text = new System.Text.StringBuilder();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        TimeSpan? firstToken = null;
        Microsoft.Extensions.AI.UsageDetails? usage = null;
        Microsoft.Extensions.AI.ChatFinishReason? finish = null;
        await foreach (var update in servers.GetStreamingResponseAsync([new(Microsoft.Extensions.AI.ChatRole.User, prompt)], options, token))
        {
            if (update.Text.Length > 0)
            {
                firstToken ??= System.Diagnostics.Stopwatch.GetElapsedTime(started);
                text.Append(update.Text);
                if (!ctx.Json)
                {
                    ctx.Output.WriteRaw(update.Text);
                }
            }

            usage = update.Contents.OfType<Microsoft.Extensions.AI.UsageContent>().FirstOrDefault()?.Details ?? usage;
            finish = update.FinishReason ?? finish;
        }

        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var rate = usage?.OutputTokenCount is { } n && firstToken is { } f && elapsed > f ? n / (elapsed - f).TotalSeconds : (double?)null;
        if (ctx.Json)
        {
            ctx.Output.WriteJson(new
            {
                text = text.ToString(),
                prompt_tokens = usage?.InputTokenCount,
                completion_tokens = usage?.OutputTokenCount,
                finish_reason = finish?.Value,
                time_to_first_token_ms = firstToken?.TotalMilliseconds,
                tokens_per_second = rate,
            });
            return;
        }

        ctx.Output.WriteText("");
        ctx.Output.Status.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"[grey]{usage?.InputTokenCount} prompt tokens, {usage?.OutputTokenCount} generated ({finish?.Value}), first token {firstToken?.TotalMilliseconds:0} ms, {rate:0.0} tokens/s (model servers)[/]");
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
