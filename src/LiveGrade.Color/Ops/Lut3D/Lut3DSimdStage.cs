using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LiveGrade.Color.Processing.Simd;

namespace LiveGrade.Color.Ops.Lut3D;

/// <summary>
/// <see cref="Lut3DCpuRenderer"/> in registers: the index maths of the scalar renderer lane by lane, the
/// lattice read with gathers (12 per vector for tetrahedral: 4 corners x R, G, B; 24 for trilinear), and
/// the same products and sums in the same order without FMA, so the output is bit-identical to the scalar
/// renderer (the tests compare bit patterns).
///
/// Tetrahedral without branches: the scalar renderer picks one of six tetrahedra from the comparisons
/// fx &gt; fy, fy &gt; fz, fx &gt; fz, fz &gt; fy, fz &gt; fx (OCIO's order, ties included). Every tetrahedron is
/// "walk the axes from the largest fraction to the smallest": out = (1 - f1) c000 + (f1 - f2) cA + (f2 - f3) cB
/// + f3 c111, cA one step along the first axis, cB one more along the second. So per lane the kernel selects
/// (f1, f2, f3) and the two axis strides from the same comparisons:
///   case (scalar branch)     first second third
///   x&gt;y, y&gt;z              x     y      z
///   x&gt;y, !(y&gt;z), x&gt;z      x     z      y
///   x&gt;y, !(y&gt;z), !(x&gt;z)   z     x      y
///   !(x&gt;y), z&gt;y           z     y      x
///   !(x&gt;y), !(z&gt;y), z&gt;x   y     z      x
///   otherwise             y     x      z
/// </summary>
internal sealed unsafe class Lut3DSimdStage : SimdStage
{
    private readonly float[] _lut;
    private readonly int _last, _strideG, _strideB;
    private readonly float _maxIndex, _minR, _minG, _minB, _scaleR, _scaleG, _scaleB;
    private readonly bool _tetrahedral;
    private const int StrideR = 3;

    public Lut3DSimdStage(float[] lut, int size, float[] min, float[] scale, bool tetrahedral)
    {
        _lut = Pinned(lut);
        _last = size - 1;
        _maxIndex = _last;
        _strideG = 3 * size;
        _strideB = 3 * size * size;
        (_minR, _minG, _minB) = (min[0], min[1], min[2]);
        (_scaleR, _scaleG, _scaleB) = (scale[0], scale[1], scale[2]);
        _tetrahedral = tetrahedral;
    }

    internal override unsafe void ApplyTile128(float* planes, int planeStride, int vectors) =>
        Tile<Simd128, Vector128<float>, Vector128<int>>(planes, planeStride, vectors);

    internal override unsafe void ApplyTile256(float* planes, int planeStride, int vectors) =>
        Tile<Simd256, Vector256<float>, Vector256<int>>(planes, planeStride, vectors);

    internal override unsafe void ApplyTile512(float* planes, int planeStride, int vectors) =>
        Tile<Simd512, Vector512<float>, Vector512<int>>(planes, planeStride, vectors);

