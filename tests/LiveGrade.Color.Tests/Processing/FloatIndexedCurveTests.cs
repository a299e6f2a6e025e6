using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Transfer;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Spaces;

namespace LiveGrade.Color.Tests.Processing;

public class FloatIndexedCurveTests
{
    /// <summary>The class's bound: linear interpolation over steps of x/256 stays within 1e-6 of the value (plus float rounding).</summary>
    private const double RelativeTolerance = 1e-6;

    [Theory]
    [InlineData("rec709")] // Rec.1886 inverse EOTF, x^(1/2.4)
    [InlineData("pq")]
    [InlineData("hlg")]
    public void Follows_the_exact_encoding_within_a_millionth_from_2_to_the_minus_20_to_the_curve_top(string space)
    {
        var ops = ColorSpaceRegistry.Conversion(ColorSpaceRegistry.Get(ColorSpaceRegistry.CieXyzD65), ColorSpaceRegistry.Get(space)).Ops
            .SkipWhile(o => o is not TransferOpData).ToList();
        Assert.NotEmpty(ops);
        var curve = new FloatIndexedCurve(new OpList(ops));
        // Smooth curves take the per-octave polynomials; HLG's square-root-to-log switch keeps the table.
        Assert.Equal(space == "hlg" ? "table" : "polynomial", curve.Form);
        // A log sweep with many points between table entries (not just on them).
        const int N = 200_000;
        var rgba = new float[N * 4];
        for (int i = 0; i < N; i++)
        {
            float x = (float)System.Math.Pow(2, -20 + 28.0 * i / (N - 1)); // 2^-20 .. 2^8
            rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = x;
            rgba[i * 4 + 3] = 1;
        }
        var input = (float[])rgba.Clone();
        curve.Apply(rgba);
        double worst = 0;
        float worstAt = 0;
        for (int i = 0; i < N; i++)
        {
            double exact = input[i * 4];
            foreach (var op in ops.Cast<TransferOpData>())
            {
                exact = op.Direction == TransformDirection.Forward ? op.Curve.Encode(exact) : op.Curve.Decode(exact);
            }
            double error = System.Math.Abs(rgba[i * 4] - exact) / System.Math.Max(System.Math.Abs(exact), 1e-3);
            if (error > worst) (worst, worstAt) = (error, input[i * 4]);
        }
        Assert.True(worst < RelativeTolerance, $"{space}: {worst:E2} at x = {worstAt:R}");
    }
}
