using System.Diagnostics;

namespace LiveGrade.Engine.Pipeline;

/// <summary>
/// Keeps the last <see cref="Capacity"/> latencies (capture timestamp to hand-off, in milliseconds) of an
/// output and gives percentiles on demand. Recording is allocation-free and lock-light (one writer, the
/// output thread); percentiles copy and sort, so they are for the stats table, not the frame loop.
/// </summary>
public sealed class LatencyRecorder
{
    public const int Capacity = 8192; // 5.5 minutes at 25 fps, 2.3 at 59.94
    private readonly float[] _ring = new float[Capacity];
    private readonly object _lock = new();
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Records the time from <paramref name="captureTimestamp"/> (a Stopwatch timestamp) to now.</summary>
    public void RecordSince(long captureTimestamp) =>
        Record((float)((Stopwatch.GetTimestamp() - captureTimestamp) * 1000.0 / Stopwatch.Frequency));

    public void Record(float ms)
    {
        lock (_lock)
        {
            _ring[_count % Capacity] = ms;
            _count++;
        }
    }

    /// <summary>The p-th percentile (0..100, nearest-rank) of the kept samples; NaN when there are none.</summary>
    public double Percentile(double p)
    {
        float[] copy;
        lock (_lock)
        {
            var n = (int)Math.Min(_count, Capacity);
            if (n == 0) return double.NaN;
            copy = _ring.AsSpan(0, n).ToArray();
        }
        Array.Sort(copy);
        var rank = (int)Math.Ceiling(p / 100.0 * copy.Length) - 1;
        return copy[Math.Clamp(rank, 0, copy.Length - 1)];
    }
}
