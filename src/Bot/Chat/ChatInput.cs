using System.Text;

namespace PaperBot.Bot.Chat;

/// <summary>
/// Reads one question at a time. A question is one line, except that a line ending with a backslash, or a line
/// followed by more input that is already waiting (a paste), starts a multi-line question that ends at the
/// next blank line (or at the end of input). The backslashes that continue lines are removed. A slash command
/// is always one line, so that commands typed ahead are not taken for a paste.
/// </summary>
public sealed class ChatInput(TextReader reader, Func<bool> moreInputWaiting)
{
    /// <summary>The next question, or null at the end of input.</summary>
    /// <exception cref="OperationCanceledException">The chat is closing (Ctrl+C while waiting for input).</exception>
    public async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        var first = await ReadLineAsync(cancellationToken);
        if (first is null || first.TrimStart().StartsWith('/') || !Continues(first, out var firstText))
        {
            return first;
        }

        var text = new StringBuilder(firstText);
        while (await ReadLineAsync(cancellationToken) is { } line && !string.IsNullOrWhiteSpace(line))
        {
            text.Append('\n').Append(Continues(line, out var lineText) ? lineText : line);
        }

        return text.ToString();
    }

    private bool Continues(string line, out string text)
    {
        var trimmed = line.TrimEnd();
        if (trimmed.EndsWith('\\'))
        {
            text = trimmed[..^1];
            return true;
        }

        text = line;
        return line.Length > 0 && moreInputWaiting();
    }

    /// <summary>
    /// Reads on another thread so that Ctrl+C can end the wait: a console read cannot be cancelled, and the thread
    /// left blocked in it does not keep the process alive.
    /// </summary>
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken) =>
        await Task.Run(reader.ReadLine, CancellationToken.None).WaitAsync(cancellationToken);
}
