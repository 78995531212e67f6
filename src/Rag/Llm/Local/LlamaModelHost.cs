using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PaperBot.Rag.Llm.Local;

/// <summary>
/// Owns the process's models, loading each on first use (a host starts at once; the first answer pays the
/// load), and frees them on dispose. Commands such as `generate` take the engine from here.
/// </summary>
public sealed partial class LlamaModelHost : IDisposable
{
    private readonly LlmOptions _options;
    private readonly EmbeddingsOptions _embeddingsOptions;
    private readonly ModelSetup _setup;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly Lazy<(LlamaModel Model, LlamaEngine Engine)> _chat;
    private readonly Lazy<(LlamaModel Model, LlamaEmbedder Embedder)> _embeddings;
    private IProgress<float>? _chatLoadProgress;

    public LlamaModelHost(IOptions<LlmOptions> options, IOptions<EmbeddingsOptions> embeddingsOptions, ModelSetup setup, ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        _embeddingsOptions = embeddingsOptions.Value;
        _setup = setup;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<LlamaModelHost>();
        _chat = new(LoadChat);
        _embeddings = new(LoadEmbeddings);
    }

    /// <summary>The generation engine; loads the chat model on first call.</summary>
    /// <exception cref="InvalidOperationException">No chat model is available (see <see cref="ModelSetup"/>).</exception>
    /// <exception cref="ModelLoadException">The model could not be loaded.</exception>
    public LlamaEngine Engine => _chat.Value.Engine;

    public LlamaEmbedder Embedder => _embeddings.Value.Embedder;

    /// <summary>
    /// Why llama.cpp refused the chat model (not enough memory for it or its context, an unknown architecture), once
    /// a load was tried; the load is not tried again, and each use fails with this same exception.
    /// </summary>
    public ModelLoadException? ChatLoadFailure { get; private set; }

    /// <summary>True once the chat model is loaded, so a front end knows whether the next answer pays the load.</summary>
    public bool IsChatModelLoaded => _chat.IsValueCreated;

    /// <summary>
    /// Loads the chat model now, reporting progress from 0 to 1, so that a front end can show a bar instead of a
    /// silent first answer. Does nothing more than <see cref="Engine"/> when the model is loaded already.
    /// </summary>
    public LlamaEngine LoadEngine(IProgress<float> progress)
    {
        _chatLoadProgress = progress;
        try
        {
            return Engine;
        }
        finally
        {
            _chatLoadProgress = null;
        }
    }

    public void Dispose()
    {
        if (_chat.IsValueCreated)
        {
            _chat.Value.Engine.Dispose();
            _chat.Value.Model.Dispose();
        }

        if (_embeddings.IsValueCreated)
        {
            _embeddings.Value.Embedder.Dispose();
            _embeddings.Value.Model.Dispose();
        }
    }

    private (LlamaModel, LlamaEngine) LoadChat()
    {
        var path = _setup.ChatModelPath ?? throw new InvalidOperationException($"No chat model: {_setup.ChatModelReason}.");
        try
        {
            var model = Load(path, _chatLoadProgress);
            try
            {
                return (model, new LlamaEngine(model, _options.ToEngineOptions(), _loggerFactory.CreateLogger<LlamaEngine>()));
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }
        catch (ModelLoadException e)
        {
            ChatLoadFailure = e;
            throw;
        }
    }

    private (LlamaModel, LlamaEmbedder) LoadEmbeddings()
    {
        var path = _setup.EmbeddingModelPath ?? throw new InvalidOperationException($"No embedding model: {_setup.EmbeddingModelReason}.");
        var model = Load(path, null);
        try
        {
            return (model, new LlamaEmbedder(model, _embeddingsOptions.BatchSize, threads: _options.Threads));
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private LlamaModel Load(string path, IProgress<float>? observer)
    {
        LogLoading(_logger, path);
        var lastReported = -1;
        var progress = new Action<float>(p =>
        {
            observer?.Report(p);
            var percent = (int)(p * 100);
            if (percent / 25 != lastReported / 25)
            {
                lastReported = percent;
                LogProgress(_logger, percent);
            }
        });
        var model = LlamaModel.Load(path, _options.ToModelOptions(), new InlineProgress(progress), _loggerFactory.CreateLogger<LlamaModel>());
        LogLoaded(_logger, model.Info.Description, model.Info.ParameterCount);
        return model;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loading model {Path}")]
    private static partial void LogLoading(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Model load {Percent}%")]
    private static partial void LogProgress(ILogger logger, int percent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model loaded: {Description}, {Parameters} parameters")]
    private static partial void LogLoaded(ILogger logger, string description, ulong parameters);

    private sealed class InlineProgress(Action<float> report) : IProgress<float>
    {
        public void Report(float value) => report(value);
    }
}
