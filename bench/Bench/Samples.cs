using System.Globalization;

namespace PaperBot.Bench;

/// <summary>
/// The samples of one measured quantity and the figures every benchmark reports of them, defined once: mean,
/// median (the middle value, or the mean of the two middle ones), nearest-rank percentiles, best and worst.
/// Runs that produced no figure (NaN) are left out.
/// </summary>
internal sealed class Samples
{
    private readonly List<double> _values = [];

    public Samples()
    {
    }

    public Samples(IEnumerable<double> values)
    {
        foreach (var value in values)
        {
            Add(value);
        }
    }

    public int Count => _values.Count;

    public double Min => Count == 0 ? double.NaN : _values.Min();

    public double Max => Count == 0 ? double.NaN : _values.Max();

    public double Mean => Count == 0 ? double.NaN : _values.Average();

    public double Median
    {
        get
        {
            var sorted = Sorted();
            return sorted.Length == 0 ? double.NaN : (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
        }
    }

    public static Samples Of(IEnumerable<TimeSpan> durations) => new(durations.Select(d => d.TotalMilliseconds));

    public void Add(double value)
    {
        if (!double.IsNaN(value))
        {
            _values.Add(value);
        }
    }

    public void Add(TimeSpan duration) => Add(duration.TotalMilliseconds);

    /// <summary>The smallest sample with at least <paramref name="percent"/> % of the samples at or below it.</summary>
    public double Percentile(double percent)
    {
        var sorted = Sorted();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Latencies in milliseconds: "p50 … ms, p95 … ms, p99 … ms".</summary>
    public string Latencies() => string.Create(CultureInfo.InvariantCulture,
        $"p50 {Percentile(50):0.00} ms, p95 {Percentile(95):0.00} ms, p99 {Percentile(99):0.00} ms");

    /// <summary>Rates (higher is better): "best / median (every run)".</summary>
    public string BestAndMedian() => Count == 0
        ? "n/a"
        : string.Create(CultureInfo.InvariantCulture, $"{Max:F2} / {Median:F2} ({string.Join(", ", _values.Select(r => r.ToString("F1", CultureInfo.InvariantCulture)))})");

    private double[] Sorted() => [.. _values.Order()];
}
