using System.Diagnostics;

namespace PaperBot.Rag.Llm.Local;

/// <summary>The engine's running totals; written by the scheduler, read by anyone.</summary>
internal sealed class EngineStatistics
{
    private readonly Lock _gate = new();
    private long _requests;
    private long _cancelled;
    private long _promptEvaluated;
    private long _promptReused;
    private long _generated;
    private long _decodeCalls;
    private long _promptDecodeTicks;
    private long _generationDecodeTicks;
    private long _sampleTicks;
    private long _busyTicks;

    public void AddRequest() => Interlocked.Increment(ref _requests);

    public void AddCancelled() => Interlocked.Increment(ref _cancelled);

    public void AddGenerated() => Interlocked.Increment(ref _generated);

    public void AddPrompt(int evaluated, int reused)
    {
        lock (_gate)
        {
            _promptEvaluated += evaluated;
            _promptReused += reused;
        }
    }

    public void AddStep(bool hasPrompt, long decodeTicks, long sampleTicks, long busyTicks)
    {
        lock (_gate)
        {
            _decodeCalls++;
            if (hasPrompt)
            {
                _promptDecodeTicks += decodeTicks;
            }
            else
            {
                _generationDecodeTicks += decodeTicks;
            }

            _sampleTicks += sampleTicks;
            _busyTicks += busyTicks;
        }
    }

    public EngineCounters Snapshot()
    {
        lock (_gate)
        {
            return new EngineCounters(
                Interlocked.Read(ref _requests),
                Interlocked.Read(ref _cancelled),
                _promptEvaluated,
                _promptReused,
                Interlocked.Read(ref _generated),
                _decodeCalls,
                Time(_promptDecodeTicks),
                Time(_generationDecodeTicks),
                Time(_sampleTicks),
                Time(_busyTicks));
        }
    }

    private static TimeSpan Time(long ticks) => TimeSpan.FromSeconds(ticks / (double)Stopwatch.Frequency);
}
