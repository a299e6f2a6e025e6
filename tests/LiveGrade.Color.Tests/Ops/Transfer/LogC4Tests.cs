using LiveGrade.Color.Math;
using LiveGrade.Color.Ops.Transfer;

namespace LiveGrade.Color.Tests.Ops.Transfer;

/// <summary>
/// ARRI LogC4 is not in OpenColorIO 2.1, so it is checked against ARRI's specification instead:
/// "ARRI LogC4 Logarithmic Color Space SPECIFICATION" (Cooper and Brendel, 2022). The reference values
/// are the specification's formulas in double precision as published in colour-science's test suite
/// (scene 0 -> 0.092864125122190 = 95/1023, 0.18 -> 0.278395836548265, 1.0 -> 0.427519364835306), and the
/// AWG4 to XYZ matrix printed in section 3 of the specification.
/// </summary>
public class LogC4Tests
{
    // Values are printed to 15 digits; both sides are double precision.
    private const double SpecDigits = 1e-12;

    [Theory]
    [InlineData(0.0, 0.092864125122190)]
    [InlineData(0.18, 0.278395836548265)]
    [InlineData(1.0, 0.427519364835306)]
    public void Encodes_the_specification_values(double linear, double code)
    {
        Assert.Equal(code, LogC4Curve.Instance.Encode(linear), SpecDigits);
        Assert.Equal(linear, LogC4Curve.Instance.Decode(code), 1e-11);
    }

    [Fact]
    public void Black_is_code_95_of_1023_and_the_toe_is_continuous()
    {
        Assert.Equal(95.0 / 1023.0, LogC4Curve.Instance.Encode(0), SpecDigits);
        double t = LogC4Curve.T;
        Assert.Equal(0, LogC4Curve.Instance.Encode(t), 1e-12);
        // Slope of the linear toe equals the log segment's derivative at t (spec: s is chosen so).
        double h = 1e-7;
        double logSlope = (LogC4Curve.Instance.Encode(t + h) - LogC4Curve.Instance.Encode(t)) / h;
        Assert.Equal(1 / LogC4Curve.S, logSlope, 1e-4);
    }

    [Fact]
    public void Round_trips_from_deep_negative_to_far_highlights()
    {
        for (double x = -0.02; x < 400; x = x < 0.01 ? x + 0.0005 : x * 1.05)
        {
            double back = LogC4Curve.Instance.Decode(LogC4Curve.Instance.Encode(x));
            Assert.True(System.Math.Abs(back - x) <= 1e-12 * System.Math.Max(1, System.Math.Abs(x)), $"x={x} back={back}");
        }
    }

    [Fact]
    public void AWG4_to_XYZ_matches_the_specification_matrix()
    {
        double[] spec =
        [
            0.704858320407232064, 0.129760295170463003, 0.115837311473976537,
            0.254524176404027025, 0.781477732712002049, -0.036001909116029039,
            0.000000000000000000, 0.000000000000000000, 1.089057750759878429,
        ];
        var m = Gamuts.AriWideGamut4.RgbToXyz().Values;
        for (int i = 0; i < 9; i++)
        {
            Assert.Equal(spec[i], m[i], 1e-9);
        }
    }
}
