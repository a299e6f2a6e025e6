using System.Globalization;

namespace LiveGrade.Color.Scopes.Histogram;

/// <summary>
/// Luma statistics in 10-bit code values, defined exactly as FFmpeg's signalstats filter defines YMIN,
/// YLOW, YAVG, YHIGH and YMAX (libavfilter/vf_signalstats.c): min and max are the lowest and highest codes
/// with any pixel; the 10th and 90th percentiles are the first code at which the running count reaches
/// lrint(N * 10 / 100) and lrint(N * 90 / 100) (lrint rounds half to even); the mean is sum(code) / N.
/// </summary>
public readonly record struct LumaStatistics(int Min, int Low, double Mean, int High, int Max)
{
    public static LumaStatistics From(HistogramCounts histogram) => From(histogram.Channel(HistogramCounts.Luma));

    /// <summary>From a 1024-bin luma histogram.</summary>
    public static LumaStatistics From(ReadOnlySpan<uint> luma)
    {
        long n = 0;
        foreach (uint c in luma)
        {
            n += c;
        }
        if (n == 0)
        {
            throw new ArgumentException("empty histogram");
        }
        long lowTarget = (long)System.Math.Round(n * 10 / 100.0, MidpointRounding.ToEven);
        long highTarget = (long)System.Math.Round(n * 90 / 100.0, MidpointRounding.ToEven);
        int min = -1, max = -1, low = -1, high = -1;
        long acc = 0;
        double total = 0;
        for (int code = 0; code < luma.Length; code++)
        {
            uint c = luma[code];
            if (c != 0)
            {
                if (min < 0)
                {
                    min = code;
                }
                max = code;
            }
            total += (double)c * code;
            acc += c;
            if (low < 0 && acc >= lowTarget)
            {
                low = code;
            }
            if (high < 0 && acc >= highTarget)
            {
                high = code;
            }
        }
        return new LumaStatistics(min, low, total / n, high, max);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"min {Min}  p10 {Low}  mean {Mean:F3}  p90 {High}  max {Max}");
}
