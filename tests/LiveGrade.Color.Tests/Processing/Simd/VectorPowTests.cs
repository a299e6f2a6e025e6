using System.Runtime.Intrinsics;
using Xunit.Abstractions;
using LiveGrade.Color.Processing.Simd;

namespace LiveGrade.Color.Tests.Processing.Simd;

/// <summary>
/// <see cref="VectorPow"/> (the CDL's vector power) against Math.Pow in double, the reference (glibc's pow,
/// correct to within one double ulp, i.e. ~1e-16 relative, far below what is asserted here), on every
/// instruction set this CPU has, over millions of random and edge inputs: random float bit patterns
/// (subnormals to float.MaxValue), typical CDL values in (0, 1.25], x within 4096 ulps of 1, subnormal and
/// huge x, exponents from 0.1 to 10 (also 64, negative, and 0).
/// </summary>
public class VectorPowTests(ITestOutputHelper output)
{
    private readonly ITestOutputHelper _output = output;

    /// <summary>
    /// Float results: error against the exact value in units of the float's last place (ulp of the exact
    /// value's binade, 2^-149 for subnormals). Correct rounding is ≤ 0.5; the vector power's ~1e-12 relative
    /// error before rounding can move a result across a halfway point only when the exact value is within
    /// 1e-12·2^24 ≈ 2e-5 ulp of it, so 0.5 + 1e-4 means "correctly rounded except in ties", which is well
    /// inside the one-ulp contract the CPU processor tests rely on.
    /// </summary>
    private const double MaxFloatUlps = 0.5 + 1e-4;

