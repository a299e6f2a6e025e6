using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LiveGrade.Color.Processing.Simd;

namespace LiveGrade.Color.Ops.Cdl;

/// <summary>
/// The forward CDL of <see cref="CdlCpuRenderer"/> in registers, same order and clamps: slope/offset,
/// clampV12, power, saturation (Rec.709 luma), clampV12. Everything but the power rounds exactly as in the
/// scalar renderer. The power, per channel, chosen once here:
/// - exactly 1: skipped (only NaN becomes 0);
/// - by default, for powers in [0.1, 4] (<see cref="FloatVectorPow.Covers"/>): <see cref="FloatVectorPow"/>,
///   single precision at full vector width, within <see cref="FloatVectorPow.MaxUlps"/> ulp of the exact
///   power (the scalar MathF.Pow is within about half an ulp), i.e. 25x inside the 1e-5 the project holds
///   against OpenColorIO and far more accurate than OCIO's own default (fast) CDL power;
/// - with <see cref="SimdStageOptions.ExactCdlPower"/>, or for other powers up to 64: <see cref="VectorPow"/>
///   (double precision, the correctly rounded powf except near ties, so within one ulp of MathF.Pow);
/// - otherwise (|p| &gt; 64, non-finite) MathF.Pow lane by lane.
/// The NaN and sign rules of the scalar Power are kept on every path: x &lt;= 0 passes through, NaN becomes 0,
/// +Inf gives powf(+Inf, p).
/// </summary>
internal sealed class CdlSimdStage : SimdStage
{
    private const float LumaR = 0.2126f, LumaG = 0.7152f, LumaB = 0.0722f;
    private readonly float _sR, _sG, _sB, _oR, _oG, _oB, _sat;
    private readonly bool _clamp;

    // Per channel, chosen here once: which power runs, and what it needs (so the per-vector code makes no
    // call: MathF.Pow(+Inf, p) and the coverage tests are not evaluated per vector).
    private readonly ChannelPower _powR, _powG, _powB;

    private enum PowerPath
    {
        One,
        Fast,
        Exact,
        ByLane,
    }

    private readonly struct ChannelPower
    {
        public readonly PowerPath Path;
        public readonly float P;

        /// <summary>MathF.Pow(+Inf, p), what an infinite input gives.</summary>
        public readonly float AtInfinity;
        public readonly FloatVectorPow.PowerConstants Constants;

        public ChannelPower(float p, bool exact)
        {
            P = p;
            Path = p == 1f ? PowerPath.One
                : !exact && FloatVectorPow.Covers(p) ? PowerPath.Fast
                : VectorPow.Covers(p) ? PowerPath.Exact
                : PowerPath.ByLane;
            AtInfinity = MathF.Pow(float.PositiveInfinity, p);
            Constants = FloatVectorPow.Constants(p);
        }
    }

    public CdlSimdStage(float[] slope, float[] offset, float[] power, float sat, bool clamp, bool exactPower = false)
    {
        (_sR, _sG, _sB) = (slope[0], slope[1], slope[2]);
        (_oR, _oG, _oB) = (offset[0], offset[1], offset[2]);
        _sat = sat;
        _clamp = clamp;
        _powR = new ChannelPower(power[0], exactPower);
        _powG = new ChannelPower(power[1], exactPower);
        _powB = new ChannelPower(power[2], exactPower);
    }

    internal override unsafe void ApplyTile128(float* planes, int planeStride, int vectors) =>
        Tile<Simd128, Vector128<float>, Vector128<int>>(planes, planeStride, vectors);

    internal override unsafe void ApplyTile256(float* planes, int planeStride, int vectors) =>
        Tile<Simd256, Vector256<float>, Vector256<int>>(planes, planeStride, vectors);

    internal override unsafe void ApplyTile512(float* planes, int planeStride, int vectors) =>
        Tile<Simd512, Vector512<float>, Vector512<int>>(planes, planeStride, vectors);

