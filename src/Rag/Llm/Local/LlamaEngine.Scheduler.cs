using System.Diagnostics;
using LLama.Native;

namespace PaperBot.Rag.Llm.Local;

public sealed partial class LlamaEngine
{
    private readonly List<GenerationRequest> _active = [];
    private readonly List<GenerationRequest> _finished = [];
    private readonly byte[] _piece = new byte[LlamaVocabulary.MaxPieceBytes];

    private void Run()
    {
        while (true)
        {
            _signal.Reset();
            if (_disposed)
            {
                break;
            }

            Admit();
            ReleaseCancelled();
            if (_active.Count == 0)
            {
                if (_queue.IsEmpty)
                {
                    _signal.Wait();
                }

                continue;
            }

            try
            {
                Step();
            }
            catch (Exception e) when (e is LlamaException or InvalidOperationException or ArgumentException)
            {
                // The scheduler thread must survive a bad step: fail the requests in flight, keep serving.
                FailActive(e);
            }
        }

        var error = new ObjectDisposedException(nameof(LlamaEngine), "The engine was disposed while the request was running.");
        foreach (var request in _active.Concat(_queue))
        {
            request.Fail(error);
            request.Dispose();
        }
    }

    /// <summary>Moves queued requests into free slots, each into the slot whose cache shares the longest prefix.</summary>
    private void Admit()
    {
        while (_active.Count < _slots.Length && _queue.TryDequeue(out var request))
        {
            if (request.IsCancelled)
            {
                _statistics.AddCancelled();
                request.Dispose();
                continue;
            }

            SequenceSlot? best = null;
            var bestPrefix = -1;
            foreach (var slot in _slots)
            {
                if (slot.Active is not null)
                {
                    continue;
                }

                var prefix = slot.CommonPrefix(request.Prompt);
                // On a tie, take the slot with less cached: its cache is the cheaper one to lose.
                if (prefix > bestPrefix || (prefix == bestPrefix && slot.Cached.Count < best!.Cached.Count))
                {
                    best = slot;
                    bestPrefix = prefix;
                }
            }

            Attach(best!, request, bestPrefix);
        }
    }

    private void Attach(SequenceSlot slot, GenerationRequest request, int prefix)
    {
        // The last prompt token is always evaluated again: its logits are what the first sample needs.
        var keep = Math.Min(prefix, request.Prompt.Length - 1);
        if (keep < slot.Cached.Count)
        {
            _context.MemorySequenceRemove((LLamaSeqId)slot.Id, keep, -1);
            if (_context.MemorySequenceMaxPosition((LLamaSeqId)slot.Id).Value >= keep)
            {
                // Some memory kinds (recurrent) cannot drop a tail (LLamaSharp drops llama.cpp's answer, so the
                // cache is asked); dropping the whole sequence always works.
                _context.MemorySequenceRemove((LLamaSeqId)slot.Id, -1, -1);
                keep = 0;
            }

            slot.Cached.RemoveRange(keep, slot.Cached.Count - keep);
        }

        slot.Active = request;
        request.Slot = slot;
        request.PromptPosition = keep;
        request.PromptTokensReused = keep;
        _statistics.AddPrompt(evaluated: request.Prompt.Length - keep, reused: keep);
        _active.Add(request);
    }

    private void ReleaseCancelled()
    {
        for (var i = _active.Count - 1; i >= 0; i--)
        {
            var request = _active[i];
            if (!request.IsCancelled)
            {
                continue;
            }

            var slot = request.Slot!;
            _context.MemorySequenceRemove((LLamaSeqId)slot.Id, -1, -1);
            slot.Cached.Clear();
            slot.Active = null;
            _active.RemoveAt(i);
            _statistics.AddCancelled();
            request.Dispose();
        }
    }

