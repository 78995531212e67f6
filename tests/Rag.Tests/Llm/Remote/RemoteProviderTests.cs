using System.ClientModel;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Rag.Answering;
using PaperBot.Rag.Llm;
using PaperBot.Rag.Llm.Remote;
using PaperBot.TestSupport.Models;
using PaperBot.TestSupport.Remote;

namespace PaperBot.Rag.Tests.Llm.Remote;

/// <summary>
/// The openai provider against two real llama-server instances on 127.0.0.1 serving a tiny random-weight model
/// (the text is noise; the HTTP, streaming, failover and packing paths are real).
/// </summary>
[Trait(LlamaTools.Trait, LlamaTools.TraitValue)]
[Collection(LlamaTestGroup.Name)]
public sealed class RemoteProviderTests(LlamaModels models)
{
    private const string ApiKey = "sk-test-9f1c2e7d-never-logged";

    private const string Question = "How many multiple choice questions does SEED-Bench have?";

    [Fact]
    public async Task Answers_stream_in_model_mode_through_two_servers_and_spread_over_both()
    {
        using var plain = await LlamaServerProcess.StartAsync(models.Llama);
        using var keyed = await LlamaServerProcess.StartAsync(models.Llama, apiKey: ApiKey);
        using var rag = new RemoteRag([(plain.Url, null), (keyed.Url, ApiKey)]);
        var answerer = rag.Services.GetRequiredService<Answerer>();

        var pieces = 0;
        await foreach (var update in answerer.StreamAsync(new AnswerRequest(Question)))
        {
            pieces += update.Result is null ? 1 : 0;
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => answerer.AskAsync(new AnswerRequest(Question))));