    // Loops over the tile's vectors, which are independent: the CPU overlaps one vector's gathers with the
    // next one's index maths. One loop per interpolation, so each compiles with everything inlined and R, G,
    // B in registers (with both in one loop the JIT left the trilinear blends as calls and kept R, G, B on
    // the stack). Not inlined into their caller: the JIT's inlining budget grows with the root method, and
    // inlined into the small Tile the loops' own inlinees (the blends, the gathers) became calls.
    private unsafe void Tile<T, TF, TI>(float* planes, int planeStride, int vectors)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        fixed (float* lut = _lut)
        {
            if (_tetrahedral)
            {
                TetrahedralTile<T, TF, TI>(lut, planes, planeStride, vectors);
            }
            else
            {
                TrilinearTile<T, TF, TI>(lut, planes, planeStride, vectors);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private unsafe void TetrahedralTile<T, TF, TI>(float* lut, float* planes, int planeStride, int vectors)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        for (int i = 0; i < vectors; i++)
        {
            float* p = planes + i * T.Lanes;
            Index<T, TF, TI>(T.Load(p), T.Load(p + planeStride), T.Load(p + 2 * planeStride),
                out var o000, out var dr, out var dg, out var db, out var fx, out var fy, out var fz);
            Tetrahedral<T, TF, TI>(lut, o000, dr, dg, db, fx, fy, fz, out var r, out var g, out var b);
            T.Store(p, r);
            T.Store(p + planeStride, g);
            T.Store(p + 2 * planeStride, b);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private unsafe void TrilinearTile<T, TF, TI>(float* lut, float* planes, int planeStride, int vectors)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        for (int i = 0; i < vectors; i++)
        {
            float* p = planes + i * T.Lanes;
            Index<T, TF, TI>(T.Load(p), T.Load(p + planeStride), T.Load(p + 2 * planeStride),
                out var o000, out var dr, out var dg, out var db, out var fx, out var fy, out var fz);
            Trilinear<T, TF, TI>(lut, o000, dr, dg, db, fx, fy, fz, out var r, out var g, out var b);
            T.Store(p, r);
            T.Store(p + planeStride, g);
            T.Store(p + 2 * planeStride, b);
        }
    }

    // The lattice cell of each lane: the offset of its lower corner, the step up each axis and the fractions.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Index<T, TF, TI>(TF r, TF g, TF b, out TI o000, out TI dr, out TI dg, out TI db, out TF fx, out TF fy, out TF fz)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        var zero = T.Splat(0f);
        var maxIndex = T.Splat(_maxIndex);
        // Clamp as the scalar ClampIndex: maxps(i, 0) sends NaN to 0, then minps caps at N-1.
        var ir = T.Min(T.Max(T.Mul(T.Sub(r, T.Splat(_minR)), T.Splat(_scaleR)), zero), maxIndex);
        var ig = T.Min(T.Max(T.Mul(T.Sub(g, T.Splat(_minG)), T.Splat(_scaleG)), zero), maxIndex);
        var ib = T.Min(T.Max(T.Mul(T.Sub(b, T.Splat(_minB)), T.Splat(_scaleB)), zero), maxIndex);
        var lr = T.Truncate(ir);
        var lg = T.Truncate(ig);
        var lb = T.Truncate(ib);
        fx = T.Sub(ir, T.ToFloat(lr));
        fy = T.Sub(ig, T.ToFloat(lg));
        fz = T.Sub(ib, T.ToFloat(lb));

        var strideR = T.SplatInt(StrideR);
        var strideG = T.SplatInt(_strideG);
        var strideB = T.SplatInt(_strideB);
        var last = T.SplatInt(_last);
        o000 = T.AddInt(T.AddInt(T.MulInt(lr, strideR), T.MulInt(lg, strideG)), T.MulInt(lb, strideB));
        // One step up each axis, 0 at the last lattice index (the scalar `lr < last ? stride : 0`).
        dr = T.AndInt(T.LessThanInt(lr, last), strideR);
        dg = T.AndInt(T.LessThanInt(lg, last), strideG);
        db = T.AndInt(T.LessThanInt(lb, last), strideB);
    }

    private static void Tetrahedral<T, TF, TI>(float* lut, TI o000, TI dr, TI dg, TI db, TF fx, TF fy, TF fz,
        out TF r, out TF g, out TF b)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        var xy = T.GreaterThan(fx, fy);
        var yz = T.GreaterThan(fy, fz);
        var xz = T.GreaterThan(fx, fz);
        var zy = T.GreaterThan(fz, fy);
        var zx = T.GreaterThan(fz, fx);
        // The six cases of the class notes as lane masks.
        // The first five cases of the class notes as lane masks (AndNot(a, b) = a and not b); the sixth is
        // what none of them selects.
        var c1 = T.And(xy, yz);
        var c2 = T.AndNot(T.And(xy, xz), yz);
        var c3 = T.AndNot(T.AndNot(xy, yz), xz);
        var c4 = T.AndNot(zy, xy);
        var c5 = T.AndNot(T.AndNot(zx, xy), zy);

        // First axis: x in c1, c2; z in c3, c4; y in c5, c6. Second: y in c1, c4; z in c2, c5; x in c3, c6.
        // Third: y in c2, c3; x in c4, c5; z in c1, c6.
        var firstX = T.Or(c1, c2);
        var firstZ = T.Or(c3, c4);
        var secondY = T.Or(c1, c4);
        var secondZ = T.Or(c2, c5);
        var thirdY = T.Or(c2, c3);
        var thirdX = T.Or(c4, c5);
        var f1 = T.Select(firstX, fx, T.Select(firstZ, fz, fy));
        var f2 = T.Select(secondY, fy, T.Select(secondZ, fz, fx));
        var f3 = T.Select(thirdY, fy, T.Select(thirdX, fx, fz));
        var dA = T.AsInt(T.Select(firstX, T.AsFloat(dr), T.Select(firstZ, T.AsFloat(db), T.AsFloat(dg))));
        var dB = T.AsInt(T.Select(secondY, T.AsFloat(dg), T.Select(secondZ, T.AsFloat(db), T.AsFloat(dr))));

        var oA = T.AddInt(o000, dA);
        var oB = T.AddInt(oA, dB);
        var o111 = T.AddInt(T.AddInt(T.AddInt(o000, dr), dg), db);
        var w0 = T.Sub(T.Splat(1f), f1);
        var wA = T.Sub(f1, f2);
        var wB = T.Sub(f2, f3);
        var w1 = f3;

        r = Blend<T, TF, TI>(lut, o000, oA, oB, o111, w0, wA, wB, w1);
        g = Blend<T, TF, TI>(lut + 1, o000, oA, oB, o111, w0, wA, wB, w1);
        b = Blend<T, TF, TI>(lut + 2, o000, oA, oB, o111, w0, wA, wB, w1);
    }

