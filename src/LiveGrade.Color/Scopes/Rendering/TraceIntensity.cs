namespace LiveGrade.Color.Scopes.Rendering;

/// <summary>
/// How bright a scope's trace is drawn for a bin holding <c>c</c> samples:
/// <code>
///   I(0) = 0
///   I(c) = min(1, gain * (Imin + (1 - Imin) * ln(1 + c) / ln(1 + Nflat)))      Imin = 0.25
/// </code>
/// Nflat is the most samples one bin can receive: for a waveform, the image height times the image columns
/// per waveform column (a flat field puts every sample of a column on one level); for a vectorscope, every
/// pixel of the frame. So at gain 1 a flat field reaches exactly full brightness and never clips, while a
/// single sample (one pixel of one column) still draws at a quarter of full brightness, well clear of the
/// background: the log spreads the 6 decades between one pixel and a flat 4K field over the remaining 75%.
/// </summary>
public static class TraceIntensity
{
    /// <summary>Brightness of a bin with one sample (gain 1).</summary>
    public const float MinimumVisible = 0.25f;

    /// <summary>1 / ln(1 + Nflat), the one number the GPU trace pass needs per plot.</summary>
    public static float InverseLogFlat(long flatCount) => (float)(1.0 / System.Math.Log(1.0 + System.Math.Max(1, flatCount)));

    /// <summary>The formula above, in single precision as the GPU evaluates it.</summary>
    public static float Of(uint count, float inverseLogFlat, float gain)
    {
        if (count == 0)
        {
            return 0f;
        }
        float v = gain * (MinimumVisible + (1f - MinimumVisible) * MathF.Log(1f + count) * inverseLogFlat);
        return MathF.Min(1f, v);
    }

    /// <summary>
    /// Histogram bar heights on a log scale, as count thresholds: row k (0 = bottom) of a plot
    /// <paramref name="rows"/> high is lit when the bin holds at least <c>result[k]</c> pixels, i.e. when
    /// rows * ln(1 + c) / ln(1 + N) &gt; k + 0.5. A flat field (c = N) fills the column; one pixel in 1080p
    /// still lifts a bar about 5% of the height. Computed once in double so CPU and GPU compare integers.
    /// </summary>
    public static uint[] HistogramThresholds(int rows, long samples)
    {
        var t = new uint[rows];
        double logN = System.Math.Log(1.0 + System.Math.Max(1, samples));
        for (int k = 0; k < rows; k++)
        {
            double c = System.Math.Exp((k + 0.5) / rows * logN) - 1;
            double next = System.Math.Floor(c) + 1; // smallest whole count strictly above c
            t[k] = next >= uint.MaxValue ? uint.MaxValue : (uint)next;
        }
        return t;
    }
}
