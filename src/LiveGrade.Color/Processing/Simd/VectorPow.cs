using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LiveGrade.Color.Processing.Simd;

/// <summary>
/// x^p for a vector of positive floats, computed as 2^(p·log2 x) in double precision, so that the float
/// result is the correctly rounded powf except when the exact value lies within ~1e-12 (relative) of a
/// halfway point between two floats: then it may be the other neighbour, one float ulp away. (The scalar
/// renderers call MathF.Pow, i.e. the C library's powf, which is itself not guaranteed correctly rounded.)
///
/// Algorithm (the classic exponent/mantissa reduction of Cephes' log and exp2, and of SLEEF's pow, with
/// plain Taylor coefficients instead of minimax ones so every constant can be checked by hand):
///   1. log2 x = k + log2 m, with the float split by its bits into k (integer) and m in [√½, √2)
///      (subnormal floats are first scaled by 2^24; both parts are exact, then widened to double);
///   2. ln m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ (√2 − 1)/(√2 + 1) = 0.1716, summed as
///      2·(s + s³/3 + … + s¹⁵/15): the first omitted terms are below 2·s¹⁷/17/(1 − s²) = 1.2e-14 (absolute);
///   3. y = p·log2 x, clamped to ±200 (beyond ±150 the float result is already ∞ or 0);
///   4. 2^y = 2^n · e^(f·ln 2) with n = round(y), f = y − n (exact) in [−½, ½], t = f·ln 2, |t| ≤ 0.347,
///      e^t summed to t¹¹/11! (omitted terms below t¹²/12!·e^|t| = 9e-15, relative), 2^n by exponent bits.
/// Error bound before rounding to float: relative ≤ ln 2 · (|p|·1.7e-14 + |y|·2^-52) + 2e-14, i.e. below
/// 2e-13 for |p| ≤ 10 and below 1e-12 for |p| ≤ 64 (<see cref="MaxExponent"/>; larger powers use MathF.Pow).
/// Every operation is a plain double add/mul/div (no FMA), so all instruction sets give the same bits.
/// </summary>
internal static class VectorPow
{
    /// <summary>The largest |p| the error bound above covers.</summary>
    public const float MaxExponent = 64f;

    /// <summary>True when <paramref name="p"/> runs through the vector power (finite, |p| ≤ 64).</summary>
    public static bool Covers(float p) => float.IsFinite(p) && MathF.Abs(p) <= MaxExponent;

    private const int SqrtHalfBits = 0x3F3504F3; // (float)√½
    private const float SmallestNormal = 1.17549435e-38f; // 2^-126
    private const float SubnormalScale = 16777216f; // 2^24

    // 2/ln 2 · 1/(2j+1): log2 m = s·(C0 + C1 s² + … + C7 s¹⁴).
    private const double TwoOverLn2 = 2.8853900817779268; // 2/ln 2
    private const double L0 = TwoOverLn2, L1 = TwoOverLn2 / 3, L2 = TwoOverLn2 / 5, L3 = TwoOverLn2 / 7;
    private const double L4 = TwoOverLn2 / 9, L5 = TwoOverLn2 / 11, L6 = TwoOverLn2 / 13, L7 = TwoOverLn2 / 15;

    // (ln 2)^k / k!: 2^f = Σ E_k f^k, k = 0..11.
    // Shortest round-trip doubles of the exact values (checked with 40-digit decimal arithmetic).
    private const double E1 = 0.6931471805599453, E2 = 0.24022650695910072, E3 = 0.05550410866482158;
    private const double E4 = 0.009618129107628477, E5 = 0.0013333558146428443, E6 = 0.0001540353039338161;
    private const double E7 = 1.5252733804059841e-05, E8 = 1.321548679014431e-06, E9 = 1.01780860092397e-07;
    private const double E10 = 7.054911620801123e-09, E11 = 4.4455382718708116e-10;

