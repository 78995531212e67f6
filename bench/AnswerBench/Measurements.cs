using System.Globalization;

namespace PaperBot.AnswerBench;

/// <summary>Timings of one measured operation, in milliseconds, summarized as mean, median and 95th percentile.</summary>
internal sealed class Measurements(string name)
{
    private readonly List<double> _samples = [];

    public void Add(TimeSpan elapsed) => _samples.Add(elapsed.TotalMilliseconds);

    public double Mean => _samples.Average();

    public double Percentile(double p)
    {
        var sorted = _samples.Order().ToList();
        return sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{name,-48} n={_samples.Count,4}  mean {Mean,8:0.00} ms  p50 {Percentile(0.5),8:0.00} ms  p95 {Percentile(0.95),8:0.00} ms  max {_samples.Max(),8:0.00} ms");
}
