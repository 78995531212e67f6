using Spectre.Console;
using Spectre.Console.Rendering;

namespace PaperBot.Bot.Cli;

/// <summary>
/// Styled lines drawn as <paramref name="layout"/> (the same lines as Spectre markup) draws them, but written as
/// one segment a line when every line fits the width, as in a pipe or a file (4,096 columns, see
/// <see cref="CliOutput"/>). Spectre splits a line into a segment per word and, laying out a panel, sums the
/// widths of a line's segments again at each segment: a 1,900-character abstract on one line cost <c>show</c>
/// 0.2 s of CPU, twice its whole start-up. Where a line must wrap (a terminal), Spectre lays them out itself.
/// </summary>
internal sealed class UnwrappedLines(IRenderable layout, IReadOnlyList<(string Text, Style Style)> lines) : IRenderable
{
    public Measurement Measure(RenderOptions options, int maxWidth) => layout.Measure(options, maxWidth);

    public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) =>
        lines.All(l => new Segment(l.Text).CellCount() <= maxWidth) ? Segments() : layout.Render(options, maxWidth);

    private IEnumerable<Segment> Segments()
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                yield return Segment.LineBreak;
            }

            if (lines[i].Text.Length > 0)
            {
                yield return new Segment(lines[i].Text, lines[i].Style);
            }
        }
    }
}
