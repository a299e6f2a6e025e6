using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LiveGrade.Color.Processing.Simd;

namespace LiveGrade.Color.Processing;

/// <summary>
/// <see cref="FloatIndexedCurve"/>'s polynomial form in registers: per lane the octave from the float's
/// exponent, t from its mantissa, each of the 8 coefficients picked from the octave's 32 entries by permutes
/// (AVX-512: one vpermt2ps over two registers; AVX2: four vpermps and a two-level blend; 128-bit: per lane),
/// then Horner's rule with separate multiply and add (no FMA) in the scalar order, so the pixels are
/// bit-identical to the scalar <see cref="FloatIndexedCurve.Apply"/>. Memory is touched only for the
/// coefficient rows (1 KiB a channel, in L1), never for a table gather.
/// </summary>
internal sealed unsafe class FloatIndexedCurvePolynomialStage : SimdStage
{
    private const int N = FloatIndexedCurve.Degree + 1;
    private const int Octaves = FloatIndexedCurve.Octaves;
    private const int FirstOctaveExponent = 127 - 24; // biased exponent of 2^-24, octave 0
    private readonly float[] _poly; // [channel][coefficient][octave], pinned
    private readonly float _zeroR, _zeroG, _zeroB, _topR, _topG, _topB;
    private readonly bool _shared; // the three channels' curves are the same

    public FloatIndexedCurvePolynomialStage(float[] poly, float[] atZero, float[] top)
    {
        if (Octaves != 32) throw new InvalidOperationException("the permutes assume 32 octaves");
        _poly = Pinned(poly);
        (_zeroR, _zeroG, _zeroB) = (atZero[0], atZero[1], atZero[2]);
        (_topR, _topG, _topB) = (top[0], top[1], top[2]);
        int n = N * Octaves;
        _shared = poly.AsSpan(0, n).SequenceEqual(poly.AsSpan(n, n)) && poly.AsSpan(0, n).SequenceEqual(poly.AsSpan(2 * n, n))
            && atZero[0] == atZero[1] && atZero[0] == atZero[2] && top[0] == top[1] && top[0] == top[2];
    }

    internal override void Apply512(ref Vector512<float> r, ref Vector512<float> g, ref Vector512<float> b)
    {
        fixed (float* p = _poly)
        {
            if (_shared)
            {
                Curve512Shared(p, ref r, ref g, ref b);
                return;
            }
            r = Curve512(p, _zeroR, _topR, r);
            g = Curve512(p + N * Octaves, _zeroG, _topG, g);
            b = Curve512(p + 2 * N * Octaves, _zeroB, _topB, b);
        }
    }

    internal override void Apply256(ref Vector256<float> r, ref Vector256<float> g, ref Vector256<float> b)
    {
        fixed (float* p = _poly)
        {
            r = Curve256(p, _zeroR, _topR, r);
            g = Curve256(p + N * Octaves, _zeroG, _topG, g);
            b = Curve256(p + 2 * N * Octaves, _zeroB, _topB, b);
        }
    }

    internal override void Apply128(ref Vector128<float> r, ref Vector128<float> g, ref Vector128<float> b)
    {
        fixed (float* p = _poly)
        {
            r = Curve128(p, _zeroR, _topR, r);
            g = Curve128(p + N * Octaves, _zeroG, _topG, g);
            b = Curve128(p + 2 * N * Octaves, _zeroB, _topB, b);
        }
    }

    /// <summary>
    /// The three channels at once when they share one curve (a display encoding does): each coefficient row is
    /// loaded once for all three, and the three Horner chains interleave (each step waits on the last otherwise).
    /// The same operations per lane as <see cref="Curve512"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Curve512Shared(float* c, ref Vector512<float> r, ref Vector512<float> g, ref Vector512<float> b)
    {
        var bias = Vector512.Create(FirstOctaveExponent);
        var mantissa = Vector512.Create(0x7FFFFF);
        var scale = Vector512.Create(FloatIndexedCurve.MantissaScale);
        var br = r.AsInt32(); var bg = g.AsInt32(); var bb = b.AsInt32();
        var or = Vector512.ShiftRightArithmetic(br, 23) - bias;
        var og = Vector512.ShiftRightArithmetic(bg, 23) - bias;
        var ob = Vector512.ShiftRightArithmetic(bb, 23) - bias;
        var tr = Avx512F.ConvertToVector512Single(br & mantissa) * scale;
        var tg = Avx512F.ConvertToVector512Single(bg & mantissa) * scale;
        var tb = Avx512F.ConvertToVector512Single(bb & mantissa) * scale;
        const int D = FloatIndexedCurve.Degree;
        var lo = Avx512F.LoadVector512(c + D * Octaves);
        var hi = Avx512F.LoadVector512(c + D * Octaves + 16);
        var yr = Avx512F.PermuteVar16x32x2(lo, or, hi);
        var yg = Avx512F.PermuteVar16x32x2(lo, og, hi);
        var yb = Avx512F.PermuteVar16x32x2(lo, ob, hi);
        for (int j = D - 1; j >= 0; j--)
        {
            lo = Avx512F.LoadVector512(c + j * Octaves);
            hi = Avx512F.LoadVector512(c + j * Octaves + 16);
            yr = Avx512F.Add(Avx512F.Multiply(yr, tr), Avx512F.PermuteVar16x32x2(lo, or, hi));
            yg = Avx512F.Add(Avx512F.Multiply(yg, tg), Avx512F.PermuteVar16x32x2(lo, og, hi));
            yb = Avx512F.Add(Avx512F.Multiply(yb, tb), Avx512F.PermuteVar16x32x2(lo, ob, hi));
        }
        r = OutsideTheTable512(r, or, yr, _zeroR, _topR);
        g = OutsideTheTable512(g, og, yg, _zeroR, _topR);
        b = OutsideTheTable512(b, ob, yb, _zeroR, _topR);
    }