    private void Step()
    {
        var started = Stopwatch.GetTimestamp();
        var hasPrompt = FillBatch();
        var decodeStarted = Stopwatch.GetTimestamp();
        var code = _context.Decode(_batch);
        var decodeEnded = Stopwatch.GetTimestamp();
        if (code != DecodeResult.Ok)
        {
            FailBatch(code);
            return;
        }

        var sampleTicks = 0L;
        foreach (var request in _active)
        {
            var slot = request.Slot!;
            if (request.NextToken >= 0)
            {
                slot.Cached.Add(request.NextToken);
                request.NextToken = -1;
            }
            else
            {
                slot.Cached.AddRange(request.Prompt.AsSpan(request.PromptPosition, request.StepTokens));
                request.PromptPosition += request.StepTokens;
            }

            request.StepTokens = 0;
            if (request.OutputIndex < 0)
            {
                continue;
            }

            var sampleStarted = Stopwatch.GetTimestamp();
            var token = (int)request.Sampler.Sample(_context, request.OutputIndex);
            sampleTicks += Stopwatch.GetTimestamp() - sampleStarted;
            request.OutputIndex = -1;
            Accept(request, token);
        }

        foreach (var request in _finished)
        {
            _active.Remove(request);
            request.Slot!.Active = null;
            request.Dispose();
        }

        _finished.Clear();
        _statistics.AddStep(hasPrompt, decodeEnded - decodeStarted, sampleTicks, Stopwatch.GetTimestamp() - started);
    }

    /// <summary>Next-token inputs first (they keep streams flowing), then prompt chunks while room is left.</summary>
    private bool FillBatch()
    {
        _batch.Clear();
        foreach (var request in _active)
        {
            if (request.NextToken >= 0)
            {
                request.OutputIndex = _batch.Add(request.NextToken, request.Slot!.Cached.Count, (LLamaSeqId)request.Slot.Id, logits: true);
                request.StepTokens = 1;
            }
        }

        var hasPrompt = false;
        foreach (var request in _active)
        {
            var remaining = request.Prompt.Length - request.PromptPosition;
            var room = _batchCapacity - _batch.TokenCount;
            if (request.NextToken >= 0 || remaining == 0 || room == 0)
            {
                continue;
            }

            var take = Math.Min(remaining, room);
            var slot = request.Slot!;
            for (var i = 0; i < take; i++)
            {
                var position = request.PromptPosition + i;
                var last = position == request.Prompt.Length - 1;
                var index = _batch.Add(request.Prompt[position], position, (LLamaSeqId)slot.Id, logits: last);
                if (last)
                {
                    request.OutputIndex = index;
                }
            }

            request.StepTokens = take;
            hasPrompt = true;
        }

        return hasPrompt;
    }

    private void Accept(GenerationRequest request, int token)
    {
        if (request.FirstTokenAt == 0)
        {
            request.FirstTokenAt = Stopwatch.GetTimestamp();
        }

        _statistics.AddGenerated();
        if (_vocabulary.IsEndOfGeneration(token))
        {
            Finish(request, GenerationFinishReason.EndOfGeneration);
            return;
        }

        request.OutputTokens.Add(token);
        var length = _vocabulary.TokenToPiece(token, _piece);
        request.Write(request.Streamer.Push(_piece.AsSpan(0, length)));
        if (request.Streamer.Stopped)
        {
            Finish(request, GenerationFinishReason.StopSequence);
        }
        else if (request.OutputTokens.Count >= request.Options.MaxTokens)
        {
            Finish(request, GenerationFinishReason.MaxTokens);
        }
        else if (request.Slot!.Cached.Count + 1 >= SequenceContextSize)
        {
            Finish(request, GenerationFinishReason.ContextFull);
        }
        else
        {
            request.NextToken = token;
        }
    }

    private void Finish(GenerationRequest request, GenerationFinishReason reason)
    {
        request.Write(request.Streamer.Flush());
        var now = Stopwatch.GetTimestamp();
        request.Complete(new GenerationStats(
            request.Prompt.Length,
            request.PromptTokensReused,
            request.OutputTokens.Count,
            reason,
            Stopwatch.GetElapsedTime(request.StartedAt, request.FirstTokenAt),
            Stopwatch.GetElapsedTime(request.StartedAt, now),
            request.OutputTokens));
        _finished.Add(request);
    }

    private void FailBatch(DecodeResult code)
    {
        LogDecodeFailed(_logger, (int)code);
        FailActive(new LlamaException(code == DecodeResult.NoKvSlot
            ? "llama_decode found no room in the KV cache for this batch."
            : $"llama_decode failed with code {(int)code} ({code})."));
    }

    private void FailActive(Exception error)
    {
        foreach (var request in _active)
        {
            var slot = request.Slot!;
            _context.MemorySequenceRemove((LLamaSeqId)slot.Id, -1, -1);
            slot.Cached.Clear();
            slot.Active = null;
            request.Fail(error);
            request.Dispose();
        }

        _active.Clear();
        _finished.Clear();
    }
}
