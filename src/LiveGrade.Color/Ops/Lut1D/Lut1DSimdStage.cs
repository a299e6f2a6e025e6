using System.Runtime.Intrinsics;
using LiveGrade.Color.Processing.Simd;

namespace LiveGrade.Color.Ops.Lut1D;

/// <summary>
/// <see cref="Lut1DCpuRenderer"/> (forward, uniform domain) in registers with gathers: index =
/// clamp((x - min) * scale, 0, N-1) (NaN to 0 through maxps), low = trunc(index), high = min(low + 1, N-1),
/// out = (lut[low] - lut[high]) * (high - index) + lut[high] — the scalar operations in the scalar order,
/// so the output is bit-identical.
/// </summary>
internal sealed unsafe class Lut1DSimdStage : SimdStage
{
    private readonly float[] _red, _green, _blue;
    private readonly float _minR, _minG, _minB, _scaleR, _scaleG, _scaleB, _maxIndex;
    private readonly int _last;

    public Lut1DSimdStage(float[] red, float[] green, float[] blue, float[] min, float[] scale, int last)
    {
        (_red, _green, _blue) = (Pinned(red), Pinned(green), Pinned(blue));
        (_minR, _minG, _minB) = (min[0], min[1], min[2]);
        (_scaleR, _scaleG, _scaleB) = (scale[0], scale[1], scale[2]);
        _last = last;
        _maxIndex = last;
    }

    internal override void Apply128(ref Vector128<float> r, ref Vector128<float> g, ref Vector128<float> b) =>
        Apply<Simd128, Vector128<float>, Vector128<int>>(ref r, ref g, ref b);

    internal override void Apply256(ref Vector256<float> r, ref Vector256<float> g, ref Vector256<float> b) =>
        Apply<Simd256, Vector256<float>, Vector256<int>>(ref r, ref g, ref b);

    internal override void Apply512(ref Vector512<float> r, ref Vector512<float> g, ref Vector512<float> b) =>
        Apply<Simd512, Vector512<float>, Vector512<int>>(ref r, ref g, ref b);

    private void Apply<T, TF, TI>(ref TF r, ref TF g, ref TF b)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        // The tables live on the pinned object heap (see SimdStage.Pinned): their addresses never change.
        fixed (float* red = _red, green = _green, blue = _blue)
        {
            r = Lookup<T, TF, TI>(red, T.Mul(T.Sub(r, T.Splat(_minR)), T.Splat(_scaleR)));
            g = Lookup<T, TF, TI>(green, T.Mul(T.Sub(g, T.Splat(_minG)), T.Splat(_scaleG)));
            b = Lookup<T, TF, TI>(blue, T.Mul(T.Sub(b, T.Splat(_minB)), T.Splat(_scaleB)));
        }
    }

    private TF Lookup<T, TF, TI>(float* table, TF index)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        index = T.Min(T.Max(index, T.Splat(0f)), T.Splat(_maxIndex));
        var low = T.Truncate(index);
        var high = T.MinInt(T.AddInt(low, T.SplatInt(1)), T.SplatInt(_last));
        var delta = T.Sub(T.ToFloat(high), index);
        var hv = T.Gather(table, high);
        return T.Add(T.Mul(T.Sub(T.Gather(table, low), hv), delta), hv);
    }
}
