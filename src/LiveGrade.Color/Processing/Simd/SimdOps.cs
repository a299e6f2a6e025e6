using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LiveGrade.Color.Processing.Simd;

/// <summary>
/// The vector operations the fused kernel is written with, once, generic over the width: TF holds
/// <see cref="Lanes"/> floats (one channel of that many pixels), TI as many 32-bit ints (lattice offsets,
/// float bit patterns). Each implementing struct maps to x86 intrinsics of one width, and the JIT
/// specialises and inlines every call, so the generic kernel compiles to straight-line SIMD per width.
///
/// Semantics the scalar reference relies on, kept deliberately:
/// - <see cref="Max"/>/<see cref="Min"/> are x86 maxps/minps: when either operand is NaN the SECOND is
///   returned, so Max(NaN, 0) = 0 — exactly the scalar `x &gt; 0 ? .. : 0` clamps (and -0 becomes +0 there too);
/// - no fused multiply-add anywhere: the scalar renderers are not contracted by the JIT either, so products
///   and sums round in the same places and the SIMD output is bit-identical;
/// - <see cref="Truncate"/> is cvttps2dq, used only on values already clamped to the index range.
/// </summary>
internal unsafe interface ISimdOps<TF, TI>
    where TF : struct
    where TI : struct
{
    static abstract int Lanes { get; }
    static abstract TF Load(float* p);
    static abstract void Store(float* p, TF v);
    /// <summary>A non-temporal store (past the caches) at a 16-byte aligned address, in 128-bit pieces.</summary>
    static abstract void StoreStreaming(float* p, TF v);
    static abstract TF Splat(float v);
    static abstract TI SplatInt(int v);
    static abstract TF Add(TF a, TF b);
    static abstract TF Sub(TF a, TF b);
    static abstract TF Mul(TF a, TF b);

    /// <summary>
    /// a·b + c, fused (one rounding) where the CPU has FMA, else a product then a sum. Used only inside the
    /// single-precision power (<see cref="FloatVectorPow"/>), whose error bound covers both; everything the
    /// scalar renderers mirror bit for bit uses <see cref="Mul"/> and <see cref="Add"/>.
    /// </summary>
    static abstract TF MulAdd(TF a, TF b, TF c);
    static abstract TF Div(TF a, TF b);

    /// <summary>Round to the nearest integer, ties to even (roundps mode 0).</summary>
    static abstract TF Round(TF a);

    /// <summary>
    /// a·2^n for integral n (any magnitude), rounded once: vscalefps on AVX-512; elsewhere n is clamped to
    /// ±252 (far past the float range either way) and applied as two normal powers of two, so a result in
    /// the subnormal range is rounded once, by the second product.
    /// </summary>
    static abstract TF ScaleByExp2(TF a, TF n);
    static abstract TF Max(TF a, TF b);
    static abstract TF Min(TF a, TF b);
    static abstract TF GreaterThan(TF a, TF b);
    static abstract TF IsNaN(TF a);
    static abstract TF And(TF a, TF b);
    static abstract TF Or(TF a, TF b);

    /// <summary>a and not b.</summary>
    static abstract TF AndNot(TF a, TF b);
    static abstract TF Select(TF mask, TF whenTrue, TF whenFalse);
    static abstract TI Truncate(TF a);
    static abstract TF ToFloat(TI a);
    static abstract TI AddInt(TI a, TI b);
    static abstract TI MulInt(TI a, TI b);
    static abstract TI AndInt(TI a, TI b);
    static abstract TI LessThanInt(TI a, TI b);
    static abstract TI MaxInt(TI a, TI b);
    static abstract TI MinInt(TI a, TI b);
    /// <summary>Arithmetic shift right by 13 (float bits to a 10-bit-mantissa table index).</summary>
    static abstract TI ShiftRightArithmetic13(TI a);
    static abstract TI AsInt(TF a);
    static abstract TF AsFloat(TI a);
    static abstract TI SubInt(TI a, TI b);

    /// <summary>Arithmetic shift right by 23 (float bits to the biased exponent, for <see cref="VectorPow"/>).</summary>
    static abstract TI ShiftRightArithmetic23(TI a);
    static abstract TI ShiftLeft23(TI a);

    /// <summary>
    /// (m·2^k)^p per lane, m in [√½, √2) and k integral (from <see cref="VectorPow.Split"/>), evaluated in
    /// double precision on two half-width double vectors (<see cref="VectorPow.Core"/>) and rounded to float.
    /// </summary>
    static abstract TF PowCore(TF m, TF k, double p);

    /// <summary>table[index[i]] per lane (indices in floats, never out of the table).</summary>
    static abstract TF Gather(float* table, TI index);

    /// <summary>
    /// 4x4 transpose inside each 128-bit lane (unpcklps/unpckhps then unpcklpd/unpckhpd). Loaded from
    /// packed RGBA, a..d become R, G, B and A of the same pixels; the pixel order across 128-bit lanes is
    /// permuted (R of a 256-bit load holds pixels 0 2 4 6 | 1 3 5 7), which costs nothing since every pixel
    /// is independent and the same transpose puts them back.
    /// </summary>
    static abstract void Transpose4(ref TF a, ref TF b, ref TF c, ref TF d);

    /// <summary>Runs one fused stage on R, G, B vectors of this width.</summary>
    static abstract void ApplyStage(SimdStage stage, ref TF r, ref TF g, ref TF b);

    /// <summary>Runs one fused stage on a tile of planes of this width (<see cref="SimdStage.ApplyTile512"/>).</summary>
    static abstract void ApplyStageTile(SimdStage stage, float* planes, int planeStride, int vectors);
}

