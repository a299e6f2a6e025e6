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
/// Inputs below 2^-24 (and negatives, NaN) take the curve's value at 0, inputs from 256 up its value at 256.
/// Smooth curves are then evaluated in a second form, one polynomial per octave (<see cref="Polynomial"/>),
/// chosen at construction only where it matches the table's samples within 4e-7: on AMD's slow gathers it made
/// the look's curve stage 7x cheaper (12.9 to 1.7 ms at 1080p on one core).
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

    /// <summary>Octaves the table spans, 2^-24 to 2^8: one polynomial each in <see cref="Polynomial"/> form.</summary>
    internal const int Octaves = MaxExponent - MinExponent;

    /// <summary>Degree of the per-octave polynomials (8 coefficients).</summary>
    internal const int Degree = 7;

    /// <summary>
    /// Largest error a polynomial form may have against the table's exact samples, relative to max(|value|, 1e-3)
    /// as the class promises for the table (1e-6), with room for the float evaluation's own rounding.
    /// </summary>
    internal const double PolynomialTolerance = 4e-7;

    /// <summary>
    /// The curve as one degree-7 polynomial per octave and channel, when every octave fits within
    /// <see cref="PolynomialTolerance"/> (smooth curves do: the Rec.1886 inverse within 3e-8 of the value, PQ
    /// within 5e-8; HLG's switch from square root to log inside an octave does not, and keeps the table):
    /// [channel][coefficient j][octave], value = Σ c_j t^j with t the mantissa's fraction in [0, 1), evaluated
    /// by Horner's rule in float without FMA. Null: the table serves. The SIMD stage then picks each lane's
    /// coefficients with in-register permutes (32 octaves: two AVX-512 registers) instead of gathering two table
    /// entries from memory per channel, which was 40% of the live look's cost (perf, the demo).
    /// </summary>
    internal float[]? Polynomial { get; }

    /// <summary>"polynomial" or "table": how <see cref="Apply"/> and the SIMD stage evaluate the curve.</summary>
    public string Form => Polynomial is null ? "table" : "polynomial";

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
        Polynomial = FitOctaves(processor, _tables);
    }

    /// <summary>
    /// Fits each octave of each channel with the polynomial through its 8 Chebyshev nodes (near-minimax), rounds
    /// the coefficients to float and checks the float evaluation against every table sample of the octave and
    /// against the curve half-way between them; null when any octave misses <see cref="PolynomialTolerance"/>.
    /// </summary>
    private static float[]? FitOctaves(CpuProcessor processor, float[][] tables)
    {
        const int N = Degree + 1;
        var nodes = new double[N];
        for (int k = 0; k < N; k++) nodes[k] = 0.5 + 0.5 * System.Math.Cos(System.Math.PI * (k + 0.5) / N);
        // The curve at the nodes (and half-way between table entries, for the check), every octave at once.
        var at = new float[Octaves * (N + EntriesPerOctave) * 4];
        for (int o = 0; o < Octaves; o++)
        {
            double scale = System.Math.Pow(2, MinExponent + o);
            for (int k = 0; k < N + EntriesPerOctave; k++)
            {
                double t = k < N ? nodes[k] : (k - N + 0.5) / EntriesPerOctave;
                int i = ((o * (N + EntriesPerOctave)) + k) * 4;
                at[i] = at[i + 1] = at[i + 2] = (float)((1 + t) * scale);
                at[i + 3] = 1f;
            }
        }
        var x = (float[])at.Clone();
        processor.Apply(at);
        var poly = new float[3 * N * Octaves];
        var a = new double[N, N + 1];
        for (int c = 0; c < 3; c++)
        {
            for (int o = 0; o < Octaves; o++)
            {
                int first = o * (N + EntriesPerOctave);
                for (int k = 0; k < N; k++)
                {
                    // The node as the float the curve was sampled at, so the system matches the samples exactly.
                    double t = x[(first + k) * 4] / System.Math.Pow(2, MinExponent + o) - 1, p = 1;
                    for (int j = 0; j < N; j++, p *= t) a[k, j] = p;
                    a[k, N] = at[(first + k) * 4 + c];
                }
                if (!Solve(a, N)) return null;
                for (int j = 0; j < N; j++) poly[(c * N + j) * Octaves + o] = (float)a[j, N];
                // Check: every table entry of the octave (t = i/1024) and the half-way points between them.
                var table = tables[c];
                for (int i = 0; i < EntriesPerOctave; i++)
                {
                    float onEntry = Evaluate(poly, c, o, i * (1f / EntriesPerOctave));
                    float exact = table[o * EntriesPerOctave + i];
                    float between = Evaluate(poly, c, o, (i + 0.5f) * (1f / EntriesPerOctave));
                    float exactBetween = at[(first + N + i) * 4 + c];
                    if (!Close(onEntry, exact) || !Close(between, exactBetween)) return null;
                }
            }
        }
        return poly;

        static bool Close(float value, float exact) =>
            float.IsFinite(value) && System.Math.Abs(value - exact) <= PolynomialTolerance * System.Math.Max(System.Math.Abs(exact), 1e-3);
    }

    /// <summary>Gauss-Jordan elimination with partial pivoting on an N x (N+1) system; the solution is left in column N.</summary>
    private static bool Solve(double[,] a, int n)
    {
        for (int i = 0; i < n; i++)
        {
            int pivot = i;
            for (int r = i + 1; r < n; r++) if (System.Math.Abs(a[r, i]) > System.Math.Abs(a[pivot, i])) pivot = r;
            if (a[pivot, i] == 0 || !double.IsFinite(a[pivot, i])) return false;
            for (int col = 0; col <= n; col++) (a[i, col], a[pivot, col]) = (a[pivot, col], a[i, col]);
            for (int r = 0; r < n; r++)
            {
                if (r == i) continue;
                double f = a[r, i] / a[i, i];
                for (int col = i; col <= n; col++) a[r, col] -= f * a[i, col];
            }
        }
        for (int i = 0; i < n; i++) a[i, n] /= a[i, i];
        return true;
    }

    /// <summary>Horner's rule in float, highest coefficient first, no FMA: the SIMD stage's exact operations.</summary>
    private static float Evaluate(float[] poly, int channel, int octave, float t)
    {
        int c0 = channel * (Degree + 1) * Octaves + octave;
        float y = poly[c0 + Degree * Octaves];
        for (int j = Degree - 1; j >= 0; j--) y = y * t + poly[c0 + j * Octaves];
        return y;
    }

    Simd.SimdStage Simd.ISimdFusable.CreateSimdStage(Simd.SimdStageOptions options) => Polynomial is { } poly
        ? new FloatIndexedCurvePolynomialStage(poly, _atZero, [_tables[0][Entries - 1], _tables[1][Entries - 1], _tables[2][Entries - 1]])
        : new FloatIndexedCurveSimdStage(_tables, _atZero, Entries, FirstIndexBits);

    public void Apply(Span<float> rgba)
    {
        for (int c = 0; c < 3; c++)
        {
            var table = _tables[c];
            var zero = _atZero[c];
            if (Polynomial is { } poly)
            {
                float top = table[Entries - 1];
                for (int p = c; p < rgba.Length; p += 4) rgba[p] = LookupPolynomial(poly, c, zero, top, rgba[p]);
                continue;
            }
            for (int p = c; p < rgba.Length; p += 4)
            {
                rgba[p] = Lookup(table, zero, rgba[p]);
            }
        }
    }

    /// <summary>The polynomial form of <see cref="Lookup"/>: the same cases below and above the table.</summary>
    private static float LookupPolynomial(float[] poly, int channel, float zero, float top, float x)
    {
        int bits = BitConverter.SingleToInt32Bits(x);
        int octave = (bits >> 23) - (127 + MinExponent);
        if (octave < 0) return zero;                          // tiny, negative (sign bit) or -NaN
        if (octave >= Octaves) return x > 0 ? top : zero;     // 256 and up, +Inf, +NaN
        return Evaluate(poly, channel, octave, (bits & 0x7FFFFF) * MantissaScale);
    }

    /// <summary>2^-23: the mantissa bits as a fraction in [0, 1) (exact in float).</summary>
    internal const float MantissaScale = 1f / (1 << 23);

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
