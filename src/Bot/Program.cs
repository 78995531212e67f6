using PaperBot.Bot.Cli;

return await PaperBotCli.RunAsync(args);
