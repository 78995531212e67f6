using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PaperBot.Bot.Chat;
using PaperBot.Bot.Cli;
using PaperBot.Rag.Answering.Retrieval;

namespace PaperBot.Bot.Commands;

/// <summary><c>paperbot chat</c>: the console chat (questions with follow-ups, slash commands).</summary>
public static class ChatCommand
{
    public const string Name = "chat";

    public static Command Create()
    {
        var command = new Command(Name, "Chat about the indexed papers: questions, follow-ups and /commands (type /help)");
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, null, async (ctx, token) =>
        {
            ctx.Index();
            await EmbeddingProgressBar.RunAsync(ctx.Output.Status, ctx.Get<Retriever>(), token);
            return await ChatTerminal.RunAsync(ctx, token);
        }, ct, Configure));
        return command;
    }

    private static void Configure(HostApplicationBuilder builder)
    {
        builder.Services.AddPaperBotChat(builder.Configuration);
        if (!Console.IsInputRedirected && !Console.IsOutputRedirected)
        {
            // llama.cpp's load-time warnings (routed through LlamaModel's logger) would tear the progress bar and
            // the streamed answer; a failed load still reports them in its error message.
            builder.Logging.AddFilter("PaperBot.Rag.Llm.Local.LlamaModel", LogLevel.Error);
        }
    }
}
