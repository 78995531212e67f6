using PaperBot.Bot.Cli;

return await PaperBotCli.Build().Parse(args).InvokeAsync();
