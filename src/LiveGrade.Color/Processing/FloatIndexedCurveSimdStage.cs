using System.Runtime.Intrinsics;
using LiveGrade.Color.Processing.Simd;

namespace LiveGrade.Color.Processing;

/// <summary>
/// <see cref="FloatIndexedCurve"/> in registers: the table index from the float's bits (arithmetic shift,
/// so negatives and -NaN come out below the table), one gather pair per channel, the same interpolation
/// a + (b - a) * frac, and selects for the out-of-table cases (below: the value at 0; above: the last entry
/// for x &gt; 0, the value at 0 for +NaN). Bit-identical to the scalar lookup.
/// </summary>
internal sealed unsafe class FloatIndexedCurveSimdStage : SimdStage
{
    private readonly float[] _red, _green, _blue;
    private readonly float _zeroR, _zeroG, _zeroB;
    private readonly int _entries, _firstIndexBits;

    public FloatIndexedCurveSimdStage(float[][] tables, float[] atZero, int entries, int firstIndexBits)
    {
        // A display encoding is usually the same curve on the three channels: one pinned table then serves all
        // three, a third of the cache footprint (128 KiB a table, beside the 3D LUT's lattice in L2).
        _red = Pinned(tables[0]);
        _green = tables[1].AsSpan().SequenceEqual(tables[0]) ? _red : Pinned(tables[1]);
        _blue = tables[2].AsSpan().SequenceEqual(tables[0]) ? _red : tables[2].AsSpan().SequenceEqual(tables[1]) ? _green : Pinned(tables[2]);
        (_zeroR, _zeroG, _zeroB) = (atZero[0], atZero[1], atZero[2]);
        _entries = entries;
        _firstIndexBits = firstIndexBits;
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
        fixed (float* red = _red, green = _green, blue = _blue)
        {
            r = Lookup<T, TF, TI>(red, _zeroR, r);
            g = Lookup<T, TF, TI>(green, _zeroG, g);
            b = Lookup<T, TF, TI>(blue, _zeroB, b);
        }
    }

    private TF Lookup<T, TF, TI>(float* table, float zero, TF x)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        var bits = T.AsInt(x);
        var index = T.AddInt(T.ShiftRightArithmetic13(bits), T.SplatInt(-_firstIndexBits));
        // Gather only inside the table; the lanes outside are replaced below.
        var safe = T.MinInt(T.MaxInt(index, T.SplatInt(0)), T.SplatInt(_entries - 2));
        var frac = T.Mul(T.ToFloat(T.AndInt(bits, T.SplatInt(FloatIndexedCurve.FractionMask))), T.Splat(FloatIndexedCurve.FractionScale));
        var a = T.Gather(table, safe);
        var inside = T.Add(a, T.Mul(T.Sub(T.Gather(table, T.AddInt(safe, T.SplatInt(1))), a), frac));
        var zeroV = T.Splat(zero);
        var below = T.AsFloat(T.LessThanInt(index, T.SplatInt(0)));
        var above = T.AsFloat(T.LessThanInt(T.SplatInt(_entries - 2), index));
        var high = T.Select(T.GreaterThan(x, T.Splat(0f)), T.Splat(table[_entries - 1]), zeroV);
        return T.Select(below, zeroV, T.Select(above, high, inside));
    }
}