internal unsafe struct Simd128 : ISimdOps<Vector128<float>, Vector128<int>>
{
    public static int Lanes => 4;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Load(float* p) => Sse.LoadVector128(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(float* p, Vector128<float> v) => Sse.Store(p, v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreStreaming(float* p, Vector128<float> v) => Sse.StoreAlignedNonTemporal(p, v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Splat(float v) => Vector128.Create(v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> SplatInt(int v) => Vector128.Create(v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => Sse.Add(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Sub(Vector128<float> a, Vector128<float> b) => Sse.Subtract(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Mul(Vector128<float> a, Vector128<float> b) => Sse.Multiply(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> MulAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : Sse.Add(Sse.Multiply(a, b), c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Div(Vector128<float> a, Vector128<float> b) => Sse.Divide(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Round(Vector128<float> a) => Sse41.RoundToNearestInteger(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ScaleByExp2(Vector128<float> a, Vector128<float> n)
    {
        var ni = Sse41.Min(Sse41.Max(Sse2.ConvertToVector128Int32WithTruncation(n), Vector128.Create(-252)), Vector128.Create(252));
        var n1 = Sse2.ShiftRightArithmetic(ni, 1);
        var bias = Vector128.Create(127);
        var s1 = Sse2.ShiftLeftLogical(Sse2.Add(n1, bias), 23).AsSingle();
        var s2 = Sse2.ShiftLeftLogical(Sse2.Add(Sse2.Subtract(ni, n1), bias), 23).AsSingle();
        return Sse.Multiply(Sse.Multiply(a, s1), s2);
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Max(Vector128<float> a, Vector128<float> b) => Sse.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Min(Vector128<float> a, Vector128<float> b) => Sse.Min(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> GreaterThan(Vector128<float> a, Vector128<float> b) => Sse.CompareGreaterThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> IsNaN(Vector128<float> a) => Sse.CompareUnordered(a, a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> And(Vector128<float> a, Vector128<float> b) => Sse.And(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Or(Vector128<float> a, Vector128<float> b) => Sse.Or(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> AndNot(Vector128<float> a, Vector128<float> b) => Vector128.AndNot(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Select(Vector128<float> m, Vector128<float> t, Vector128<float> f) => Sse41.BlendVariable(f, t, m);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> Truncate(Vector128<float> a) => Sse2.ConvertToVector128Int32WithTruncation(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> ToFloat(Vector128<int> a) => Sse2.ConvertToVector128Single(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> AddInt(Vector128<int> a, Vector128<int> b) => Sse2.Add(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> MulInt(Vector128<int> a, Vector128<int> b) => Sse41.MultiplyLow(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> AndInt(Vector128<int> a, Vector128<int> b) => Sse2.And(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> LessThanInt(Vector128<int> a, Vector128<int> b) => Sse2.CompareLessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> MaxInt(Vector128<int> a, Vector128<int> b) => Sse41.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> MinInt(Vector128<int> a, Vector128<int> b) => Sse41.Min(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> ShiftRightArithmetic13(Vector128<int> a) => Sse2.ShiftRightArithmetic(a, 13);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> AsInt(Vector128<float> a) => a.AsInt32();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> AsFloat(Vector128<int> a) => a.AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> SubInt(Vector128<int> a, Vector128<int> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> ShiftRightArithmetic23(Vector128<int> a) => Vector128.ShiftRightArithmetic(a, 23);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> ShiftLeft23(Vector128<int> a) => Vector128.ShiftLeft(a, 23);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Gather(float* table, Vector128<int> index)
    {
        if (Avx2.IsSupported)
        {
            return Avx2.GatherVector128(table, index, 4);
        }
        return Vector128.Create(table[index.GetElement(0)], table[index.GetElement(1)], table[index.GetElement(2)], table[index.GetElement(3)]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose4(ref Vector128<float> a, ref Vector128<float> b, ref Vector128<float> c, ref Vector128<float> d)
    {
        var t0 = Sse.UnpackLow(a, b).AsDouble();
        var t1 = Sse.UnpackLow(c, d).AsDouble();
        var t2 = Sse.UnpackHigh(a, b).AsDouble();
        var t3 = Sse.UnpackHigh(c, d).AsDouble();
        a = Sse2.UnpackLow(t0, t1).AsSingle();
        b = Sse2.UnpackHigh(t0, t1).AsSingle();
        c = Sse2.UnpackLow(t2, t3).AsSingle();
        d = Sse2.UnpackHigh(t2, t3).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> PowCore(Vector128<float> m, Vector128<float> k, double p)
    {
        var pd = Vector128.Create(p);
        var mHigh = Sse.MoveHighToLow(m, m);
        var kHigh = Sse.MoveHighToLow(k, k);
        var low = VectorPow.Core<Double128, Vector128<double>>(Sse2.ConvertToVector128Double(m), Sse2.ConvertToVector128Double(k), pd);
        var high = VectorPow.Core<Double128, Vector128<double>>(Sse2.ConvertToVector128Double(mHigh), Sse2.ConvertToVector128Double(kHigh), pd);
        return Sse.MoveLowToHigh(Sse2.ConvertToVector128Single(low), Sse2.ConvertToVector128Single(high));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ApplyStage(SimdStage stage, ref Vector128<float> r, ref Vector128<float> g, ref Vector128<float> b) => stage.Apply128(ref r, ref g, ref b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ApplyStageTile(SimdStage stage, float* planes, int planeStride, int vectors) => stage.ApplyTile128(planes, planeStride, vectors);
}

internal unsafe struct Simd256 : ISimdOps<Vector256<float>, Vector256<int>>
{
    public static int Lanes => 8;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(float* p) => Avx.LoadVector256(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(float* p, Vector256<float> v) => Avx.Store(p, v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreStreaming(float* p, Vector256<float> v)
    {
        Sse.StoreAlignedNonTemporal(p, v.GetLower());
        Sse.StoreAlignedNonTemporal(p + 4, v.GetUpper());
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Splat(float v) => Vector256.Create(v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> SplatInt(int v) => Vector256.Create(v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => Avx.Add(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Sub(Vector256<float> a, Vector256<float> b) => Avx.Subtract(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Mul(Vector256<float> a, Vector256<float> b) => Avx.Multiply(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> MulAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : Avx.Add(Avx.Multiply(a, b), c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Div(Vector256<float> a, Vector256<float> b) => Avx.Divide(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Round(Vector256<float> a) => Avx.RoundToNearestInteger(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ScaleByExp2(Vector256<float> a, Vector256<float> n)
    {
        var ni = Avx2.Min(Avx2.Max(Avx.ConvertToVector256Int32WithTruncation(n), Vector256.Create(-252)), Vector256.Create(252));
        var n1 = Avx2.ShiftRightArithmetic(ni, 1);
        var bias = Vector256.Create(127);
        var s1 = Avx2.ShiftLeftLogical(Avx2.Add(n1, bias), 23).AsSingle();
        var s2 = Avx2.ShiftLeftLogical(Avx2.Add(Avx2.Subtract(ni, n1), bias), 23).AsSingle();
        return Avx.Multiply(Avx.Multiply(a, s1), s2);
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Avx.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Min(Vector256<float> a, Vector256<float> b) => Avx.Min(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> GreaterThan(Vector256<float> a, Vector256<float> b) => Avx.CompareGreaterThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> IsNaN(Vector256<float> a) => Avx.CompareUnordered(a, a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> And(Vector256<float> a, Vector256<float> b) => Avx.And(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Or(Vector256<float> a, Vector256<float> b) => Avx.Or(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> AndNot(Vector256<float> a, Vector256<float> b) => Vector256.AndNot(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Select(Vector256<float> m, Vector256<float> t, Vector256<float> f) => Avx.BlendVariable(f, t, m);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> Truncate(Vector256<float> a) => Avx.ConvertToVector256Int32WithTruncation(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> ToFloat(Vector256<int> a) => Avx.ConvertToVector256Single(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> AddInt(Vector256<int> a, Vector256<int> b) => Avx2.Add(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> MulInt(Vector256<int> a, Vector256<int> b) => Avx2.MultiplyLow(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> AndInt(Vector256<int> a, Vector256<int> b) => Avx2.And(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> LessThanInt(Vector256<int> a, Vector256<int> b) => Avx2.CompareGreaterThan(b, a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> MaxInt(Vector256<int> a, Vector256<int> b) => Avx2.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> MinInt(Vector256<int> a, Vector256<int> b) => Avx2.Min(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> ShiftRightArithmetic13(Vector256<int> a) => Avx2.ShiftRightArithmetic(a, 13);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> AsInt(Vector256<float> a) => a.AsInt32();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> AsFloat(Vector256<int> a) => a.AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> SubInt(Vector256<int> a, Vector256<int> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> ShiftRightArithmetic23(Vector256<int> a) => Vector256.ShiftRightArithmetic(a, 23);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> ShiftLeft23(Vector256<int> a) => Vector256.ShiftLeft(a, 23);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Gather(float* table, Vector256<int> index) => Avx2.GatherVector256(table, index, 4);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose4(ref Vector256<float> a, ref Vector256<float> b, ref Vector256<float> c, ref Vector256<float> d)
    {
        var t0 = Avx.UnpackLow(a, b).AsDouble();
        var t1 = Avx.UnpackLow(c, d).AsDouble();
        var t2 = Avx.UnpackHigh(a, b).AsDouble();
        var t3 = Avx.UnpackHigh(c, d).AsDouble();
        a = Avx.UnpackLow(t0, t1).AsSingle();
        b = Avx.UnpackHigh(t0, t1).AsSingle();
        c = Avx.UnpackLow(t2, t3).AsSingle();
        d = Avx.UnpackHigh(t2, t3).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> PowCore(Vector256<float> m, Vector256<float> k, double p)
    {
        var pd = Vector256.Create(p);
        var low = VectorPow.Core<Double256, Vector256<double>>(Avx.ConvertToVector256Double(m.GetLower()), Avx.ConvertToVector256Double(k.GetLower()), pd);
        var high = VectorPow.Core<Double256, Vector256<double>>(Avx.ConvertToVector256Double(m.GetUpper()), Avx.ConvertToVector256Double(k.GetUpper()), pd);
        // InsertVector128 rather than Vector256.Create(lower, upper), which the JIT left as a call.
        return Avx.InsertVector128(Avx.ConvertToVector128Single(low).ToVector256Unsafe(), Avx.ConvertToVector128Single(high), 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ApplyStage(SimdStage stage, ref Vector256<float> r, ref Vector256<float> g, ref Vector256<float> b) => stage.Apply256(ref r, ref g, ref b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ApplyStageTile(SimdStage stage, float* planes, int planeStride, int vectors) => stage.ApplyTile256(planes, planeStride, vectors);
}

internal unsafe struct Simd512 : ISimdOps<Vector512<float>, Vector512<int>>
{
    public static int Lanes => 16;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(float* p) => Avx512F.LoadVector512(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(float* p, Vector512<float> v) => Avx512F.Store(p, v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreStreaming(float* p, Vector512<float> v)
    {
        if (((nint)p & 63) == 0)
        {
            Avx512F.StoreAlignedNonTemporal(p, v);
            return;
        }
        Sse.StoreAlignedNonTemporal(p, v.GetLower().GetLower());
        Sse.StoreAlignedNonTemporal(p + 4, v.GetLower().GetUpper());
        Sse.StoreAlignedNonTemporal(p + 8, v.GetUpper().GetLower());
        Sse.StoreAlignedNonTemporal(p + 12, v.GetUpper().GetUpper());
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Splat(float v) => Vector512.Create(v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> SplatInt(int v) => Vector512.Create(v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => Avx512F.Add(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Sub(Vector512<float> a, Vector512<float> b) => Avx512F.Subtract(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Mul(Vector512<float> a, Vector512<float> b) => Avx512F.Multiply(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> MulAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Avx512F.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Div(Vector512<float> a, Vector512<float> b) => Avx512F.Divide(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Round(Vector512<float> a) => Avx512F.RoundScale(a, 0);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> ScaleByExp2(Vector512<float> a, Vector512<float> n) => Avx512F.Scale(a, n);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Avx512F.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Min(Vector512<float> a, Vector512<float> b) => Avx512F.Min(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> GreaterThan(Vector512<float> a, Vector512<float> b) => Vector512.GreaterThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> IsNaN(Vector512<float> a) => ~Vector512.Equals(a, a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> And(Vector512<float> a, Vector512<float> b) => a & b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Or(Vector512<float> a, Vector512<float> b) => a | b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> AndNot(Vector512<float> a, Vector512<float> b) => Vector512.AndNot(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Select(Vector512<float> m, Vector512<float> t, Vector512<float> f) => Vector512.ConditionalSelect(m, t, f);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> Truncate(Vector512<float> a) => Avx512F.ConvertToVector512Int32WithTruncation(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> ToFloat(Vector512<int> a) => Avx512F.ConvertToVector512Single(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> AddInt(Vector512<int> a, Vector512<int> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> MulInt(Vector512<int> a, Vector512<int> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> AndInt(Vector512<int> a, Vector512<int> b) => a & b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> LessThanInt(Vector512<int> a, Vector512<int> b) => Vector512.LessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> MaxInt(Vector512<int> a, Vector512<int> b) => Avx512F.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> MinInt(Vector512<int> a, Vector512<int> b) => Avx512F.Min(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> ShiftRightArithmetic13(Vector512<int> a) => Vector512.ShiftRightArithmetic(a, 13);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> AsInt(Vector512<float> a) => a.AsInt32();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> AsFloat(Vector512<int> a) => a.AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> SubInt(Vector512<int> a, Vector512<int> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> ShiftRightArithmetic23(Vector512<int> a) => Vector512.ShiftRightArithmetic(a, 23);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> ShiftLeft23(Vector512<int> a) => Vector512.ShiftLeft(a, 23);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    // (.NET has no 512-bit gather.) InsertVector256 into the widened lower half rather than Vector512.Create:
    // inlined into a stage's loop over a tile, Create became two inserts into a loop-carried local that the
    // JIT stored to the stack after every gather.
    public static Vector512<float> Gather(float* table, Vector512<int> index) =>
        Avx512F.InsertVector256(Gather256(table, index.GetLower()).ToVector512Unsafe(), Gather256(table, index.GetUpper()), 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Gather256(float* table, Vector256<int> index) => Avx2.GatherVector256(table, index, 4);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose4(ref Vector512<float> a, ref Vector512<float> b, ref Vector512<float> c, ref Vector512<float> d)
    {
        var t0 = Avx512F.UnpackLow(a, b).AsDouble();
        var t1 = Avx512F.UnpackLow(c, d).AsDouble();
        var t2 = Avx512F.UnpackHigh(a, b).AsDouble();
        var t3 = Avx512F.UnpackHigh(c, d).AsDouble();
        a = Avx512F.UnpackLow(t0, t1).AsSingle();
        b = Avx512F.UnpackHigh(t0, t1).AsSingle();
        c = Avx512F.UnpackLow(t2, t3).AsSingle();
        d = Avx512F.UnpackHigh(t2, t3).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> PowCore(Vector512<float> m, Vector512<float> k, double p)
    {
        var pd = Vector512.Create(p);
        var low = VectorPow.Core<Double512, Vector512<double>>(Avx512F.ConvertToVector512Double(m.GetLower()), Avx512F.ConvertToVector512Double(k.GetLower()), pd);
        var high = VectorPow.Core<Double512, Vector512<double>>(Avx512F.ConvertToVector512Double(m.GetUpper()), Avx512F.ConvertToVector512Double(k.GetUpper()), pd);
        // InsertVector256 rather than Vector512.Create(lower, upper), which the JIT left as two calls.
        return Avx512F.InsertVector256(Avx512F.ConvertToVector256Single(low).ToVector512Unsafe(), Avx512F.ConvertToVector256Single(high), 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ApplyStage(SimdStage stage, ref Vector512<float> r, ref Vector512<float> g, ref Vector512<float> b) => stage.Apply512(ref r, ref g, ref b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ApplyStageTile(SimdStage stage, float* planes, int planeStride, int vectors) => stage.ApplyTile512(planes, planeStride, vectors);
}