    public static TheoryData<SimdIsa> Isas()
    {
        var data = new TheoryData<SimdIsa>();
        foreach (var isa in new[] { SimdIsa.V128, SimdIsa.V256, SimdIsa.V512 })
        {
            if (SimdIsaSupport.IsSupported(isa))
            {
                data.Add(isa);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void Float_results_are_correctly_rounded_except_in_ties(SimdIsa isa)
    {
        var rng = new Random(20261125 + (int)isa);
        int checkedCount = 0, offByTie = 0;
        double worst = 0;
        void Check(float[] x, float[] p)
        {
            var got = Pow(isa, x, p);
            for (int i = 0; i < x.Length; i++)
            {
                double exact = System.Math.Pow(x[i], p[i]);
                float nearest = (float)exact;
                if (float.IsInfinity(nearest) || nearest == 0f)
                {
                    // Past the float range (or below half the smallest subnormal) there is nothing to round.
                    Assert.True(nearest == got[i], $"{isa}: {x[i]:R}^{p[i]:R}: expected {nearest:R}, got {got[i]:R}");
                    continue;
                }
                double ulp = System.Math.ScaleB(1.0, System.Math.Max(System.Math.ILogB(exact), -126) - 23);
                double err = System.Math.Abs(got[i] - exact) / ulp;
                Assert.True(err <= MaxFloatUlps, $"{isa}: {x[i]:R}^{p[i]:R} = {exact:R}: got {got[i]:R}, {err} ulp");
                worst = System.Math.Max(worst, err);
                offByTie += got[i] != nearest ? 1 : 0;
                checkedCount++;
            }
        }

        const int N = 1 << 20;
        // Any positive finite float (uniform over bit patterns: subnormals to MaxValue), p in [0.1, 10].
        Check(Fill(N, _ => RandomPositiveFloat(rng)), Fill(N, _ => Uniform(rng, 0.1, 10)));
        // Typical CDL values after slope/offset, p in [0.1, 10].
        Check(Fill(N, _ => MathF.Max(float.Epsilon, Uniform(rng, 0, 1.25))), Fill(N, _ => Uniform(rng, 0.1, 10)));
        // x within 4096 ulps of 1 (log2 x tiny, cancellation in m - 1), p up to the covered 64.
        Check(Fill(N / 4, _ => NearOne(rng)), Fill(N / 4, _ => Uniform(rng, 0.1, 64)));
        // Subnormal and tiny normal x, and huge x, p in [0.1, 10].
        Check(Fill(N / 4, _ => BitConverter.Int32BitsToSingle(rng.Next(1, 0x01000000))), Fill(N / 4, _ => Uniform(rng, 0.1, 10)));
        Check(Fill(N / 4, _ => Uniform(rng, 1e30, float.MaxValue)), Fill(N / 4, _ => Uniform(rng, 0.1, 10)));
        // Negative exponents (the inverse CDL uses 1/power).
        Check(Fill(N / 2, _ => RandomPositiveFloat(rng)), Fill(N / 2, _ => Uniform(rng, -10, -0.1)));
        // Exponents from real grades and the ends of the range, over random bit patterns.
        foreach (float p in new[] { 0f, 0.1f, 0.45f, 1 / 2.2f, 1 / 2.4f, 2.2f, 2.4f, 10f, 64f, -64f })
        {
            Check(Fill(N / 16, _ => RandomPositiveFloat(rng)), Fill(N / 16, _ => p));
        }

        // Over half the random bit patterns give results past the float range (checked above as ∞ or 0).
        Assert.True(checkedCount > 2_000_000, $"{checkedCount} in-range results checked");
        _output.WriteLine($"{isa}: {checkedCount} in-range results, {offByTie} not correctly rounded, worst {worst} ulp");
        // Ties are rare: at most a few per million (the expected rate is ~2e-5 ulp / 1 ulp per result).
        Assert.True(offByTie < checkedCount / 10_000, $"{isa}: {offByTie} of {checkedCount} results not correctly rounded (worst {worst} ulp)");
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void Double_core_stays_within_its_documented_bound(SimdIsa isa)
    {
        // The bound stated on VectorPow: relative ≤ ln 2 · (|p|·1.7e-14 + |y|·2^-52) + 2e-14, y = p·log2 x.
        var rng = new Random(7 + (int)isa);
        const int N = 1 << 19;
        var m = new double[N];
        var k = new double[N];
        var p = new double[N];
        for (int i = 0; i < N; i++)
        {
            m[i] = System.Math.Sqrt(0.5) * System.Math.Pow(2, rng.NextDouble());
            k[i] = rng.Next(-149, 128);
            double log2x = k[i] + System.Math.Log2(m[i]);
            // Exponents up to the covered 64, or one that puts the result anywhere in the float range.
            double pi = (rng.Next(2) == 0 || System.Math.Abs(log2x) < 1e-3) ? rng.NextDouble() * 128 - 64 : (rng.NextDouble() * 300 - 150) / log2x;
            p[i] = System.Math.Clamp(pi, -64, 64);
        }
        var got = Core(isa, m, k, p);
        double worstRatio = 0;
        for (int i = 0; i < N; i++)
        {
            double x = System.Math.ScaleB(m[i], (int)k[i]);
            double y = p[i] * System.Math.Log2(x);
            if (System.Math.Abs(y) > 199)
            {
                continue; // clamped: the float result is ∞ or 0 whatever the double is
            }
            double exact = System.Math.Pow(x, p[i]);
            double rel = System.Math.Abs(got[i] - exact) / exact;
            double bound = System.Math.Log(2) * (System.Math.Abs(p[i]) * 1.7e-14 + System.Math.Abs(y) * System.Math.ScaleB(1, -52)) + 2e-14;
            Assert.True(rel <= bound, $"{isa}: ({m[i]:R}·2^{k[i]})^{p[i]:R}: relative error {rel} > {bound}");
            Assert.True(rel < 1e-12, $"{isa}: relative error {rel}");
            worstRatio = System.Math.Max(worstRatio, rel / bound);
        }
        // The bound is not vacuous: the worst case comes within a factor of 100 of it.
        Assert.True(worstRatio > 0.01, $"worst error / bound = {worstRatio}");
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void Split_is_exact_with_mantissa_in_half_open_sqrt_range(SimdIsa isa)
    {
        float[] x = [float.Epsilon, 1e-40f, 1.17549435e-38f, 0.70710677f, 0.70710671f, 1f, 1.4142135f, 1.4142137f, 2f, 3f, 1e20f, float.MaxValue, 0.5f, 0.25f, 12345.678f, 1e-3f];
        var (m, k) = Split(isa, x);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(m[i] >= 0.70710677f && m[i] < 1.4142137f, $"{x[i]:R}: m = {m[i]:R}");
            Assert.Equal((double)x[i], System.Math.ScaleB((double)m[i], (int)k[i]));
        }
    }

    private static float[] Fill(int n, Func<int, float> f)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = f(i);
        }
        return a;
    }

    private static float Uniform(Random rng, double lo, double hi) => (float)(lo + rng.NextDouble() * (hi - lo));

    private static float RandomPositiveFloat(Random rng) => BitConverter.Int32BitsToSingle(rng.Next(1, 0x7F800000));

    private static float NearOne(Random rng)
    {
        float x = 1f;
        int steps = rng.Next(-4096, 4097);
        for (int s = 0; s < System.Math.Abs(steps); s++)
        {
            x = steps > 0 ? MathF.BitIncrement(x) : MathF.BitDecrement(x);
        }
        return x;
    }

    private static float[] Pow(SimdIsa isa, float[] x, float[] p) => isa switch
    {
        SimdIsa.V128 => Pow<Simd128, Vector128<float>, Vector128<int>>(x, p),
        SimdIsa.V256 => Pow<Simd256, Vector256<float>, Vector256<int>>(x, p),
        _ => Pow<Simd512, Vector512<float>, Vector512<int>>(x, p),
    };

    // Lanes of one vector share one exponent in the kernel (one CDL channel), so each lane runs alone here
    // with its own p broadcast; the other lanes repeat x.
    private static unsafe float[] Pow<T, TF, TI>(float[] x, float[] p)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        var result = new float[x.Length];
        float* lanes = stackalloc float[16];
        int i = 0;
        for (; i + T.Lanes <= x.Length; i += T.Lanes)
        {
            bool sameP = true;
            for (int l = 1; l < T.Lanes; l++)
            {
                sameP &= p[i + l] == p[i];
            }
            if (sameP)
            {
                fixed (float* px = &x[i])
                {
                    VectorPow.Split<T, TF, TI>(T.Load(px), out var m, out var k);
                    T.Store(lanes, T.PowCore(m, k, p[i]));
                }
                for (int l = 0; l < T.Lanes; l++) result[i + l] = lanes[l];
                continue;
            }
            for (int l = 0; l < T.Lanes; l++)
            {
                result[i + l] = One<T, TF, TI>(x[i + l], p[i + l], lanes);
            }
        }
        for (; i < x.Length; i++)
        {
            result[i] = One<T, TF, TI>(x[i], p[i], lanes);
        }
        return result;
    }

    private static unsafe float One<T, TF, TI>(float x, float p, float* lanes)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        VectorPow.Split<T, TF, TI>(T.Splat(x), out var m, out var k);
        T.Store(lanes, T.PowCore(m, k, p));
        return lanes[0];
    }