    /// <summary>
    /// Splits positive floats into m in [√½, √2) and k with x = m·2^k (both exact floats). Lanes that are
    /// not positive finite floats give some m in that range and some k in [-256, 255]: the caller replaces
    /// their results.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Split<T, TF, TI>(TF x, out TF m, out TF k)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        var subnormal = T.GreaterThan(T.Splat(SmallestNormal), x);
        x = T.Select(subnormal, T.Mul(x, T.Splat(SubnormalScale)), x);
        var bits = T.AsInt(x);
        // Offsetting by √½'s bits before taking the exponent puts the mantissa in [√½, √2) (as musl's log).
        var e = T.ShiftRightArithmetic23(T.AddInt(bits, T.SplatInt(-SqrtHalfBits)));
        m = T.AsFloat(T.SubInt(bits, T.ShiftLeft23(e)));
        k = T.Sub(T.ToFloat(e), T.And(subnormal, T.Splat(24f)));
    }

    /// <summary>2^(p·log2(m·2^k)) in double, for m in [√½, √2) and integral k (see the class comment).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD Core<D, TD>(TD m, TD k, TD p)
        where D : struct, IDoubleOps<TD>
        where TD : struct
    {
        var one = D.Splat(1.0);
        var s = D.Div(D.Sub(m, one), D.Add(m, one));
        var z = D.Mul(s, s);
        var poly = D.Add(D.Mul(D.Splat(L7), z), D.Splat(L6));
        poly = D.Add(D.Mul(poly, z), D.Splat(L5));
        poly = D.Add(D.Mul(poly, z), D.Splat(L4));
        poly = D.Add(D.Mul(poly, z), D.Splat(L3));
        poly = D.Add(D.Mul(poly, z), D.Splat(L2));
        poly = D.Add(D.Mul(poly, z), D.Splat(L1));
        poly = D.Add(D.Mul(poly, z), D.Splat(L0));
        var log2x = D.Add(k, D.Mul(s, poly));

        var y = D.Min(D.Max(D.Mul(p, log2x), D.Splat(-200.0)), D.Splat(200.0));
        var n = D.Round(y);
        var f = D.Sub(y, n);
        var e = D.Add(D.Mul(D.Splat(E11), f), D.Splat(E10));
        e = D.Add(D.Mul(e, f), D.Splat(E9));
        e = D.Add(D.Mul(e, f), D.Splat(E8));
        e = D.Add(D.Mul(e, f), D.Splat(E7));
        e = D.Add(D.Mul(e, f), D.Splat(E6));
        e = D.Add(D.Mul(e, f), D.Splat(E5));
        e = D.Add(D.Mul(e, f), D.Splat(E4));
        e = D.Add(D.Mul(e, f), D.Splat(E3));
        e = D.Add(D.Mul(e, f), D.Splat(E2));
        e = D.Add(D.Mul(e, f), D.Splat(E1));
        e = D.Add(D.Mul(e, f), one);
        return D.Mul(e, D.Exp2Integer(n));
    }
}

/// <summary>The double-precision vector operations of <see cref="VectorPow"/>, one struct per width.</summary>
internal interface IDoubleOps<TD>
    where TD : struct
{
    static abstract TD Splat(double v);
    static abstract TD Add(TD a, TD b);
    static abstract TD Sub(TD a, TD b);
    static abstract TD Mul(TD a, TD b);
    static abstract TD Div(TD a, TD b);
    static abstract TD Min(TD a, TD b);
    static abstract TD Max(TD a, TD b);

    /// <summary>Round to nearest, ties to even (roundpd mode 0).</summary>
    static abstract TD Round(TD a);

    /// <summary>2^n for integral n in [-1022, 1023], built from its exponent bits.</summary>
    static abstract TD Exp2Integer(TD n);
}

internal struct Double128 : IDoubleOps<Vector128<double>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Splat(double v) => Vector128.Create(v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Add(Vector128<double> a, Vector128<double> b) => Sse2.Add(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Sub(Vector128<double> a, Vector128<double> b) => Sse2.Subtract(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Mul(Vector128<double> a, Vector128<double> b) => Sse2.Multiply(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Div(Vector128<double> a, Vector128<double> b) => Sse2.Divide(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Min(Vector128<double> a, Vector128<double> b) => Sse2.Min(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Max(Vector128<double> a, Vector128<double> b) => Sse2.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Round(Vector128<double> a) => Sse41.RoundToNearestInteger(a);

    // n + 2^52 + 1023 holds n + 1023 in its low mantissa bits; shifted into the exponent field it is 2^n.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Exp2Integer(Vector128<double> n) =>
        Sse2.ShiftLeftLogical(Sse2.Add(n, Vector128.Create(4503599627371519.0)).AsInt64(), 52).AsDouble();
}

internal struct Double256 : IDoubleOps<Vector256<double>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Splat(double v) => Vector256.Create(v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => Avx.Add(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Sub(Vector256<double> a, Vector256<double> b) => Avx.Subtract(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Mul(Vector256<double> a, Vector256<double> b) => Avx.Multiply(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Div(Vector256<double> a, Vector256<double> b) => Avx.Divide(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Min(Vector256<double> a, Vector256<double> b) => Avx.Min(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Max(Vector256<double> a, Vector256<double> b) => Avx.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Round(Vector256<double> a) => Avx.RoundToNearestInteger(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp2Integer(Vector256<double> n) =>
        Avx2.ShiftLeftLogical(Avx.Add(n, Vector256.Create(4503599627371519.0)).AsInt64(), 52).AsDouble();
}

internal struct Double512 : IDoubleOps<Vector512<double>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Splat(double v) => Vector512.Create(v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => Avx512F.Add(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Sub(Vector512<double> a, Vector512<double> b) => Avx512F.Subtract(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Mul(Vector512<double> a, Vector512<double> b) => Avx512F.Multiply(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Div(Vector512<double> a, Vector512<double> b) => Avx512F.Divide(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Min(Vector512<double> a, Vector512<double> b) => Avx512F.Min(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Max(Vector512<double> a, Vector512<double> b) => Avx512F.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Round(Vector512<double> a) => Avx512F.RoundScale(a, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp2Integer(Vector512<double> n) =>
        Avx512F.ShiftLeftLogical(Avx512F.Add(n, Vector512.Create(4503599627371519.0)).AsInt64(), 52).AsDouble();
}
