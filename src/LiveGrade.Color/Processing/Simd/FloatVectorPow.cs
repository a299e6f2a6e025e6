using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LiveGrade.Color.Processing.Simd;

/// <summary>
/// x^p for a vector of positive floats in single precision at the full vector width (16, 8 or 4 lanes), the
/// CDL's default power in the fused kernel. It is 2^(p·log2 x), as OpenColorIO's own CPU CDL computes it with
/// SSE (SSE.h ssePower: exponent/mantissa split, a polynomial for log2 of the mantissa and one for exp2 of
/// the fraction), but carried far more accurately: OCIO's polynomials give about 15 bits, this about 22.
///
/// Algorithm (p is one channel's power, fixed per stage, so everything that depends on p alone is computed
/// once, in double, by <see cref="Constants"/>):
///   1. x = m·2^k with m in [√½, √2) and integral k, both exact (<see cref="VectorPow.Split"/>: subnormal x is
///      first scaled by 2^24);
///   2. s = (m − 1)/(m + 1), |s| ≤ 0.1716, corrected for the roundings of m + 1 and of the division (exactly
///      with FMA, see the code), so s is good to a few parts in 2^-28; z = s² ≤ 0.0295;
///   3. log2 m = s·(c0 + z·R(z)), c0 = 2/ln 2, R a degree-2 Chebyshev (near-minimax) fit of
///      (log2((1+s)/(1−s))/s − c0)/z, relative error 2.9e-9. p is folded into the coefficients, and p·c0 is
///      split into a float pair, so p·log2 m = s·(p c0)_hi + s·((p c0)_lo + z·pR(z)) is rounded once;
///   4. y = p·k + p·log2 m kept as an unevaluated pair: p is split into p_hi (its top 12 bits, so p_hi·k is
///      exact for |k| ≤ 2^8) and p_lo; A = p_hi·k, B = p_lo·k + p·log2 m;
///   5. n = round(A + B), f = (A − n) + B (A − n is exact for p ≥ 2^-11), |f| ≤ ½ + 2^-12;
///   6. 2^f = 1 + f·G(f), G a degree-5 Chebyshev fit of (2^f − 1)/f on [−½ − 2^-12, ½ + 2^-12] (2^f to
///      8.9e-9 relative), then ·2^n with one rounding (<see cref="ISimdOps{TF, TI}.ScaleByExp2"/>), so
///      results below 2^-126 are properly rounded subnormals and results past the float range are ∞.
/// Cost per 16 lanes: one division and about 40 float operations, against two half-width double evaluations
/// (two divisions, ~70 operations and four conversions) for <see cref="VectorPow"/>.
///
/// At 512 bits (AVX-512) steps 1 to 3 take another form, 31 operations in all and no division (the fused CDL +
/// 33³ LUT spends a third less time in the power: benchmarks/RESULTS.md, 2026-11-25):
///   1'. x = m·2^k with m in [3/4, 3/2) by vgetmantps and vgetexpps (exact, subnormals included; k + 1 where
///       getmant halved a mantissa in [3/2, 2));
///   2'. j = the top 4 bits of bits(m) − bits(3/4), one of 16 runs of the mantissa's bit pattern; c_j = 1/invc_j
///       with invc_j the run's 1/midpoint rounded to float (1 for the run [1, 1 + 1/16), so log2 1 = 0 exactly),
///       from a 16-entry table by vpermps; r = m·invc_j − 1 (one FMA), r in [−0.0286, 0.0625];
///   3'. p·log2 m = p·log2 c_j + r·pQ(r), p·log2 c_j a float pair per run (two more vpermps, computed once per
///       power in double), Q a cubic Chebyshev fit of log2(1 + r)/r with |r·Q(r) − log2(1 + r)| &lt; 8.8e-9.
/// Steps 4 to 6 are the same. Its error stays inside the same bound: over every 61st float of [2^-24, 2^8] (the
/// dense test) worst 0.95 ulp at p = 0.1, 1.05 at 1.1, 1.36 at 2.4 and 1.56 at 4 (mean 0.26 to 0.32); 2.07 ulp
/// over the random test; every float of [1/2, 2) (each run of the table in both binades) is tested too.
///
/// Error bound (<see cref="MaxUlps"/>), in ulp of the exact result (ulp of the exact value's binade; 2^-149
/// for subnormal results): 2.5 ulp with FMA (every AVX2 and AVX-512 CPU), 4 without (the 128-bit path on
/// an older CPU), over every positive float x and every p in [0.1, 4]; i.e. relative error below 3e-7 (4.8e-7)
/// for normal results. Measured against Math.Pow on every float x in [2^-24, 2^8] (2^28 values) for
/// p = 1.1, 2.4, 3.7 and 4: worst 1.33, 2.03, 2.15, 2.24 ulp with FMA (mean 0.27 to 0.36), 2.83 and 3.36 ulp
/// without FMA at p = 2.4 and 4; the error grows with p·log2 m (the roundings of p·log2 m, of B and of f).
/// FloatVectorPowTests asserts the bound densely over that domain and on random positive floats with random
/// p in [0.1, 4]. For comparison, the project's tolerance against OpenColorIO is 1e-5 (about 80 ulp at 1.0),
/// OCIO's own fast CDL power (ssePower, used at OCIO's default CPU optimisation level) is good to about 3e-5,
/// and MathF.Pow (glibc powf, what the scalar renderer calls) is within about half an ulp.
/// Powers outside [<see cref="MinExponent"/>, <see cref="MaxExponent"/>] are not covered: the CDL uses the
/// double-precision <see cref="VectorPow"/> for them. Lanes that are zero, negative, NaN or ∞ are the
/// caller's (the CDL keeps the scalar renderer's rules for them).
/// </summary>
internal static class FloatVectorPow
{
    /// <summary>The smallest power covered (the bound above is measured from here).</summary>
    public const float MinExponent = 0.1f;

