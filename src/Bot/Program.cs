using PaperBot.Bot.Commands;


return await PaperBotCli.RunAsync(args);
