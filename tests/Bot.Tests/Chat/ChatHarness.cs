using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PaperBot.Bot.Chat;
using PaperBot.Bot.Cli;
using PaperBot.Bot.Tests.Cli;
using PaperBot.Rag.Hosting;
using PaperBot.TestSupport.Chat;

namespace PaperBot.Bot.Tests.Chat;

/// <summary>
/// The chat's real services (index of the sample corpus in a private folder, answering, digest) with a
/// scripted model, or none; each <see cref="Run"/> drives a new chat loop over a string of input.
/// </summary>
internal sealed class ChatHarness : IDisposable
{
    private readonly IHost _host;

    public ChatHarness(bool withModel, IDictionary<string, string?>? settings = null)
    {
        Folder = Path.Combine(TestPaths.ScratchRoot, "chat-" + Guid.NewGuid().ToString("N"));
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = TestPaths.RepoRoot });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Data:Directory"] = Folder,
            ["Data:SeedDirectory"] = TestPaths.SeedDirectory,
            ["Llm:ModelPath"] = "",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddLogging();
        builder.Services.AddPaperBotRag(builder.Configuration, TestPaths.RepoRoot);
        if (withModel)
        {
            builder.Services.AddSingleton<IChatClient>(Model);
        }

        builder.Services.AddPaperBotChat(builder.Configuration);
        _host = builder.Build();
        new CommandContext(_host, new CliOutput(Spectre.Console.AnsiConsole.Console, Spectre.Console.AnsiConsole.Console, TextWriter.Null), json: false).Index();
    }

    public string Folder { get; }

    public ScriptedChatClient Model { get; } = new() { Rewrite = "Which papers use flow matching?" };

    public IServiceProvider Services => _host.Services;

    /// <summary>A chat over <paramref name="input"/> with output captured (stdout and stderr in one, as a terminal shows them).</summary>
    public ChatLoop Create(TextReader input, StringWriter output, Func<bool>? moreInputWaiting = null) =>
        ChatTerminal.CreateLoop(Services, new ChatInput(input, moreInputWaiting ?? (() => false)), ChatTerminal.PlainView(output, output));

    public async Task<(int ExitCode, string Output)> Run(string input)
    {
        var output = new StringWriter();
        using var loop = Create(new StringReader(input), output);
        var code = await loop.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        return (code, output.ToString());
    }

    public void Dispose()
    {
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