    /// <summary>The largest power covered: the error grows with p (worst 1.33 ulp at p = 1.1, 2.24 at 4).</summary>
    public const float MaxExponent = 4f;

    /// <summary>The documented bound with FMA (every AVX2 and AVX-512 CPU), in ulp of the exact result.</summary>
    public const double MaxUlpsWithFma = 2.5;

    /// <summary>The documented bound on a CPU without FMA (the 128-bit path then multiplies and adds apart).</summary>
    public const double MaxUlpsWithoutFma = 4;

    /// <summary>The bound for this CPU, in ulp of the exact result, that the tests assert.</summary>
    public static double MaxUlps => Fma.IsSupported ? MaxUlpsWithFma : MaxUlpsWithoutFma;

    /// <summary>True when <paramref name="p"/> runs through this power.</summary>
    public static bool Covers(float p) => p >= MinExponent && p <= MaxExponent;

    // 2/ln 2 in double; p·c0 is split at construction.
    private const double C0 = 2.8853900817779268;

    // R(z) = R1 + z·(R2 + z·R3): Chebyshev fit on z in [0, (3 − 2√2)²] (mpmath chebyfit, 40 digits).
    private const double R1 = 0.9617969393730164, R2 = 0.5769161581993103, R3 = 0.42674845457077026;

    // G(f) = G0 + f·(G1 + … + f·G5), (2^f − 1)/f on [−½ − 2^-12, ½ + 2^-12] (mpmath chebyfit).
    private const float G0 = 0.6931471824645996f, G1 = 0.24022650718688965f, G2 = 0.055503569543361664f;
    private const float G3 = 0.009618082083761692f, G4 = 0.001339091919362545f, G5 = 0.00015453211381100118f;

