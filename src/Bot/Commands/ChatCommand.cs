using System.CommandLine;
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
        }, ct, builder => builder.Services.AddPaperBotChat(builder.Configuration)));
        return command;
    }
}
