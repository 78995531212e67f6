using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Bot.Cli;
using Spectre.Console;

namespace PaperBot.Bot.Chat;

/// <summary>
/// The thin terminal layer around <see cref="ChatLoop"/>: picks the interactive or plain view, turns Ctrl+C into
/// <see cref="ChatLoop.Interrupt"/>, and detects pastes with Console.KeyAvailable.
/// </summary>
public static class ChatTerminal
{
    /// <summary>A pipe has no width: lines stay whole (Spectre would otherwise wrap them at 80 columns).</summary>
    private const int PlainWidth = 10_000;

    public static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var interactive = !Console.IsInputRedirected && !Console.IsOutputRedirected;
        var view = interactive
            ? new ChatView(context.Output.Results, context.Output.Status, Console.Out, interactive: true)
            : PlainView(Console.Out, Console.Error);
        // A closed stdin is the end of input, not a wait on whatever the runtime put at fd 0.
        var reader = ClosedStandardInput.Detect() ? TextReader.Null : Console.In;
        var input = new ChatInput(reader, interactive ? () => Console.KeyAvailable : () => false);
        using var loop = CreateLoop(context.Services, input, view);
        void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
        {
            // The process stays: the loop decides whether Ctrl+C stops an answer or ends the chat.
            e.Cancel = true;
            loop.Interrupt();
        }

        // SIGTERM ends the chat (the answer being written included) and exits 143; left to the host, it would only
        // stop the host and leave the chat waiting at its prompt.
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            loop.Terminate();
        });
        Console.CancelKeyPress += OnCancelKeyPress;
        try
        {
            return await loop.RunAsync(cancellationToken);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
        }
    }

    /// <summary>The chat over the host's services; tests call this with their own reader and view.</summary>
    public static ChatLoop CreateLoop(IServiceProvider services, ChatInput input, ChatView view)
    {
        var options = services.GetRequiredService<IOptions<ConsoleChatOptions>>().Value;
        return new ChatLoop(
            new ChatServices(services), input, view, new ChatSession(options.MaxTurns, options.ShowStats),
            services.GetRequiredService<ILogger<ChatLoop>>());
    }

    /// <summary>Plain text for pipes and files: no colours, no markup, no cursor movement.</summary>
    public static ChatView PlainView(TextWriter output, TextWriter status) =>
        new(PlainConsole(output), PlainConsole(status), output, interactive: false);

    private static IAnsiConsole PlainConsole(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });

        console.Profile.Width = PlainWidth;
        return console;
    }

}
