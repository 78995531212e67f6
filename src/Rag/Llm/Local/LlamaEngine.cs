using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using LLama.Native;

namespace PaperBot.Rag.Llm.Local;

/// <summary>
/// Generates text for many concurrent requests on one model and one context. A scheduler thread gathers, per
/// step, every active request's next-token input and the prompt chunks of new requests into one llama_decode
/// (continuous batching), then samples each request with its own native sampler chain. Each sequence slot
/// remembers what its KV cache holds, so a request sharing a prefix with an earlier one evaluates only the rest.
/// </summary>
public sealed partial class LlamaEngine : IDisposable
{
    private readonly SafeLLamaContextHandle _context;
    private readonly LlamaVocabulary _vocabulary;
    private readonly LLamaBatch _batch = new();
    private readonly int _batchCapacity;
    private readonly SequenceSlot[] _slots;
    private readonly ConcurrentQueue<GenerationRequest> _queue = new();
    private readonly ManualResetEventSlim _signal = new(false);
    private readonly EngineStatistics _statistics = new();
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private volatile bool _disposed;

    /// <summary>Creates the context (n_seq_max = Parallel) and starts the scheduler. The engine does not own the model;
    /// its context keeps the native model alive, so the two may be disposed in either order.</summary>
    public LlamaEngine(LlamaModel model, LlamaEngineOptions? options = null, ILogger<LlamaEngine>? logger = null)
    {
        options ??= new LlamaEngineOptions();
        // llama.cpp keeps positions and cell counts in 32-bit ints; beyond this it overflows and aborts.
        if (options.ContextSize < 16 || options.Parallel < 1 || (long)options.ContextSize * options.Parallel > MaxContextTokens || options.BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"ContextSize {options.ContextSize} x Parallel {options.Parallel} must be between 16 and {MaxContextTokens} tokens, BatchSize positive.");
        }

        _logger = logger ?? (ILogger)NullLogger.Instance;
        Model = model;
        var threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        var parameters = LlamaContextFactory.Defaults(threads);
        parameters.n_ctx = (uint)(options.ContextSize * options.Parallel);
        parameters.n_batch = (uint)options.BatchSize;
        parameters.n_ubatch = (uint)options.BatchSize;
        parameters.n_seq_max = (uint)options.Parallel;
        // One KV stream per sequence: each sequence then owns n_ctx / n_seq_max cells, which SequenceContextSize states.
        parameters.kv_unified = false;
        _context = LlamaContextFactory.Create(model, parameters, $"{options.Parallel} sequences of {options.ContextSize} tokens");
        _vocabulary = model.Vocabulary;
        SequenceContextSize = (int)(_context.ContextSize / _context.MaxSeq);
        _batchCapacity = options.BatchSize;
        _slots = Enumerable.Range(0, options.Parallel).Select(i => new SequenceSlot(i)).ToArray();
        _thread = new Thread(Run) { IsBackground = true, Name = "llama-scheduler" };
        _thread.Start();
    }

    /// <summary>The largest context (all sequences together) the engine asks llama.cpp for.</summary>
    public const int MaxContextTokens = 1 << 30;

    public LlamaModel Model { get; }

    /// <summary>The most tokens (prompt plus answer) one request can use.</summary>
    public int SequenceContextSize { get; }

    public int Parallel => _slots.Length;

    public EngineCounters Counters => _statistics.Snapshot();

    /// <summary>Tokenizes as a prompt: BOS when the model wants it, special-token text (chat markers) read as tokens.</summary>
    public int[] Tokenize(string text, bool addSpecial = true, bool parseSpecial = true)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _vocabulary.Tokenize(text, addSpecial, parseSpecial);
    }

    /// <summary>Streams the completion of <paramref name="prompt"/>; the last chunk carries the statistics.</summary>
    /// <exception cref="PromptTooLongException">The prompt does not fit in <see cref="SequenceContextSize"/>.</exception>
    public IAsyncEnumerable<GenerationChunk> GenerateAsync(string prompt, GenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        GenerateAsync(Tokenize(prompt), options, cancellationToken);

    public async IAsyncEnumerable<GenerationChunk> GenerateAsync(IReadOnlyList<int> promptTokens, GenerationOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = Submit([.. promptTokens], options ?? new GenerationOptions(), cancellationToken);
        try
        {
            await foreach (var chunk in request.Output.ReadAllAsync(CancellationToken.None))
            {
                yield return chunk;
            }
        }
        finally
        {
            // A reader that stops early (break, exception) frees the sequence instead of letting it run on.
            if (!request.Output.Completion.IsCompleted)
            {
                request.Cancel(cancellationToken);
                _signal.Set();
            }
        }
    }

    /// <summary>The whole completion at once.</summary>
    public async Task<GenerationResult> GenerateTextAsync(string prompt, GenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var text = new System.Text.StringBuilder();
        GenerationStats? stats = null;
        await foreach (var chunk in GenerateAsync(prompt, options, cancellationToken))
        {
            text.Append(chunk.Text);
            stats = chunk.Stats ?? stats;
        }

        return new GenerationResult(text.ToString(), stats!);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _signal.Set();
        _thread.Join();
        _context.Dispose();
        _signal.Dispose();
    }

    private GenerationRequest Submit(int[] prompt, GenerationOptions options, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (prompt.Length == 0)
        {
            throw new ArgumentException("The prompt is empty.", nameof(prompt));
        }

        if (prompt.Length >= SequenceContextSize)
        {
            throw new PromptTooLongException(prompt.Length, SequenceContextSize);
        }

        var request = new GenerationRequest(prompt, options, SamplerChain.Create(options));
        _statistics.AddRequest();
        request.Watch(() => _signal.Set(), cancellationToken);
        _queue.Enqueue(request);
        _signal.Set();
        LogQueued(_logger, prompt.Length);
        return request;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request queued: {PromptTokens} prompt tokens")]
    private static partial void LogQueued(ILogger logger, int promptTokens);

    [LoggerMessage(Level = LogLevel.Error, Message = "llama_decode failed with {Code}")]
    private static partial void LogDecodeFailed(ILogger logger, int code);
}
