using System.Diagnostics;
using System.Threading.Channels;
using LLama.Native;
using PaperBot.Rag.Llm.Local;

namespace PaperBot.Rag.Llm;

/// <summary>A request's state; the scheduler thread owns everything but <see cref="Cancel"/>.</summary>
internal sealed class GenerationRequest : IDisposable
{
    private readonly Channel<GenerationChunk> _output = Channel.CreateUnbounded<GenerationChunk>(new UnboundedChannelOptions { SingleReader = true });
    private CancellationTokenRegistration _registration;
    private volatile bool _cancelled;

    public GenerationRequest(int[] prompt, GenerationOptions options, SafeLLamaSamplerChainHandle sampler)
    {
        Prompt = prompt;
        Options = options;
        Sampler = sampler;
        Streamer = new TextStreamer(options.StopSequences);
    }

    public int[] Prompt { get; }

    public GenerationOptions Options { get; }

    public SafeLLamaSamplerChainHandle Sampler { get; }

    public TextStreamer Streamer { get; }

    public ChannelReader<GenerationChunk> Output => _output.Reader;

    public long StartedAt { get; } = Stopwatch.GetTimestamp();

    public long FirstTokenAt { get; set; }

    public SequenceSlot? Slot { get; set; }

    /// <summary>Index of the next prompt token to evaluate.</summary>
    public int PromptPosition { get; set; }

    public int PromptTokensReused { get; set; }

    /// <summary>The sampled token still to be fed back, or -1.</summary>
    public int NextToken { get; set; } = -1;

    /// <summary>This step's output index in the batch, or -1.</summary>
    public int OutputIndex { get; set; } = -1;

    /// <summary>How many tokens this step's batch holds for this request.</summary>
    public int StepTokens { get; set; }

    public List<int> OutputTokens { get; } = [];

    public bool IsCancelled => _cancelled;

    public void Watch(Action wake, CancellationToken cancellationToken) =>
        _registration = cancellationToken.Register(() =>
        {
            Cancel(cancellationToken);
            wake();
        });

    /// <summary>Ends the stream for the reader at once; the scheduler frees the sequence on its next turn.</summary>
    public void Cancel(CancellationToken cancellationToken = default)
    {
        _cancelled = true;
        _output.Writer.TryComplete(new OperationCanceledException(cancellationToken));
    }

    public void Write(string text)
    {
        if (text.Length > 0)
        {
            _output.Writer.TryWrite(new GenerationChunk(text));
        }
    }

    public void Complete(GenerationStats stats)
    {
        _output.Writer.TryWrite(new GenerationChunk("", stats));
        _output.Writer.TryComplete();
    }

    public void Fail(Exception error) => _output.Writer.TryComplete(error);

    public void Dispose()
    {
        _registration.Dispose();
        Sampler.Dispose();
    }
}
