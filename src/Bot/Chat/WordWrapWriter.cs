using System.Text;

namespace PaperBot.Bot.Chat;

/// <summary>
/// Writes streamed model text to a terminal, breaking lines at spaces before the console width: the terminal
/// itself would cut words in two. Pieces arrive at arbitrary points, so the word being written is held back
/// until a space or a line break ends it (a word longer than the width is cut). Widths are terminal cells, so
/// that wide characters (CJK) count twice, as the terminal draws them.
/// </summary>
public sealed class WordWrapWriter(TextWriter writer, int width)
{
    private readonly StringBuilder _word = new();
    private int _column;
    private bool _pendingSpace;

    /// <summary>Line breaks written so far: how far up the cursor must go to rewrite the text.</summary>
    public int LineBreaks { get; private set; }

    public void Write(string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '\n':
                    FlushWord();
                    NewLine();
                    break;
                case ' ' or '\t':
                    FlushWord();
                    _pendingSpace = _column > 0;
                    break;
                case '\r':
                    break;
                default:
                    _word.Append(c);
                    if (TerminalCells.Width(_word.ToString()) >= width)
                    {
                        FlushWord();
                    }

                    break;
            }
        }

        writer.Flush();
    }

    /// <summary>Writes the held-back word and ends the line.</summary>
    public void Finish()
    {
        FlushWord();
        if (_column > 0)
        {
            NewLine();
        }

        writer.Flush();
    }

    private void FlushWord()
    {
        if (_word.Length == 0)
        {
            return;
        }

        var space = _pendingSpace ? 1 : 0;
        var word = _word.ToString();
        var cells = TerminalCells.Width(word);
        if (_column > 0 && _column + space + cells > width)
        {
            NewLine();
            space = 0;
        }

        if (space == 1)
        {
            writer.Write(' ');
        }

        writer.Write(word);
        _column += space + cells;
        _pendingSpace = false;
        _word.Clear();
    }

    private void NewLine()
    {
        writer.Write('\n');
        _column = 0;
        _pendingSpace = false;
        LineBreaks++;
    }
}
