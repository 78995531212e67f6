using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaperBot.Rag;
using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Digest;
using PaperBot.Rag.Answering.Related;
using PaperBot.Rag.Index;
using PaperBot.Rag.Llm;
using PaperBot.Rag.Llm.Local;
using PaperBot.Rag.Llm.Remote;

using PaperBot.Rag.Watches;

namespace PaperBot.Bot.Chat;

/// <summary>The answering services the chat uses, taken from the host, and what it says about the model.</summary>
public sealed class ChatServices
{
    private readonly ModelSetup _setup;
    private readonly LlmOptions _llm;
    private readonly IChatClient? _chat;
    private readonly EndpointPool? _servers;

    public ChatServices(IServiceProvider services)
    {
        Answerer = services.GetRequiredService<Answerer>();
        Digest = services.GetRequiredService<DayDigest>();
        Papers = services.GetRequiredService<PaperStore>();
        Related = services.GetRequiredService<RelatedPapers>();
        Time = services.GetRequiredService<TimeProvider>();
        Watches = new ChatWatchCommands.Services(
            services.GetRequiredService<WatchStore>(), services.GetRequiredService<WatchRun>(), services.GetRequiredService<WatchLedger>(), services.GetRequiredService<PaperLookup>(), Papers);
        ModelHost = services.GetService<LlamaModelHost>();
        _setup = services.GetRequiredService<ModelSetup>();
        _llm = services.GetRequiredService<IOptions<LlmOptions>>().Value;
        _chat = services.GetService<IChatClient>();
        _servers = services.GetKeyedService<EndpointPool>(RemoteServiceCollectionExtensions.ChatPoolKey);
    }

    public Answerer Answerer { get; }

    public DayDigest Digest { get; }

    public PaperStore Papers { get; }

    public RelatedPapers Related { get; }

    public TimeProvider Time { get; }

    /// <summary>What the chat's /watch uses.</summary>
    public ChatWatchCommands.Services Watches { get; }

    public LlamaModelHost? ModelHost { get; }

    /// <summary>
    /// Why llama.cpp refused the local model (not enough memory for it or its context, an unknown architecture), as
    /// the model host remembers it: the file read as GGUF, so this shows only when it loads. Answers are then extractive.
    /// </summary>
    private string? LoadFailure => ModelHost?.ChatLoadFailure?.Message.TrimEnd('.');

    /// <summary>True when the local GGUF model answers (rather than another chat client, or none).</summary>
    private bool UsesLocalModel => Answerer.HasModel && _setup.UsesLocalChatModel && ModelHost is not null;

    public string ModeDescription() => LoadFailure is { } failure
        ? $"extractive mode (answers quote the abstracts; no model: {failure})"
        : UsesLocalModel
        ? $"model {Path.GetFileName(_setup.ChatModelPath)} ({_llm.Backend})"
        : _servers is not null
            ? string.Create(CultureInfo.InvariantCulture, $"model servers ({_servers.Status().Count}, {_servers.Capacity} requests at once)")
        : Answerer.HasModel
            ? $"model {_chat?.GetService<ChatClientMetadata>()?.ProviderName ?? "chat client"}"
            : $"extractive mode (answers quote the abstracts; no model: {_setup.ChatModelReason})";

    public string IndexDescription()
    {
        var stats = Papers.Stats();
        return string.Create(CultureInfo.InvariantCulture, $"{Plural.Of(stats.Papers, "paper")}, {stats.FirstDay:yyyy-MM-dd} to {stats.LastDay:yyyy-MM-dd}");
    }

    /// <summary>The lines `/model` shows: the model or extractive mode, backend, context, and the last answer's speed.</summary>
    public IEnumerable<string> ModelDescription(AnswerSpeed? lastSpeed)
    {
        yield return "mode: " + ModeDescription();
        if (UsesLocalModel && LoadFailure is null)
        {
            yield return $"file: {_setup.ChatModelPath}";
            yield return string.Create(CultureInfo.InvariantCulture, $"backend: {_llm.Backend}, GPU layers: {(_llm.GpuLayers < 0 ? "all" : _llm.GpuLayers.ToString(CultureInfo.InvariantCulture))}");
            if (ModelHost is { IsChatModelLoaded: true } host)
            {
                var engine = host.Engine;
                var info = engine.Model.Info;
                yield return string.Create(CultureInfo.InvariantCulture, $"loaded: {info.Description}, {info.ParameterCount / 1e6:0.#}M parameters, trained context {info.TrainedContextLength}");
                yield return string.Create(CultureInfo.InvariantCulture, $"context: {engine.SequenceContextSize} tokens per sequence, {engine.Parallel} parallel sequences");
            }
            else
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"context: {_llm.ContextSize} tokens per sequence (not loaded yet: it loads with the first answer)");
            }
        }

        if (_servers is not null)
        {
            // The state as the requests left it (a failed server shows down); no probe here, so /model is instant.
            foreach (var server in _servers.Status())
            {
                yield return Cli.ModelServers.Line(server);
            }
        }

        yield return "last answer: " + (lastSpeed?.ToString() ?? "none yet");
    }

    /// <summary>
    /// Loads the local model before the first answer, with a progress bar, instead of a silent wait. When llama.cpp
    /// refuses it, the host remembers why, and the first answer or digest meets the same refusal in the chat client's
    /// pipeline: it is extractive and carries the one notice that says why, as everywhere (<see cref="UnusableModelNotice"/>).
    /// </summary>
    public void EnsureModelLoaded(ChatView view)
    {
        if (LoadFailure is null && UsesLocalModel && ModelHost is { IsChatModelLoaded: false } host)
        {
            try
            {
                Cli.ModelLoadProgressBar.Load(view.Status, host, Path.GetFileName(_setup.ChatModelPath!));
            }
            catch (ModelLoadException)
            {
                // Kept by the host (ChatLoadFailure) and said by the first answer: see above.
            }
        }
    }
}