    /// <summary>The lanes outside the 32 octaves: below (tiny, negative, -NaN) the value at 0; from 256 up the top value for x &gt; 0, else (+NaN) the value at 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> OutsideTheTable512(Vector512<float> x, Vector512<int> octave, Vector512<float> y, float zero, float top)
    {
        var zeroV = Vector512.Create(zero);
        var below = Vector512.LessThan(octave, Vector512<int>.Zero).AsSingle();
        var above = Vector512.GreaterThan(octave, Vector512.Create(Octaves - 1)).AsSingle();
        var high = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), Vector512.Create(top), zeroV);
        return Vector512.ConditionalSelect(below, zeroV, Vector512.ConditionalSelect(above, high, y));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Curve512(float* c, float zero, float top, Vector512<float> x)
    {
        var bits = x.AsInt32();
        var octave = Vector512.ShiftRightArithmetic(bits, 23) - Vector512.Create(FirstOctaveExponent);
        var t = Avx512F.ConvertToVector512Single(bits & Vector512.Create(0x7FFFFF)) * Vector512.Create(FloatIndexedCurve.MantissaScale);
        // vpermt2ps uses the index's low 5 bits: lanes outside 0..31 get some coefficient and are replaced below.
        var y = Avx512F.PermuteVar16x32x2(Avx512F.LoadVector512(c + FloatIndexedCurve.Degree * Octaves), octave, Avx512F.LoadVector512(c + FloatIndexedCurve.Degree * Octaves + 16));
        for (int j = FloatIndexedCurve.Degree - 1; j >= 0; j--)
        {
            var cj = Avx512F.PermuteVar16x32x2(Avx512F.LoadVector512(c + j * Octaves), octave, Avx512F.LoadVector512(c + j * Octaves + 16));
            y = Avx512F.Add(Avx512F.Multiply(y, t), cj);
        }
        return OutsideTheTable512(x, octave, y, zero, top);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Curve256(float* c, float zero, float top, Vector256<float> x)
    {
        var bits = x.AsInt32();
        var octave = Vector256.ShiftRightArithmetic(bits, 23) - Vector256.Create(FirstOctaveExponent);
        var t = Avx.ConvertToVector256Single(bits & Vector256.Create(0x7FFFFF)) * Vector256.Create(FloatIndexedCurve.MantissaScale);
        // Octave bits 3 and 4 choose among the four 8-entry quarters that vpermps (bits 0-2) picks from.
        var bit3 = Vector256.Equals(octave & Vector256.Create(8), Vector256.Create(8)).AsSingle();
        var bit4 = Vector256.Equals(octave & Vector256.Create(16), Vector256.Create(16)).AsSingle();
        var y = Select32(c + FloatIndexedCurve.Degree * Octaves, octave, bit3, bit4);
        for (int j = FloatIndexedCurve.Degree - 1; j >= 0; j--)
        {
            y = Avx.Add(Avx.Multiply(y, t), Select32(c + j * Octaves, octave, bit3, bit4));
        }
        var below = Vector256.LessThan(octave, Vector256<int>.Zero).AsSingle();
        var above = Vector256.GreaterThan(octave, Vector256.Create(Octaves - 1)).AsSingle();
        var zeroV = Vector256.Create(zero);
        var high = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), Vector256.Create(top), zeroV);
        return Vector256.ConditionalSelect(below, zeroV, Vector256.ConditionalSelect(above, high, y));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Select32(float* row, Vector256<int> index, Vector256<float> bit3, Vector256<float> bit4)
    {
        var q0 = Avx2.PermuteVar8x32(Avx.LoadVector256(row), index);
        var q1 = Avx2.PermuteVar8x32(Avx.LoadVector256(row + 8), index);
        var q2 = Avx2.PermuteVar8x32(Avx.LoadVector256(row + 16), index);
        var q3 = Avx2.PermuteVar8x32(Avx.LoadVector256(row + 24), index);
        return Avx.BlendVariable(Avx.BlendVariable(q0, q1, bit3), Avx.BlendVariable(q2, q3, bit3), bit4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Curve128(float* c, float zero, float top, Vector128<float> x)
    {
        // Per lane, as the scalar lookup (the 128-bit path is the fallback for machines without AVX2).
        return Vector128.Create(Lane(c, zero, top, x.GetElement(0)), Lane(c, zero, top, x.GetElement(1)),
            Lane(c, zero, top, x.GetElement(2)), Lane(c, zero, top, x.GetElement(3)));
    }

    private static float Lane(float* c, float zero, float top, float x)
    {
        int bits = BitConverter.SingleToInt32Bits(x);
        int octave = (bits >> 23) - FirstOctaveExponent;
        if (octave < 0) return zero;
        if (octave >= Octaves) return x > 0 ? top : zero;
        float t = (bits & 0x7FFFFF) * FloatIndexedCurve.MantissaScale;
        float y = c[FloatIndexedCurve.Degree * Octaves + octave];
        for (int j = FloatIndexedCurve.Degree - 1; j >= 0; j--) y = y * t + c[j * Octaves + octave];
        return y;
    }
}
