using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PaperBot.Rag.Llm.Local;

/// <summary>
/// <see cref="IChatClient"/> over <see cref="LlamaEngine"/>: messages go through the model's chat template,
/// <see cref="ChatOptions"/> map onto <see cref="GenerationOptions"/>, usage and timings come back with the answer.
/// </summary>
public sealed class LlamaChatClient : IChatClient
{
    private readonly Lazy<LlamaEngine> _engine;
    private readonly GenerationOptions _defaults;

    /// <param name="engine">Created on first use, so a host can start without loading the model.</param>
    public LlamaChatClient(Lazy<LlamaEngine> engine, GenerationOptions? defaults = null)
    {
        _engine = engine;
        _defaults = defaults ?? new GenerationOptions();
    }

    public LlamaChatClient(LlamaEngine engine, GenerationOptions? defaults = null)
        : this(new Lazy<LlamaEngine>(engine), defaults)
    {
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var text = new System.Text.StringBuilder();
        ChatResponseUpdate? last = null;
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            text.Append(update.Text);
            last = update;
        }

        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text.ToString()))
        {
            ModelId = last?.ModelId,
            FinishReason = last?.FinishReason,
            CreatedAt = DateTimeOffset.UtcNow,
            AdditionalProperties = last?.AdditionalProperties,
        };
        response.Usage = last?.Contents.OfType<UsageContent>().FirstOrDefault()?.Details;
        return response;
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The first call may load the model: keep that off the caller's thread.
        var engine = _engine.IsValueCreated ? _engine.Value : await Task.Run(() => _engine.Value, cancellationToken);
        var (prompt, fallback) = LlamaChatTemplate.Apply(engine.Model.Info.ChatTemplate, [.. messages.Select(m => (m.Role.Value, m.Text))]);
        var generation = ToGenerationOptions(options, fallback);
        var modelId = engine.Model.Info.Name ?? Path.GetFileNameWithoutExtension(engine.Model.Path);
        var responseId = Guid.NewGuid().ToString("N");
        await foreach (var chunk in engine.GenerateAsync(prompt, generation, cancellationToken))
        {
            if (chunk.Stats is null)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, chunk.Text) { ModelId = modelId, ResponseId = responseId };
                continue;
            }

            var stats = chunk.Stats;
            yield return new ChatResponseUpdate(ChatRole.Assistant, [
                new TextContent(chunk.Text),
                new UsageContent(new UsageDetails
                {
                    InputTokenCount = stats.PromptTokens,
                    CachedInputTokenCount = stats.PromptTokensReused,
                    OutputTokenCount = stats.CompletionTokens,
                    TotalTokenCount = stats.PromptTokens + stats.CompletionTokens,
                }),
            ])
            {
                ModelId = modelId,
                ResponseId = responseId,
                FinishReason = stats.FinishReason is GenerationFinishReason.MaxTokens or GenerationFinishReason.ContextFull ? ChatFinishReason.Length : ChatFinishReason.Stop,
                AdditionalProperties = new AdditionalPropertiesDictionary
                {
                    ["time_to_first_token_ms"] = stats.TimeToFirstToken.TotalMilliseconds,
                    ["elapsed_ms"] = stats.Elapsed.TotalMilliseconds,
                    ["tokens_per_second"] = stats.TokensPerSecond,
                    ["finish_reason"] = stats.FinishReason.ToString(),
                    ["chat_template"] = fallback ? LlamaChatTemplate.ChatMl : "model",
                },
            };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return new ChatClientMetadata("llama.cpp", null, _engine.IsValueCreated ? _engine.Value.Model.Info.Name : null);
        }

        if (serviceType == typeof(LlamaEngine))
        {
            return _engine.Value;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        // The engine belongs to whoever created it (the DI host), not to this client.
    }

    private GenerationOptions ToGenerationOptions(ChatOptions? options, bool chatMlFallback)
    {
        var stops = new List<string>(options?.StopSequences ?? []);
        if (chatMlFallback)
        {
            stops.Add(LlamaChatTemplate.ChatMlEndOfTurn);
        }

        var result = _defaults with { StopSequences = [.. _defaults.StopSequences, .. stops] };
        if (options is null)
        {
            return result;
        }

        return result with
        {
            Temperature = options.Temperature ?? result.Temperature,
            TopP = options.TopP ?? result.TopP,
            TopK = options.TopK ?? result.TopK,
            MaxTokens = options.MaxOutputTokens ?? result.MaxTokens,
            Seed = options.Seed is { } seed ? unchecked((uint)seed) : result.Seed,
            MinP = Number(options, "min_p") ?? result.MinP,
            RepeatPenalty = Number(options, "repeat_penalty") ?? result.RepeatPenalty,
        };
    }

    private static float? Number(ChatOptions options, string key) =>
        options.AdditionalProperties?.TryGetValue(key, out var value) == true && value is IConvertible c
            ? c.ToSingle(CultureInfo.InvariantCulture)
            : null;
}