        Assert.True(pieces > 1, "the answer should arrive in several pieces");
        Assert.All(answers, a => Assert.True(a.Mode == AnswerMode.Model && a.Complete, a.Failure));
        var status = rag.Services.GetRequiredKeyedService<EndpointPool>(RemoteServiceCollectionExtensions.ChatPoolKey).Status();
        Assert.All(status, s => Assert.True(s.Served >= 2, $"{s.Url} served {s.Served} of 7"));
        // Seven answers, each served once; a lease beyond that must be an attempt that failed and was retried elsewhere.
        Assert.True(status.Sum(s => s.Served - s.Failures) == 7,
            string.Join("; ", status.Select(s => $"{s.Url}: {s.Served} served, {s.Failures} failed, last error {s.LastError}")));
        // A server the pool saw fail (a connection refused under load) is marked down and its requests go to the
        // other; one that never failed stays healthy.
        Assert.All(status, s => Assert.True(s.Health == EndpointHealth.Healthy || s.Failures > 0, $"{s.Url}: {s.Health} without a failure"));
        Assert.DoesNotContain(ApiKey, rag.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_key_reaches_the_server_and_a_wrong_one_is_refused_without_failover()
    {
        using var keyed = await LlamaServerProcess.StartAsync(models.Llama, apiKey: ApiKey);
        using var good = new RemoteRag([(keyed.Url, ApiKey)]);
        using var bad = new RemoteRag([(keyed.Url, "sk-wrong")]);

        var answer = await good.Services.GetRequiredService<IChatClient>().GetResponseAsync("Say something.");
        var refused = await Assert.ThrowsAsync<ClientResultException>(() => bad.Services.GetRequiredService<IChatClient>().GetResponseAsync("Say something."));

        Assert.NotEmpty(answer.Text);
        Assert.Equal(401, refused.Status);
        var pool = bad.Services.GetRequiredKeyedService<EndpointPool>(RemoteServiceCollectionExtensions.ChatPoolKey);
        Assert.NotEqual(EndpointHealth.Down, pool.Status()[0].Health);
        Assert.DoesNotContain(ApiKey, good.Logs.All + bad.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    [Trait(TestSpeed.Trait, TestSpeed.Slow)]
    public async Task A_server_killed_mid_answer_ends_it_incomplete_and_the_next_answers_come_from_the_other()
    {
        // A long answer from a wider model, so that the kill lands while the server is still writing: the tiny
        // model on an idle machine finishes a short answer before the client has read its first piece.
        var slow = Path.Combine(models.Folder, "wider-llama.gguf");
        if (!File.Exists(slow))
        {
            RandomModelFactory.Write(slow, RandomModelSpec.TinyLlama() with { Layers = 4, Embedding = 256, FeedForward = 1024, ContextLength = 8192 });
        }

        using var first = await LlamaServerProcess.StartAsync(slow, parallel: 1, contextSize: 8192);
        using var second = await LlamaServerProcess.StartAsync(slow, parallel: 1, contextSize: 8192);
        using var rag = new RemoteRag([(first.Url, null), (second.Url, null)], new Dictionary<string, string?> { ["Llm:MaxAnswerTokens"] = "6000" });
        var answerer = rag.Services.GetRequiredService<Answerer>();

        // The first request goes to the first server (fewest served); kill it as soon as text has arrived.
        AnswerResult? interrupted = null;
        await foreach (var update in answerer.StreamAsync(new AnswerRequest(Question)).WithCancellation(CancellationToken.None))
        {
            if (update.Result is null && !first.HasExited)
            {
                first.Kill();
            }

            interrupted = update.Result ?? interrupted;
        }

        // Failover is judged by the next answer's first text, not its end: a long answer on a loaded machine takes a while.
        var clock = Stopwatch.StartNew();
        TimeSpan? failover = null;
        AnswerResult? next = null;
        await foreach (var update in answerer.StreamAsync(new AnswerRequest(Question)))
        {
            failover ??= clock.Elapsed;
            next = update.Result ?? next;
        }

        Assert.NotNull(interrupted);
        Assert.False(interrupted.Complete);
        Assert.Contains("[Incomplete answer:", interrupted.Text, StringComparison.Ordinal);
        Assert.NotNull(next);
        Assert.True(next.Complete && next.Mode == AnswerMode.Model, next.Failure);
        var status = rag.Services.GetRequiredKeyedService<EndpointPool>(RemoteServiceCollectionExtensions.ChatPoolKey).Status();
        Assert.Equal(EndpointHealth.Down, status[0].Health);
        Assert.Equal(EndpointHealth.Healthy, status[1].Health);
        Assert.True(failover < TimeSpan.FromSeconds(30), $"the next answer's first text took {failover}");
    }

    [Fact]
    public async Task With_every_server_down_the_answer_is_extractive_with_a_notice_and_quick()
    {
        var first = await LlamaServerProcess.StartAsync(models.Llama);
        var second = await LlamaServerProcess.StartAsync(models.Llama);
        using var rag = new RemoteRag([(first.Url, null), (second.Url, null)]);
        using var strict = new RemoteRag([(first.Url, null), (second.Url, null)], new Dictionary<string, string?> { ["Llm:FallbackToExtractive"] = "false" });
        first.Dispose();
        second.Dispose();

        var clock = Stopwatch.StartNew();
        var fallback = await rag.Services.GetRequiredService<Answerer>().AskAsync(new AnswerRequest(Question));
        var elapsed = clock.Elapsed;
        var failed = await strict.Services.GetRequiredService<Answerer>().AskAsync(new AnswerRequest(Question));

        Assert.Equal(AnswerMode.Extractive, fallback.Mode);
        Assert.True(fallback.Complete);
        Assert.Contains(fallback.Notices, n => n.Contains("No model could answer", StringComparison.Ordinal) && n.Contains("unreachable", StringComparison.Ordinal));
        Assert.NotEmpty(fallback.Sources);
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"took {elapsed}");
        Assert.False(failed.Complete);
        Assert.Contains("unreachable", failed.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_health_probe_brings_a_restarted_server_back_into_the_rotation()
    {
        var server = await LlamaServerProcess.StartAsync(models.Llama);
        var port = server.Port;
        using var rag = new RemoteRag([(server.Url, null)]);
        var chat = rag.Services.GetRequiredService<IChatClient>();
        var pool = rag.Services.GetRequiredKeyedService<EndpointPool>(RemoteServiceCollectionExtensions.ChatPoolKey);
        server.Dispose();

        await Assert.ThrowsAsync<PaperBot.Rag.Llm.ModelUnavailableException>(() => chat.GetResponseAsync("Say something."));
        Assert.Equal(EndpointHealth.Down, pool.Status()[0].Health);
        using var restarted = await LlamaServerProcess.StartAsync(models.Llama, port: port);
        var deadline = Stopwatch.StartNew();
        while (pool.Status()[0].Health == EndpointHealth.Down && deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(100);
        }

        Assert.Equal(EndpointHealth.Healthy, pool.Status()[0].Health);
        Assert.NotEmpty((await chat.GetResponseAsync("Say something.")).Text);
    }

    [Fact]
    public async Task Tokens_are_counted_by_the_server_and_the_context_size_comes_from_it()
    {
        using var server = await LlamaServerProcess.StartAsync(models.Llama, parallel: 2, contextSize: 4096);
        using var asked = new RemoteRag([(server.Url, null)]);
        using var configured = new RemoteRag([(server.Url, null)], new Dictionary<string, string?> { ["Llm:Endpoints:0:ContextSize"] = "1024" });
        var tokens = asked.Services.GetRequiredService<ITokenCounter>();

        // The llama SPM vocabulary: "▁Hello" and "▁world" are single tokens; the estimate would say 4.
        Assert.Equal(2, tokens.CountTokens("Hello world"));
        Assert.Equal(4, new CharacterTokenEstimate(4096).CountTokens("Hello world"));
        Assert.Equal(2048, tokens.ContextSize);
        Assert.Equal(1024, configured.Services.GetRequiredService<ITokenCounter>().ContextSize);
    }

    [Fact]
    public async Task Embeddings_come_from_the_servers_in_batches()
    {
        using var first = await LlamaServerProcess.StartAsync(models.Bert, contextSize: 512, parallel: 1, embeddings: true);
        using var second = await LlamaServerProcess.StartAsync(models.Bert, contextSize: 512, parallel: 1, embeddings: true);
        using var rag = new RemoteRag([(first.Url, null)], new Dictionary<string, string?>
        {
            ["Embeddings:Provider"] = "openai",
            ["Embeddings:RequestBatchSize"] = "2",
            ["Embeddings:Endpoints:0:Url"] = first.Url,
            ["Embeddings:Endpoints:0:Model"] = "bert",
            ["Embeddings:Endpoints:1:Url"] = second.Url,
            ["Embeddings:Endpoints:1:Model"] = "bert",
        });
        var generator = rag.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        string[] texts = ["diffusion models", "retrieval augmented generation", "benchmarks", "speech", "robots"];

        var embeddings = await generator.GenerateAsync(texts);

        Assert.Equal(texts.Length, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(embeddings[0].Vector.Length, e.Vector.Length));
        Assert.True(embeddings[0].Vector.Length > 0);
        Assert.NotEqual(embeddings[0].Vector.ToArray(), embeddings[1].Vector.ToArray());
        var status = rag.Services.GetRequiredKeyedService<EndpointPool>(RemoteServiceCollectionExtensions.EmbeddingsPoolKey).Status();
        Assert.Equal(3, status.Sum(s => s.Served));
        Assert.All(status, s => Assert.True(s.Served >= 1, $"{s.Url} served {s.Served} batches"));
    }
}
