using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using PaperBot.Rag.Llm.Native;

namespace PaperBot.Rag.Tests.Llm;

/// <summary>
/// Compiles a C program against the pinned llama.h and compares sizeof/offsetof with the C# mirrors. With
/// runtime marshalling disabled the structs cross as they are in memory, so Unsafe.SizeOf is what counts.
/// </summary>
public sealed unsafe class StructLayoutTests
{
    private static readonly Lazy<Dictionary<string, long>> Native = new(CompileAndRun);

    public static TheoryData<string, long> Managed => new()
    {
        { "sizeof(struct llama_model_params)", sizeof(LlamaModelParams) },
        { "offsetof(struct llama_model_params, n_gpu_layers)", Offset<LlamaModelParams>(p => &p->NGpuLayers) },
        { "offsetof(struct llama_model_params, load_mode)", Offset<LlamaModelParams>(p => &p->LoadMode) },
        { "offsetof(struct llama_model_params, progress_callback)", Offset<LlamaModelParams>(p => &p->ProgressCallback) },
        { "offsetof(struct llama_model_params, progress_callback_user_data)", Offset<LlamaModelParams>(p => &p->ProgressCallbackUserData) },
        { "offsetof(struct llama_model_params, vocab_only)", Offset<LlamaModelParams>(p => &p->VocabOnly) },
        { "offsetof(struct llama_model_params, load_mtp)", Offset<LlamaModelParams>(p => &p->LoadMtp) },
        { "sizeof(struct llama_context_params)", sizeof(LlamaContextParams) },
        { "offsetof(struct llama_context_params, n_seq_max)", Offset<LlamaContextParams>(p => &p->NSeqMax) },
        { "offsetof(struct llama_context_params, n_threads)", Offset<LlamaContextParams>(p => &p->NThreads) },
        { "offsetof(struct llama_context_params, pooling_type)", Offset<LlamaContextParams>(p => &p->PoolingType) },
        { "offsetof(struct llama_context_params, flash_attn_type)", Offset<LlamaContextParams>(p => &p->FlashAttnType) },
        { "offsetof(struct llama_context_params, cb_eval)", Offset<LlamaContextParams>(p => &p->CbEval) },
        { "offsetof(struct llama_context_params, type_k)", Offset<LlamaContextParams>(p => &p->TypeK) },
        { "offsetof(struct llama_context_params, abort_callback)", Offset<LlamaContextParams>(p => &p->AbortCallback) },
        { "offsetof(struct llama_context_params, embeddings)", Offset<LlamaContextParams>(p => &p->Embeddings) },
        { "offsetof(struct llama_context_params, kv_unified)", Offset<LlamaContextParams>(p => &p->KvUnified) },
        { "offsetof(struct llama_context_params, samplers)", Offset<LlamaContextParams>(p => &p->Samplers) },
        { "offsetof(struct llama_context_params, ctx_other)", Offset<LlamaContextParams>(p => &p->CtxOther) },
        { "sizeof(struct llama_batch)", sizeof(LlamaBatch) },
        { "offsetof(struct llama_batch, token)", Offset<LlamaBatch>(p => &p->Token) },
        { "offsetof(struct llama_batch, seq_id)", Offset<LlamaBatch>(p => &p->SeqId) },
        { "offsetof(struct llama_batch, logits)", Offset<LlamaBatch>(p => &p->Logits) },
        { "sizeof(struct llama_chat_message)", sizeof(LlamaChatMessage) },
        { "sizeof(struct llama_sampler_chain_params)", sizeof(LlamaSamplerChainParams) },
        { "sizeof(struct ggml_threadpool_params)", sizeof(GgmlThreadpoolParams) },
        { "offsetof(struct ggml_threadpool_params, n_threads)", Offset<GgmlThreadpoolParams>(p => &p->NThreads) },
        { "offsetof(struct ggml_threadpool_params, poll)", Offset<GgmlThreadpoolParams>(p => &p->Poll) },
        { "offsetof(struct ggml_threadpool_params, paused)", Offset<GgmlThreadpoolParams>(p => &p->Paused) },
    };

    [Theory]
    [MemberData(nameof(Managed))]
    public void Mirror_matches_the_header(string expression, long managed)
    {
        Assert.True(Native.Value.TryGetValue(expression, out var native), $"{expression} not measured");
        Assert.Equal(native, managed);
    }

    private static long Offset<T>(FieldOf<T> field)
        where T : unmanaged
    {
        var value = default(T);
        return (byte*)field(&value) - (byte*)&value;
    }

    private delegate void* FieldOf<T>(T* p)
        where T : unmanaged;

    private static Dictionary<string, long> CompileAndRun()
    {
        var folder = Directory.CreateTempSubdirectory("paperbot-layout-").FullName;
        var source = Path.Combine(folder, "layout.c");
        var lines = Managed.Select(row => (string)row[0]).Select(e => $"    printf(\"%s=%zu\\n\", \"{e}\", (size_t)({e}));");
        File.WriteAllText(source, "#include <stdio.h>\n#include <stddef.h>\n#include \"llama.h\"\nint main(void) {\n" + string.Join("\n", lines) + "\n    return 0;\n}\n");
        var binary = Path.Combine(folder, "layout");
        Run("cc", $"-I \"{Path.Combine(LlamaModels.FixtureFolder, "include")}\" -o \"{binary}\" \"{source}\"");
        var output = Run(binary, "");
        Directory.Delete(folder, recursive: true);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('='))
            .ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture));
    }

    private static string Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} failed: {error}");
        return output;
    }
}
