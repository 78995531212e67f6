using System.CommandLine;
using System.Globalization;
using PaperBot.Bot.Cli;
using PaperBot.Rag;
using PaperBot.Rag.Llm;
using PaperBot.Rag.Llm.Local.Gguf;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary><c>paperbot models</c>: the GGUF files under models/ with their metadata, read from the header only.</summary>
public static class ModelsCommand
{
    public static Command Create()
    {
        var json = CommandRunner.JsonOption();
        var command = new Command("models", "List the GGUF models under models/, the model servers and which are used") { json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, async (ctx, token) =>
        {
            var servers = await ModelServers.ProbeAsync(ctx.Services, token);
            var folder = ctx.Get<PaperBotPaths>().Resolve("models");
            var setup = ctx.Get<ModelSetup>();
            // Model files configured outside models/ (Llm:ModelPath, Embeddings:ModelPath) are listed with the folder's.
            var files = Files(folder);
            var used = new[] { setup.ChatModelPath, setup.EmbeddingModelPath }.OfType<string>();
            var rows = files.Concat(used.Where(p => !files.Contains(p, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal))
                .Select(f => Describe(f, folder, setup)).ToList();
            if (ctx.Json)
            {
                ctx.Output.WriteJson(new
                {
                    folder,
                    chat_model = setup.ChatModelPath,
                    chat_model_reason = setup.ChatModelReason,
                    embedding_model = setup.EmbeddingModelPath,
                    models = rows,
                    chat_provider = setup.ChatProvider,
                    chat_servers = servers.Chat?.Select(ModelServers.Json),
                    embedding_provider = setup.EmbeddingsProvider,
                    embedding_servers = servers.Embeddings?.Select(ModelServers.Json),
                });
                return ExitCodes.Success;
            }

            if (rows.Count == 0)
            {
                // What answers is said once, by the "Chat model" line below.
                ctx.Output.Results.MarkupLineInterpolated($"[yellow]No GGUF files in {folder}.[/] See models/README.md for models to put there.");
            }
            else
            {
                var table = new Table().AddColumns("File", "Architecture", "Parameters", "Type", "Context", "Chat template", "Use");
                foreach (var r in rows)
                {
                    table.AddRow(Markup.Escape(r.File), Markup.Escape(r.Architecture ?? "?"), r.Parameters, Markup.Escape(r.Type ?? "?"),
                        r.Context?.ToString(CultureInfo.InvariantCulture) ?? "?", r.ChatTemplate ? "yes" : "no", Markup.Escape(r.Use ?? r.Error ?? ""));
                }

                ctx.Output.Results.Write(table);
            }

            if (servers.Chat is null && setup.ChatModelPath is { } chat)
            {
                ctx.Output.Results.MarkupLineInterpolated($"Chat model: {chat} ({(setup.ChatModelReason == "configured" ? "Llm:ModelPath" : setup.ChatModelReason)})");
            }
            else if (servers.Chat is null)
            {
                ctx.Output.Results.MarkupLineInterpolated($"Chat model: none, answers are extractive ({setup.ChatModelReason})");
            }
            else
            {
                ctx.Output.Results.MarkupLine("Chat model: the model servers (Llm:Provider openai)");
                ctx.Output.Results.Write(ModelServers.Table(servers.Chat));
            }

            if (servers.Embeddings is not null)
            {
                ctx.Output.Results.MarkupLine("Embeddings: the embedding servers (Embeddings:Provider openai)");
                ctx.Output.Results.Write(ModelServers.Table(servers.Embeddings));
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static List<string> Files(string folder)
    {
        try
        {
            return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.gguf").Order(StringComparer.Ordinal).ToList() : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{folder} cannot be read ({e.Message.TrimEnd('.')})", e);
        }
    }

    /// <summary>A file under models/ is named relative to it; a configured one elsewhere by its full path.</summary>
    private static ModelRow Describe(string path, string folder, ModelSetup setup)
    {
        var name = Path.GetRelativePath(folder, path) is var relative && !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative)
            ? relative
            : path;
        var use = string.Equals(path, setup.ChatModelPath, StringComparison.Ordinal) ? "chat"
            : string.Equals(path, setup.EmbeddingModelPath, StringComparison.Ordinal) ? "embeddings" : null;
        try
        {
            var gguf = GgufFile.Read(path);
            return new ModelRow(name, gguf.Architecture, FormatCount(gguf.ParameterCount), gguf.MainTensorType?.ToString(),
                gguf.ContextLength, gguf.ChatTemplate is not null, new FileInfo(path).Length, use, null);
        }
        catch (Exception e) when (e is GgufFormatException or IOException or UnauthorizedAccessException)
        {
            return new ModelRow(name, null, "?", null, null, false, new FileInfo(path).Length, use, $"unreadable: {e.Message}");
        }
    }

    private static string FormatCount(long count) => count switch
    {
        >= 1_000_000_000 => $"{count / 1e9:0.0}B",
        >= 1_000_000 => $"{count / 1e6:0.0}M",
        _ => count.ToString(CultureInfo.InvariantCulture),
    };

    private sealed record ModelRow(string File, string? Architecture, string Parameters, string? Type, long? Context, bool ChatTemplate, long Bytes, string? Use, string? Error);
}