    // A loop over the tile's vectors, which are independent: the CPU runs several vectors' dependency
    // chains at once. R, G and B are locals here (registers), not the references of the per-vector form.
    // Not inlined into ApplyTile*: the JIT's inlining budget grows with the root method, and inlined there the
    // power became a call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private unsafe void Tile<T, TF, TI>(float* planes, int planeStride, int vectors)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        for (int i = 0; i < vectors; i++)
        {
            float* p = planes + i * T.Lanes;
            var r = T.Load(p);
            var g = T.Load(p + planeStride);
            var b = T.Load(p + 2 * planeStride);
            Apply<T, TF, TI>(ref r, ref g, ref b);
            T.Store(p, r);
            T.Store(p + planeStride, g);
            T.Store(p + 2 * planeStride, b);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Apply<T, TF, TI>(ref TF r, ref TF g, ref TF b)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        r = T.Add(T.Mul(r, T.Splat(_sR)), T.Splat(_oR));
        g = T.Add(T.Mul(g, T.Splat(_sG)), T.Splat(_oG));
        b = T.Add(T.Mul(b, T.Splat(_sB)), T.Splat(_oB));
        if (_clamp)
        {
            r = Clamp01<T, TF, TI>(r);
            g = Clamp01<T, TF, TI>(g);
            b = Clamp01<T, TF, TI>(b);
        }
        r = Power<T, TF, TI>(r, in _powR);
        g = Power<T, TF, TI>(g, in _powG);
        b = Power<T, TF, TI>(b, in _powB);
        // Saturation runs even at 1, as in the scalar renderer: luma + 1 * (x - luma) is not always x in floats.
        {
            var luma = T.Add(T.Add(T.Mul(T.Splat(LumaR), r), T.Mul(T.Splat(LumaG), g)), T.Mul(T.Splat(LumaB), b));
            var sat = T.Splat(_sat);
            r = T.Add(luma, T.Mul(sat, T.Sub(r, luma)));
            g = T.Add(luma, T.Mul(sat, T.Sub(g, luma)));
            b = T.Add(luma, T.Mul(sat, T.Sub(b, luma)));
        }
        if (_clamp)
        {
            r = Clamp01<T, TF, TI>(r);
            g = Clamp01<T, TF, TI>(g);
            b = Clamp01<T, TF, TI>(b);
        }
    }

    // max(v, 0) returns 0 for NaN (second operand), then min(., 1): the scalar `v > 0 ? (v < 1 ? v : 1) : 0`.
    // Forced inline: the stage's body is large enough that the JIT otherwise leaves six calls per vector.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TF Clamp01<T, TF, TI>(TF v)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct =>
        T.Min(T.Max(v, T.Splat(0f)), T.Splat(1f));

    // v > 0: v^p by FloatVectorPow (fast) or VectorPow (double-precision log2/exp2, relative error below
    // 1e-12 before rounding, so within one float ulp of MathF.Pow and equal to it except near ties);
    // otherwise v itself, NaN becoming 0, +Inf giving MathF.Pow(+Inf, p). At p = 1 only the NaN rule is
    // left (MathF.Pow(v, 1) == v). Powers VectorPow does not cover (non-finite, |p| > 64) use MathF.Pow.
    // (A float exp(p ln x) with ~1e-6 relative error, from ln x rounded to float before the product with p,
    // was tried once and pushed two CLF comparisons with OpenColorIO past 1e-5; FloatVectorPow keeps
    // p·log2 x as a pair and is about 10x more accurate.)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TF Power<T, TF, TI>(TF v, in ChannelPower power)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        var zero = T.Splat(0f);
        TF pow;
        switch (power.Path)
        {
            case PowerPath.One:
                return T.Select(T.IsNaN(v), zero, v);
            case PowerPath.Fast:
                pow = FloatVectorPow.Pow<T, TF, TI>(v, in power.Constants);
                break;
            case PowerPath.Exact:
                VectorPow.Split<T, TF, TI>(v, out var m, out var k);
                pow = T.PowCore(m, k, power.P);
                break;
            default:
                return PowerByLane<T, TF, TI>(v, power.P);
        }
        pow = T.Select(T.GreaterThan(v, T.Splat(float.MaxValue)), T.Splat(power.AtInfinity), pow);
        return T.Select(T.GreaterThan(v, zero), pow, T.Select(T.IsNaN(v), zero, v));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe TF PowerByLane<T, TF, TI>(TF v, float p)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        float* lanes = stackalloc float[16];
        T.Store(lanes, v);
        for (int i = 0; i < T.Lanes; i++)
        {
            float x = lanes[i];
            lanes[i] = x > 0f ? MathF.Pow(x, p) : (float.IsNaN(x) ? 0f : x);
        }
        return T.Load(lanes);
    }
}