    private static (float[] M, float[] K) Split(SimdIsa isa, float[] x) => isa switch
    {
        SimdIsa.V128 => Split<Simd128, Vector128<float>, Vector128<int>>(x),
        SimdIsa.V256 => Split<Simd256, Vector256<float>, Vector256<int>>(x),
        _ => Split<Simd512, Vector512<float>, Vector512<int>>(x),
    };

    private static unsafe (float[] M, float[] K) Split<T, TF, TI>(float[] x)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        var m = new float[x.Length];
        var k = new float[x.Length];
        float* lanes = stackalloc float[16];
        for (int i = 0; i < x.Length; i++)
        {
            VectorPow.Split<T, TF, TI>(T.Splat(x[i]), out var mv, out var kv);
            T.Store(lanes, mv);
            m[i] = lanes[T.Lanes - 1];
            T.Store(lanes, kv);
            k[i] = lanes[T.Lanes - 1];
        }
        return (m, k);
    }

    private static double[] Core(SimdIsa isa, double[] m, double[] k, double[] p)
    {
        var result = new double[m.Length];
        switch (isa)
        {
            case SimdIsa.V128:
                for (int i = 0; i + 2 <= m.Length; i += 2)
                {
                    // p differs per lane here: the core takes p as a vector.
                    VectorPow.Core<Double128, Vector128<double>>(Vector128.Create(m.AsSpan(i, 2)), Vector128.Create(k.AsSpan(i, 2)), Vector128.Create(p.AsSpan(i, 2))).CopyTo(result.AsSpan(i, 2));
                }
                break;
            case SimdIsa.V256:
                for (int i = 0; i + 4 <= m.Length; i += 4)
                {
                    VectorPow.Core<Double256, Vector256<double>>(Vector256.Create(m.AsSpan(i, 4)), Vector256.Create(k.AsSpan(i, 4)), Vector256.Create(p.AsSpan(i, 4))).CopyTo(result.AsSpan(i, 4));
                }
                break;
            default:
                for (int i = 0; i + 8 <= m.Length; i += 8)
                {
                    VectorPow.Core<Double512, Vector512<double>>(Vector512.Create(m.AsSpan(i, 8)), Vector512.Create(k.AsSpan(i, 8)), Vector512.Create(p.AsSpan(i, 8))).CopyTo(result.AsSpan(i, 8));
                }
                break;
        }
        return result;
    }
}