    /// <summary>The per-power constants of steps 2 and 3.</summary>
    public readonly struct PowerConstants
    {
        public readonly float PHi, PLo, PC0Hi, PC0Lo, PR1, PR2, PR3;

        // The AVX-512 form's: p·log2 c_j as a float pair per table entry, and p·Q's coefficients.
        public readonly Vector512<float> PLogCHi, PLogCLo;
        public readonly float PQ0, PQ1, PQ2, PQ3;

        public PowerConstants(float p)
        {
            Span<float> hi = stackalloc float[16], lo = stackalloc float[16];
            for (int j = 0; j < 16; j++)
            {
                // c_j = 1/invc_j exactly, so log2 c_j = -log2 invc_j (double: far below the pair's 2^-48).
                double pLogC = -p * System.Math.Log2(s_invC[j]);
                hi[j] = (float)pLogC;
                lo[j] = (float)(pLogC - hi[j]);
            }
            PLogCHi = Vector512.Create((ReadOnlySpan<float>)hi);
            PLogCLo = Vector512.Create((ReadOnlySpan<float>)lo);
            (PQ0, PQ1, PQ2, PQ3) = ((float)(p * Q0), (float)(p * Q1), (float)(p * Q2), (float)(p * Q3));
            // Top 12 significant bits of p: the low 12 of its 23 stored mantissa bits cleared.
            PHi = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(p) & ~0xFFF);
            PLo = p - PHi; // exact
            double pc0 = p * C0;
            PC0Hi = (float)pc0;
            PC0Lo = (float)(pc0 - PC0Hi);
            (PR1, PR2, PR3) = ((float)(p * R1), (float)(p * R2), (float)(p * R3));
        }
    }

    // The AVX-512 form's reduction table: m in [3/4, 3/2) (vgetmantps) is cut into 16 equal runs of its bit
    // pattern (2^19 floats each; j = the top 4 bits of bits(m) - bits(3/4)), 1/32 wide below 1 and 1/16 above.
    // invc_j is 1/(the run's midpoint) rounded to float, except invc_8 = 1 for the run [1, 1 + 1/16) so that
    // log2 1 = 0 exactly (1^p = 1, (2^k)^p exact for integral p·k). r = m·invc_j - 1 lies in [-0.0286, 0.0625].
    private static readonly float[] s_invC = BuildInvC();
    private static readonly Vector512<float> s_invCVector = Vector512.Create(s_invC);

    // Q(r) = Q0 + r·(Q1 + r·(Q2 + r·Q3)) ≈ log2(1 + r)/r on [-0.0286, 0.0625] (mpmath chebyfit, 40 digits):
    // |r·Q(r) - log2(1 + r)| < 8.8e-9 there.
    private const double Q0 = 1.4426950344634104, Q1 = -0.7213613993313377, Q2 = 0.4810046314641066, Q3 = -0.3422245410477973;

    private static float[] BuildInvC()
    {
        var invC = new float[16];
        for (int j = 0; j < 16; j++)
        {
            double lo = BitConverter.Int32BitsToSingle(0x3F400000 + (j << 19));
            double hi = BitConverter.Int32BitsToSingle(0x3F400000 + ((j + 1) << 19));
            invC[j] = j == 8 ? 1f : (float)(2 / (lo + hi));
        }
        return invC;
    }

    /// <summary>The constants for power <paramref name="p"/> (covered: see <see cref="Covers"/>).</summary>
    public static PowerConstants Constants(float p) => new(p);

    /// <summary>
    /// x^p per lane for positive finite x; lanes holding anything else (≤ 0, NaN, ∞) give some finite or
    /// infinite value that the caller replaces.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF Pow<T, TF, TI>(TF x, in PowerConstants c)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        if (T.Lanes == 16)
        {
            var result = Pow512(Unsafe.As<TF, Vector512<float>>(ref x), in c);
            return Unsafe.As<Vector512<float>, TF>(ref result);
        }
        VectorPow.Split<T, TF, TI>(x, out var m, out var k);
        var one = T.Splat(1f);
        var d = T.Add(m, one);
        var s0 = T.Div(T.Sub(m, one), d);
        // s0 carries two roundings (of m + 1 and of the division), each worth p·0.4 ulp in the result: both are
        // taken out. de = (m + 1) − d exactly; r = s0·d − (m − 1), exact with FMA; then
        // s = s0 − (r + s0·de)/(m + 1), with 1/(m + 1) = (1 − s0)/2.
        var de = T.Sub(m, T.Sub(d, one));
        var r0 = T.MulAdd(s0, d, T.Sub(one, m));
        var e = T.MulAdd(s0, de, r0);
        var s = T.MulAdd(e, T.MulAdd(s0, T.Splat(0.5f), T.Splat(-0.5f)), s0);
        var z = T.Mul(s, s);
        var r = T.MulAdd(T.MulAdd(T.Splat(c.PR3), z, T.Splat(c.PR2)), z, T.Splat(c.PR1));
        var tail = T.MulAdd(r, z, T.Splat(c.PC0Lo));
        var pLog2m = T.MulAdd(s, T.Splat(c.PC0Hi), T.Mul(s, tail));

        var a = T.Mul(T.Splat(c.PHi), k);
        var b = T.MulAdd(T.Splat(c.PLo), k, pLog2m);
        var n = T.Round(T.Add(a, b));
        var f = T.Add(T.Sub(a, n), b);

        var g = T.MulAdd(T.Splat(G5), f, T.Splat(G4));
        g = T.MulAdd(g, f, T.Splat(G3));
        g = T.MulAdd(g, f, T.Splat(G2));
        g = T.MulAdd(g, f, T.Splat(G1));
        g = T.MulAdd(g, f, T.Splat(G0));
        var exp2f = T.MulAdd(g, f, one);
        return T.ScaleByExp2(exp2f, n);
    }

    /// <summary>
    /// The AVX-512 form (see the class notes): the split by vgetexpps/vgetmantps (subnormals included) and log2
    /// of the mantissa from a 16-entry table (vpermps) and a cubic, no division; 2^f as in the other form.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Pow512(Vector512<float> x, in PowerConstants c)
    {
        var one = Vector512.Create(1f);
        // x = m·2^k, m in [3/4, 3/2): getmant's interval [3/4, 3/2) halves mantissas in [3/2, 2), one more in k.
        var m = Avx512F.GetMantissa(x, 0x03);
        var k = Avx512F.GetExponent(x);
        k = Vector512.ConditionalSelect(Vector512.LessThan(m, one), Avx512F.Add(k, one), k);
        var j = Avx512F.ShiftRightLogical(Avx512F.Subtract(m.AsInt32(), Vector512.Create(0x3F400000)), 19);
        var r = Avx512F.FusedMultiplyAdd(m, Avx512F.PermuteVar16x32(s_invCVector, j), Vector512.Create(-1f));
        var q = Avx512F.FusedMultiplyAdd(Vector512.Create(c.PQ3), r, Vector512.Create(c.PQ2));
        q = Avx512F.FusedMultiplyAdd(q, r, Vector512.Create(c.PQ1));
        q = Avx512F.FusedMultiplyAdd(q, r, Vector512.Create(c.PQ0));
        // p·log2 m = p·log2 c_j + p·log2(1 + r), the table's pair low part added first.
        var pLog2m = Avx512F.Add(Avx512F.FusedMultiplyAdd(r, q, Avx512F.PermuteVar16x32(c.PLogCLo, j)), Avx512F.PermuteVar16x32(c.PLogCHi, j));

        var a = Avx512F.Multiply(Vector512.Create(c.PHi), k);
        var b = Avx512F.FusedMultiplyAdd(Vector512.Create(c.PLo), k, pLog2m);
        var n = Avx512F.RoundScale(Avx512F.Add(a, b), 0);
        var f = Avx512F.Add(Avx512F.Subtract(a, n), b);

        var g = Avx512F.FusedMultiplyAdd(Vector512.Create(G5), f, Vector512.Create(G4));
        g = Avx512F.FusedMultiplyAdd(g, f, Vector512.Create(G3));
        g = Avx512F.FusedMultiplyAdd(g, f, Vector512.Create(G2));
        g = Avx512F.FusedMultiplyAdd(g, f, Vector512.Create(G1));
        g = Avx512F.FusedMultiplyAdd(g, f, Vector512.Create(G0));
        return Avx512F.Scale(Avx512F.FusedMultiplyAdd(g, f, one), n);
    }
}
