using PaperBot.Rag.Llm;
using PaperBot.Rag.Llm.Native;

namespace PaperBot.Rag.Tests.Llm;

/// <summary>The plainest greedy loop on the C API (one sequence, argmax over the logits), to check the engine against.</summary>
internal static unsafe class ReferenceDecoder
{
    public static List<int> Greedy(LlamaModel model, int[] prompt, int maxTokens)
    {
        var parameters = LlamaNative.llama_context_default_params();
        parameters.NCtx = 1024;
        parameters.NBatch = 512;
        parameters.NUbatch = 512;
        parameters.NSeqMax = 1;
        parameters.NThreads = 1;
        parameters.NThreadsBatch = 1;
        using var context = SafeLlamaContextHandle.Create(model.Handle, parameters)!;
        using var batch = new NativeBatch(512);
        var vocabSize = model.Info.VocabularySize;
        var output = new List<int>();
        for (var i = 0; i < prompt.Length; i++)
        {
            batch.Add(prompt[i], i, 0, output: i == prompt.Length - 1);
        }

        var position = prompt.Length;
        while (output.Count < maxTokens)
        {
            Assert.Equal(0, LlamaNative.llama_decode(context, batch.Native));
            var logits = new ReadOnlySpan<float>(LlamaNative.llama_get_logits_ith(context, batch.Count - 1), vocabSize);
            var token = logits.IndexOf(System.Numerics.Tensors.TensorPrimitives.Max(logits));
            if (model.IsEndOfGeneration(token))
            {
                break;
            }

            output.Add(token);
            batch.Clear();
            batch.Add(token, position++, 0, output: true);
        }

        return output;
    }
}
