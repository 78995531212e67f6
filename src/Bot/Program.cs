using PaperBot.Bot.Cli;

var parse = PaperBotCli.Build().Parse(args);
return await parse.InvokeAsync(PaperBotCli.InvocationFor(parse));
