namespace PaperBot.IndexBench;

/// <summary>Latency samples in milliseconds and their percentiles.</summary>
internal sealed class Percentiles(List<double> samples)
{
    private readonly double[] _sorted = [.. samples.Order()];

    public double this[double p] => _sorted.Length == 0 ? double.NaN : _sorted[Math.Min(_sorted.Length - 1, (int)Math.Ceiling(p / 100 * _sorted.Length) - 1)];

    public override string ToString() => $"p50 {this[50]:0.00} ms, p95 {this[95]:0.00} ms, p99 {this[99]:0.00} ms";
}
