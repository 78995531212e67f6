using System.Text;
using Microsoft.Extensions.Logging;
using PaperBot.Bot.Cli;
using PaperBot.Rag;
using PaperBot.Rag.Answering;
using Spectre.Console;

namespace PaperBot.Bot.Chat;

/// <summary>
/// The console chat: reads a question or a slash command, streams the answer, shows its sources and speed,
/// and keeps the latest turns so that follow-ups are understood. Everything terminal-specific (Ctrl+C,
/// colours, paste detection) is outside, in <see cref="ChatTerminal"/>; tests drive this class directly.
/// </summary>
public sealed class ChatLoop(ChatServices services, ChatInput input, ChatView view, ChatSession session, ILogger<ChatLoop> logger) : IDisposable
{
    private readonly CancellationTokenSource _closing = new();
    private readonly Lock _gate = new();
    private CancellationTokenSource? _answer;
    private int _exitCode = ExitCodes.Success;

    /// <summary>
    /// What Ctrl+C does: stops the answer being written, if one is; otherwise ends the chat, which then exits 130
    /// as any command stopped by Ctrl+C does. Returns true when an answer was stopped.
    /// </summary>
    public bool Interrupt()
    {
        lock (_gate)
        {
            if (_answer is { } answer)
            {
                answer.Cancel();
                return true;
            }

            _exitCode = ExitCodes.Cancelled;
            _closing.Cancel();
            return false;
        }
    }

    /// <summary>What SIGTERM does: ends the chat, the answer being written included; the chat exits 143.</summary>
    public void Terminate()
    {
        lock (_gate)
        {
            _exitCode = ExitCodes.Terminated;
            _closing.Cancel();
        }
    }

    public void Dispose() => _closing.Dispose();

    /// <summary>Runs until /exit or the end of input (exit code 0), Ctrl+C at the prompt (130) or SIGTERM (143).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var link = cancellationToken.Register(_closing.Cancel);
        view.Banner(services.ModeDescription(), services.IndexDescription());
        var commands = new ChatCommands(services, view, session, RunInterruptibleAsync);
        try
        {
            while (true)
            {
                view.Prompt(session.Day);
                var line = await input.ReadAsync(_closing.Token);
                if (line is null)
                {
                    break;
                }

                var text = line.Trim();
                if (text.Length == 0)
                {
                    continue;
                }

                // From the moment a line is read, Ctrl+C stops what it asked for, not the chat: a command may take a
                // moment to reach its interruptible part (a large day's papers are read first).
                using var handling = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
                lock (_gate)
                {
                    _answer = handling;
                }

                try
                {
                    ChatLog.Input(logger, text);
                    view.Echo(text);
                    if (text.StartsWith('/'))
                    {
                        if (!await commands.RunAsync(text, _closing.Token))
                        {
                            break;
                        }

                        continue;
                    }

                    await RunInterruptibleAsync(token => AskAsync(text, token));
                }
                finally
                {
                    lock (_gate)
                    {
                        _answer = null;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // Ctrl+C at the prompt, SIGTERM or the host stopping: a normal way out, with the signal's exit code.
        }

        view.Results.WriteLine();
        lock (_gate)
        {
            return _exitCode;
        }
    }

    /// <summary>Runs one piece of work that Ctrl+C can stop without ending the chat (an answer, a digest).</summary>
    private async Task RunInterruptibleAsync(Func<CancellationToken, Task> work)
    {
        CancellationTokenSource answer;
        lock (_gate)
        {
            // The line being handled owns the token: Ctrl+C may have come before its work began.
            answer = _answer ?? throw new InvalidOperationException("interruptible work runs only while a line is handled");
        }

        try
        {
            answer.Token.ThrowIfCancellationRequested();
            await work(answer.Token);
        }
        catch (OperationCanceledException) when (answer.IsCancellationRequested && !_closing.IsCancellationRequested)
        {
            ChatLog.Cancelled(logger);
            view.Cancelled("");
        }
        catch (UserInputException e)
        {
            view.EndStream();
            view.Hint(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ChatLog.CommandFailed(logger, e);
            view.Failed("", CommandRunner.Classify(e).Message);
        }
    }

    private async Task AskAsync(string question, CancellationToken cancellationToken)
    {
        services.EnsureModelLoaded(view);
        var clock = new ChatStopwatch(services.Time);
        var request = new AnswerRequest(question) { From = session.Day, To = session.Day, History = session.History };
        var streamed = new StringBuilder();
        var pieces = 0;
        AnswerResult? result = null;
        view.BeginAnswer();
        await foreach (var update in services.Answerer.StreamAsync(request, cancellationToken))
        {
            if (update.Delta is { } delta)
            {
                clock.MarkFirst();
                pieces++;
                streamed.Append(delta);
                view.Delta(delta);
            }

            result = update.Result ?? result;
        }

        if (result is null || cancellationToken.IsCancellationRequested)
        {
            ChatLog.Cancelled(logger);
            view.Cancelled(result?.Answer ?? streamed.ToString());
            return;
        }

        if (!result.Complete)
        {
            ChatLog.Failed(logger, result.Failure ?? "");
            view.Failed(result.Answer, result.Failure ?? "the answer is incomplete");
            return;
        }

        view.Answer(result);
        session.Remember(question, result.Answer);
        session.LastSpeed = clock.Speed(result, pieces);
        ChatLog.Answered(logger, result.Mode.ToString(), session.LastSpeed.Total.TotalMilliseconds);
        if (session.ShowStats)
        {
            view.Stats(session.LastSpeed);
        }
    }
}
