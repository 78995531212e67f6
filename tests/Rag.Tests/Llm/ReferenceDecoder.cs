using LLama.Native;
using PaperBot.Rag.Llm.Local;

namespace PaperBot.Rag.Tests.Llm;

/// <summary>The plainest greedy loop on LLamaSharp's handles (one sequence, argmax over the logits), to check the engine against.</summary>
internal static class ReferenceDecoder
{
    public static List<int> Greedy(LlamaModel model, int[] prompt, int maxTokens)
    {
        var parameters = LLamaContextParams.Default();
        parameters.n_ctx = 1024;
        parameters.n_batch = 512;
        parameters.n_ubatch = 512;
        parameters.n_seq_max = 1;
        parameters.n_threads = 1;
        parameters.n_threads_batch = 1;
        using var context = SafeLLamaContextHandle.Create(model.Handle, parameters);
        var batch = new LLamaBatch();
        var output = new List<int>();
        for (var i = 0; i < prompt.Length; i++)
        {
            batch.Add(prompt[i], i, LLamaSeqId.Zero, logits: i == prompt.Length - 1);
        }

        var position = prompt.Length;
        while (output.Count < maxTokens)
        {
            Assert.Equal(DecodeResult.Ok, context.Decode(batch));
            var logits = context.GetLogitsIth(batch.TokenCount - 1);
            var token = ((ReadOnlySpan<float>)logits).IndexOf(System.Numerics.Tensors.TensorPrimitives.Max(logits));
            if (model.IsEndOfGeneration(token))
            {
                break;
            }

            output.Add(token);
            batch.Clear();
            batch.Add(token, position++, LLamaSeqId.Zero, logits: true);
        }

        return output;
    }
}