    // ((w0 c0 + wA cA) + wB cB) + w1 c1: the scalar renderer's left-to-right sum.
    private static TF Blend<T, TF, TI>(float* lut, TI o0, TI oA, TI oB, TI o1, TF w0, TF wA, TF wB, TF w1)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct =>
        T.Add(T.Add(T.Add(T.Mul(w0, T.Gather(lut, o0)), T.Mul(wA, T.Gather(lut, oA))), T.Mul(wB, T.Gather(lut, oB))),
            T.Mul(w1, T.Gather(lut, o1)));

    private static void Trilinear<T, TF, TI>(float* lut, TI o000, TI dr, TI dg, TI db, TF wr, TF wg, TF wb,
        out TF r, out TF g, out TF b)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        var one = T.Splat(1f);
        var vr = T.Sub(one, wr);
        var vg = T.Sub(one, wg);
        var vb = T.Sub(one, wb);
        var oG = T.AddInt(o000, dg);
        var oR = T.AddInt(o000, dr);
        var oRG = T.AddInt(oR, dg);
        r = TrilinearChannel<T, TF, TI>(lut, o000, oG, oR, oRG, db, vr, vg, vb, wr, wg, wb);
        g = TrilinearChannel<T, TF, TI>(lut + 1, o000, oG, oR, oRG, db, vr, vg, vb, wr, wg, wb);
        b = TrilinearChannel<T, TF, TI>(lut + 2, o000, oG, oR, oRG, db, vr, vg, vb, wr, wg, wb);
    }

    // Along blue, then green, then red, each a * (1 - w) + b * w (the scalar renderer's order).
    private static TF TrilinearChannel<T, TF, TI>(float* lut, TI o, TI oG, TI oR, TI oRG, TI db,
        TF vr, TF vg, TF vb, TF wr, TF wg, TF wb)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        var b00 = T.Add(T.Mul(T.Gather(lut, o), vb), T.Mul(T.Gather(lut, T.AddInt(o, db)), wb));
        var b01 = T.Add(T.Mul(T.Gather(lut, oG), vb), T.Mul(T.Gather(lut, T.AddInt(oG, db)), wb));
        var b10 = T.Add(T.Mul(T.Gather(lut, oR), vb), T.Mul(T.Gather(lut, T.AddInt(oR, db)), wb));
        var b11 = T.Add(T.Mul(T.Gather(lut, oRG), vb), T.Mul(T.Gather(lut, T.AddInt(oRG, db)), wb));
        var g0 = T.Add(T.Mul(b00, vg), T.Mul(b01, wg));
        var g1 = T.Add(T.Mul(b10, vg), T.Mul(b11, wg));
        return T.Add(T.Mul(g0, vr), T.Mul(g1, wr));
    }
}
