namespace LiveGrade.Color.Tests.Reference;

/// <summary>
/// Test pixels for LUTs and the error measure used with them. Inputs cover the LUT's input domain and
/// beyond it (so clamping is checked), with exact lattice points, exact neutrals (ties between the
/// fractional parts, where the tetrahedron choice flips) and a few NaN and infinities.
/// </summary>
public static class LutPixels
{
    /// <summary>
    /// The agreement required between LiveGrade and OpenColorIO on the same LUT file: 1e-5 of the LUT's
    /// output range (largest minus smallest table value). Both interpolate the same float table with the
    /// same weights, in single precision; they differ only in how the input is scaled into the lattice
    /// (OCIO multiplies by a separate domain matrix op, then by N-1; LiveGrade subtracts the minimum and
    /// multiplies once), which moves the fractional weight by a few float ulps of the index, at most about
    /// 1e-5 of one lattice step, and in the order of the weighted sum (a few ulps of the output). Both are
    /// below 1e-6 of the range; 1e-5 leaves margin while any wrong tetrahedron, axis order, clamp or domain
    /// shows up as errors of 1e-3 of the range or more.
    /// </summary>
    public const double VersusOcio = 1e-5;

    /// <summary><paramref name="count"/> RGBA pixels for a LUT whose input domain is [min, max] per channel.</summary>
    public static float[] ForDomain(int count, IReadOnlyList<double> min, IReadOnlyList<double> max, int latticeSize, int seed)
    {
        var rng = new Random(seed);
        var data = new float[count * 4];
        for (int p = 0; p < count; p++)
        {
            int kind = p % 10;
            double neutral = rng.NextDouble();
            for (int c = 0; c < 3; c++)
            {
                double span = max[c] - min[c];
                double u = kind switch
                {
                    // A quarter of the domain beyond each end: clamping.
                    < 5 => -0.25 + 1.5 * rng.NextDouble(),
                    // Inside only.
                    < 7 => rng.NextDouble(),
                    // Exact lattice points.
                    7 => rng.Next(latticeSize) / (double)(latticeSize - 1),
                    // Exact neutrals: all fractional parts equal.
                    8 => neutral,
                    // Log-distributed from the bottom of the domain (shapers bend there).
                    _ => System.Math.Pow(10, -6 + 6 * rng.NextDouble()),
                };
                data[p * 4 + c] = (float)(min[c] + span * u);
            }
            data[p * 4 + 3] = 0.5f;
        }
        // A few non-finite values: NaN counts as the domain minimum, infinities clamp.
        float[] special = [float.NaN, float.PositiveInfinity, float.NegativeInfinity];
        for (int i = 0; i < 30; i++)
        {
            data[(i * 7919 % count) * 4 + i % 3] = special[i % 3];
        }
        return data;
    }

    /// <summary>Largest |actual - reference| over RGB divided by the output range; alpha must be untouched.</summary>
    public static (double Error, int Index) MaxErrorOfRange(ReadOnlySpan<float> actual, ReadOnlySpan<float> reference,
        (float Min, float Max) range)
    {
        double span = System.Math.Max(range.Max - range.Min, 1e-30);
        double max = 0;
        int at = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double e = i % 4 == 3
                ? (actual[i] == reference[i] ? 0 : double.PositiveInfinity)
                : System.Math.Abs((double)actual[i] - reference[i]) / span;
            if (double.IsNaN(e))
            {
                e = double.PositiveInfinity;
            }
            if (e > max)
            {
                max = e;
                at = i;
            }
        }
        return (max, at);
    }
}
