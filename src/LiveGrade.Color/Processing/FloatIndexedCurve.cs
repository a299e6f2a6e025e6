using LiveGrade.Color.Ops;

namespace LiveGrade.Color.Processing;

/// <summary>
/// A per-channel curve (a display encoding such as the Rec.1886 inverse EOTF, PQ or the HLG OETF) as a
/// table indexed by the bits of the input float: the exponent and the top 10 mantissa bits pick an entry
/// (1024 entries per power of two, from 2^-24 to 2^8), the remaining 13 bits interpolate linearly. The
/// entries are therefore spaced in proportion to the value, which follows the steep start of root and
/// log-like curves that a uniform table (or a 3D LUT lattice) cannot: linear interpolation over a step of
/// x/1024 errs by at most |x² f''(x)|/8 · 1024^-2, 3e-8 of the value for x^(1/2.4) (tested against the exact
/// Rec.1886, PQ and HLG encodings: within 1e-6). (A table of 256 entries per octave, a quarter the size, was
/// tried for cache footprint and made the live demo 5-10% slower, not faster: the cost is the gathers.)
/// Inputs at or below 2^-24 (and negatives, NaN) take the curve's value at 0, inputs above 256 its value at 256.
/// Used by the live CPU renderer after a 3D LUT that ends in display-linear light. Thread-safe.
/// </summary>
public sealed class FloatIndexedCurve : IColorOpCpuRenderer, Simd.ISimdFusable
{
    private const int MinExponent = -24;
    private const int MaxExponent = 8;
    private const int EntriesPerOctave = 1024;
    private const int IndexShift = 23 - 10;                   // float bits >> 13: exponent and top 10 mantissa bits
    internal const int FractionMask = (1 << IndexShift) - 1;  // the 13 bits below
    internal const float FractionScale = 1f / (1 << IndexShift);
    private const int Entries = (MaxExponent - MinExponent) * EntriesPerOctave + 1;
    private const int FirstIndexBits = (127 + MinExponent) << 10; // (float bits >> 13) of 2^MinExponent
    private readonly float[][] _tables = new float[3][];
    private readonly float[] _atZero = new float[3];

    /// <summary>Samples <paramref name="curve"/> (ops that treat R, G and B independently) into the table.</summary>
    public FloatIndexedCurve(OpList curve)
    {
        var processor = new CpuProcessor(curve);
        var samples = new float[(Entries + 1) * 4];
        for (int i = 0; i < Entries; i++)
        {
            float x = BitConverter.Int32BitsToSingle((FirstIndexBits + i) << IndexShift);
            samples[i * 4] = samples[i * 4 + 1] = samples[i * 4 + 2] = x;
            samples[i * 4 + 3] = 1f;
        }
        // Last sample: 0, for the values below the table.
        samples[Entries * 4 + 3] = 1f;
        processor.Apply(samples);
        for (int c = 0; c < 3; c++)
        {
            _tables[c] = new float[Entries + 1];
            for (int i = 0; i < Entries; i++) _tables[c][i] = samples[i * 4 + c];
            _tables[c][Entries] = _tables[c][Entries - 1]; // so that i + 1 is always valid
            _atZero[c] = samples[Entries * 4 + c];
        }
    }

    Simd.SimdStage Simd.ISimdFusable.CreateSimdStage(Simd.SimdStageOptions options) => new FloatIndexedCurveSimdStage(_tables, _atZero, Entries, FirstIndexBits);

    public void Apply(Span<float> rgba)
    {
        for (int c = 0; c < 3; c++)
        {
            var table = _tables[c];
            var zero = _atZero[c];
            for (int p = c; p < rgba.Length; p += 4)
            {
                rgba[p] = Lookup(table, zero, rgba[p]);
            }
        }
    }

    private static float Lookup(float[] table, float zero, float x)
    {
        int bits = BitConverter.SingleToInt32Bits(x);
        int index = (bits >> IndexShift) - FirstIndexBits;
        if (index < 0 || bits < 0) return zero;            // tiny, negative (sign bit) or -NaN
        if (index >= Entries - 1) return x > 0 ? table[Entries - 1] : zero; // huge, +Inf, +NaN (NaN > 0 is false)
        float frac = (bits & FractionMask) * FractionScale;
        float a = table[index];
        return a + (table[index + 1] - a) * frac;
    }
}
