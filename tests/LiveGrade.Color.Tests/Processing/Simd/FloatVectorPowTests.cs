using System.Runtime.Intrinsics;
using Xunit.Abstractions;
using LiveGrade.Color.Processing.Simd;

namespace LiveGrade.Color.Tests.Processing.Simd;

/// <summary>
/// <see cref="FloatVectorPow"/> (the CDL's default single-precision vector power) against Math.Pow in double,
/// the reference (glibc's pow, within one double ulp, ~1e-16 relative, far below what is asserted), on every
/// instruction set this CPU has: densely over the CDL's working domain [2^-24, 2^8] (every 61st float, about
/// 4.4 million per power) for powers from real grades and the ends of the covered range [0.1, 4], and over
/// random positive floats (subnormals to float.MaxValue) with random powers in [0.1, 4], where results also
/// underflow to subnormals and zero or overflow to infinity.
/// </summary>
public class FloatVectorPowTests(ITestOutputHelper output)
{
    private readonly ITestOutputHelper _output = output;

    public static TheoryData<SimdIsa> Isas() => VectorPowTests.Isas();

    private static readonly float[] Powers = [0.1f, 0.45f, 1 / 2.2f, 0.9f, 1.1f, 1.2f, 2.2f, 2.4f, 3f, 4f];

