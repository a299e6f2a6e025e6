namespace LiveGrade.Color.Tests.Reference;

/// <summary>
/// Comparison against a reference with the rule: absolute error below 1.0, relative above.
/// </summary>
public static class Tolerance
{
    /// <summary>
    /// The agreement we require with OpenColorIO for every analytic op: 1e-5. Both sides compute in single
    /// precision (float ulp at 1.0 is 1.2e-7), so 1e-5 leaves about 80 ulp for differently ordered float
    /// maths and libm differences while still catching any wrong constant, break point or matrix.
    /// </summary>
    public const double VersusOcio = 1e-5;

    /// <summary>Error of value against reference: absolute where |reference| &lt;= 1, relative above.</summary>
    public static double Error(double value, double reference)
    {
        if (double.IsNaN(reference) || double.IsNaN(value))
        {
            return double.IsNaN(reference) && double.IsNaN(value) ? 0 : double.PositiveInfinity;
        }
        if (double.IsInfinity(reference) || double.IsInfinity(value))
        {
            return value == reference ? 0 : double.PositiveInfinity;
        }
        double diff = System.Math.Abs(value - reference);
        return System.Math.Abs(reference) > 1 ? diff / System.Math.Abs(reference) : diff;
    }

    /// <summary>
    /// The largest error over RGB channels (alpha ignored), with the index where it occurs. Each channel's
    /// error is taken relative to the largest magnitude in its reference pixel when that exceeds 1: a 3x3
    /// matrix mixes channels, so single-precision error scales with the pixel's largest component, not with
    /// a channel that cancelled down to a small value.
    /// </summary>
    public static (double MaxError, int Index) MaxError(ReadOnlySpan<float> actual, ReadOnlySpan<float> reference)
    {
        double max = 0;
        int at = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            if (i % 4 == 3)
            {
                continue;
            }
            int p = i / 4 * 4;
            double scale = System.Math.Max(System.Math.Abs(reference[p]),
                System.Math.Max(System.Math.Abs(reference[p + 1]), System.Math.Abs(reference[p + 2])));
            double e = Error(actual[i], reference[i]);
            if (scale > 1 && System.Math.Abs(reference[i]) < scale && double.IsFinite(e))
            {
                e = System.Math.Abs(actual[i] - reference[i]) / scale;
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