    [Theory]
    [MemberData(nameof(Isas))]
    public void Dense_over_the_working_domain_within_the_documented_ulps(SimdIsa isa)
    {
        int lo = BitConverter.SingleToInt32Bits(MathF.ScaleB(1f, -24));
        int hi = BitConverter.SingleToInt32Bits(MathF.ScaleB(1f, 8));
        const int Stride = 61; // odd and prime: every mantissa position is visited across binades
        var x = new float[(hi - lo) / Stride + 1];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = BitConverter.Int32BitsToSingle(lo + i * Stride);
        }
        foreach (float p in Powers)
        {
            var got = Pow(isa, x, p);
            var (worst, worstAt, mean) = MaxUlps(x, got, p);
            _output.WriteLine($"{isa} p={p:R}: {x.Length} x, worst {worst:F3} ulp at x={x[worstAt]:R}, mean {mean:F3} ulp");
            Assert.True(worst <= FloatVectorPow.MaxUlps, $"{isa} p={p:R}: {worst} ulp at x={x[worstAt]:R}: got {got[worstAt]:R}, exact {System.Math.Pow(x[worstAt], p):R}");
        }
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void Any_positive_float_with_random_powers_within_the_documented_ulps(SimdIsa isa)
    {
        var rng = new Random(20261124 + (int)isa);
        const int N = 1 << 16;
        double worst = 0;
        int underflowOrOverflow = 0;
        for (int round = 0; round < 16; round++)
        {
            float p = (float)(FloatVectorPow.MinExponent + rng.NextDouble() * (FloatVectorPow.MaxExponent - FloatVectorPow.MinExponent));
            var x = new float[N];
            for (int i = 0; i < N; i++)
            {
                x[i] = BitConverter.Int32BitsToSingle(rng.Next(1, 0x7F800000));
            }
            var got = Pow(isa, x, p);
            for (int i = 0; i < N; i++)
            {
                double exact = System.Math.Pow(x[i], p);
                float nearest = (float)exact;
                if (float.IsInfinity(nearest) || nearest == 0f)
                {
                    // Past the float range: ∞ or 0, except within the bound of the largest finite float or of
                    // half the smallest subnormal, where either side is right.
                    bool edge = exact > float.MaxValue * (1 - 1e-6) || exact < 2 * double.ScaleB(1, -149);
                    Assert.True(nearest == got[i] || (edge && double.IsFinite(got[i])), $"{isa}: {x[i]:R}^{p:R} = {exact:R}: got {got[i]:R}");
                    underflowOrOverflow++;
                    continue;
                }
                double err = Ulps(got[i], exact);
                Assert.True(err <= FloatVectorPow.MaxUlps, $"{isa}: {x[i]:R}^{p:R} = {exact:R}: got {got[i]:R}, {err} ulp");
                worst = System.Math.Max(worst, err);
            }
        }
        _output.WriteLine($"{isa}: worst {worst:F3} ulp over random positive floats, {underflowOrOverflow} results past the float range");
        Assert.True(underflowOrOverflow > 1000, "the random inputs reach past the float range");
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void Every_float_around_one_within_the_documented_ulps(SimdIsa isa)
    {
        // Every float of [1/2, 2): both binades next to 1, so every run of the AVX-512 form's 16-entry table
        // (each a 16th of [3/4, 3/2)'s bit patterns) and both ends of each, and the other forms' m = x·2^-k
        // over its whole range [√½, √2).
        int lo = BitConverter.SingleToInt32Bits(0.5f);
        int hi = BitConverter.SingleToInt32Bits(2f);
        var x = new float[hi - lo];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = BitConverter.Int32BitsToSingle(lo + i);
        }
        foreach (float p in new[] { 0.1f, 1 / 2.2f, 2.4f, 4f })
        {
            var got = Pow(isa, x, p);
            var (worst, worstAt, mean) = MaxUlps(x, got, p);
            _output.WriteLine($"{isa} p={p:R}: every float of [0.5, 2), worst {worst:F3} ulp at x={x[worstAt]:R}, mean {mean:F3} ulp");
            Assert.True(worst <= FloatVectorPow.MaxUlps, $"{isa} p={p:R}: {worst} ulp at x={x[worstAt]:R}: got {got[worstAt]:R}, exact {System.Math.Pow(x[worstAt], p):R}");
        }
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void Exact_powers_of_two_and_one_are_exact(SimdIsa isa)
    {
        // 1^p = 1 and (2^j)^p for p = 2, 3, 4 land exactly on floats: the pair y = p·k carries them exactly.
        float[] x = [1f, 2f, 0.5f, 4f, 0.25f, 16f, MathF.ScaleB(1, -20), MathF.ScaleB(1, 30)];
        foreach (float p in new[] { 2f, 3f, 4f })
        {
            var got = Pow(isa, x, p);
            for (int i = 0; i < x.Length; i++)
            {
                Assert.Equal((float)System.Math.Pow(x[i], p), got[i]);
            }
        }
        Assert.All(Pow(isa, [1f, 1f, 1f, 1f], 0.37f), v => Assert.Equal(1f, v));
    }

    /// <summary>Error of a float result in ulps of the exact value's binade (2^-149 below the normal range).</summary>
    internal static double Ulps(float got, double exact)
    {
        double ulp = System.Math.ScaleB(1.0, System.Math.Max(System.Math.ILogB(exact), -126) - 23);
        return System.Math.Abs(got - exact) / ulp;
    }

    private static (double Worst, int At, double Mean) MaxUlps(float[] x, float[] got, float p)
    {
        double worst = 0, sum = 0;
        int at = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double err = Ulps(got[i], System.Math.Pow(x[i], p));
            sum += err;
            if (err > worst)
            {
                worst = err;
                at = i;
            }
        }
        return (worst, at, sum / x.Length);
    }

    internal static float[] Pow(SimdIsa isa, float[] x, float p) => isa switch
    {
        SimdIsa.V128 => Pow<Simd128, Vector128<float>, Vector128<int>>(x, p),
        SimdIsa.V256 => Pow<Simd256, Vector256<float>, Vector256<int>>(x, p),
        _ => Pow<Simd512, Vector512<float>, Vector512<int>>(x, p),
    };

    private static unsafe float[] Pow<T, TF, TI>(float[] x, float p)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        var constants = FloatVectorPow.Constants(p);
        var result = new float[x.Length];
        float* lanes = stackalloc float[16];
        int i = 0;
        fixed (float* px = x)
        fixed (float* pr = result)
        {
            for (; i + T.Lanes <= x.Length; i += T.Lanes)
            {
                T.Store(pr + i, FloatVectorPow.Pow<T, TF, TI>(T.Load(px + i), in constants));
            }
        }
        for (; i < x.Length; i++)
        {
            T.Store(lanes, FloatVectorPow.Pow<T, TF, TI>(T.Splat(x[i]), in constants));
            result[i] = lanes[0];
        }
        return result;
    }
}
