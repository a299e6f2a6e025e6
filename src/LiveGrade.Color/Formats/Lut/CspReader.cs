using LiveGrade.Color.Ops.Lut1D;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Color.Formats.Lut;

/// <summary>
/// Reads Rising Sun cinespace .csp: <c>CSPLUTV100</c>, <c>1D</c> or <c>3D</c>, an optional
/// <c>BEGIN METADATA</c> ... <c>END METADATA</c> block (its first line becomes the title), three preluts
/// (per channel: a point count, a line of input values, a line of output values; a count below 2 means
/// identity), then the table: for 3D <c>N N N</c> and N^3 rows red fastest, for 1D a count and rows.
/// Blank lines are skipped.
///
/// Preluts: cinespace interpolates a prelut's points with its own cubic spline. As OpenColorIO 2.1 does,
/// LiveGrade resamples that spline once at 65536 points between the first and last input value and uses
/// the result as a linearly interpolated 1D shaper with that domain; the spline and the resampling are
/// ported operation for operation in single precision so the shaper matches OCIO's. A prelut whose outputs
/// equal its inputs (relative error 1e-6) is an identity and yields no shaper. Limits: lattice 2..129,
/// 1D and prelut sizes 2..65536, files up to 256 MiB; NaN and infinities rejected. Not supported: a 1D
/// .csp with a non-identity prelut (a LutFile holds one 1D LUT), non-cubic lattices.
/// </summary>
public static class CspReader
{
    /// <summary>Points at which a prelut spline is resampled (OCIO's NUM_PRELUT_SAMPLES).</summary>
    public const int PrelutSamples = 65536;

    public static LutFile Parse(string text, string? fileName)
    {
        LutText.CheckSize(text, fileName);
        var lines = new LutLines(text);
        Span<Range> tok = stackalloc Range[5];

        if (!NextContent(ref lines, out var line) || !line.StartsWith("CSPLUTV100", StringComparison.OrdinalIgnoreCase))
        {
            throw new InputException("expected 'CSPLUTV100' on the first line: not a .csp LUT", fileName, System.Math.Max(1, lines.Number));
        }
        if (!NextContent(ref lines, out line))
        {
            throw new InputException("the file ends after its first line", fileName, lines.LastContentLine + 1);
        }
        bool is3D;
        if (line.StartsWith("3D", StringComparison.OrdinalIgnoreCase))
        {
            is3D = true;
        }
        else if (line.StartsWith("1D", StringComparison.OrdinalIgnoreCase))
        {
            is3D = false;
        }
        else
        {
            throw new InputException($"expected '1D' or '3D', found '{line}'", fileName, lines.Number);
        }

        string? title = null;
        if (!NextContent(ref lines, out line))
        {
            throw new InputException("the file ends before the preluts", fileName, lines.LastContentLine + 1);
        }
        if (line.StartsWith("BEGIN METADATA", StringComparison.OrdinalIgnoreCase))
        {
            int begin = lines.Number;
            bool ended = false;
            while (lines.Next(out line))
            {
                if (line.StartsWith("END METADATA", StringComparison.OrdinalIgnoreCase))
                {
                    ended = true;
                    break;
                }
                if (title is null && !line.IsEmpty)
                {
                    title = line.ToString();
                }
            }
            if (!ended)
            {
                throw new InputException("BEGIN METADATA without END METADATA", fileName, begin);
            }
            if (!NextContent(ref lines, out line))
            {
                throw new InputException("the file ends before the preluts", fileName, lines.LastContentLine + 1);
            }
        }

        // Three preluts; `line` holds the first prelut's count.
        var inputs = new float[3][];
        var outputs = new float[3][];
        bool anyPrelut = false;
        for (int c = 0; c < 3; c++)
        {
            if (c > 0 && !NextContent(ref lines, out line))
            {
                throw new InputException($"the file ends before prelut {c + 1}", fileName, lines.LastContentLine + 1);
            }
            if (LutText.Split(line, tok) != 1)
            {
                throw new InputException($"expected the point count of prelut {c + 1}", fileName, lines.Number);
            }
            int points = LutText.ParseInt(line[tok[0]], fileName, lines.Number, "prelut point count");
            if (points < 0 || points > Lut1DOpData.MaxSize)
            {
                throw new InputException($"prelut point count {points} is out of range (0..{Lut1DOpData.MaxSize})", fileName, lines.Number);
            }
            if (points < 2)
            {
                // Fewer than two points is an identity on [0, 1] (OpenColorIO reads it so).
                inputs[c] = [0f, 1f];
                outputs[c] = [0f, 1f];
                continue;
            }
            inputs[c] = ReadRow(ref lines, points, fileName, $"prelut {c + 1} inputs");
            int inputLine = lines.Number;
            for (int i = 1; i < points; i++)
            {
                if (!(inputs[c][i] > inputs[c][i - 1]))
                {
                    throw new InputException($"prelut {c + 1} inputs must increase", fileName, inputLine);
                }
            }
            outputs[c] = ReadRow(ref lines, points, fileName, $"prelut {c + 1} outputs");
            anyPrelut |= !EqualWithRelativeError(inputs[c], outputs[c], 1e-6f);
        }

        Lut1DOpData? shaper = anyPrelut ? ResamplePreluts(inputs, outputs) : null;

        if (!NextContent(ref lines, out line))
        {
            throw new InputException("the file ends before the table size", fileName, lines.LastContentLine + 1);
        }
        if (is3D)
        {
            if (LutText.Split(line, tok) != 3)
            {
                throw new InputException("expected the lattice size 'N N N'", fileName, lines.Number);
            }
            int size = LutText.ParseInt(line[tok[0]], fileName, lines.Number, "lattice size");
            if (LutText.ParseInt(line[tok[1]], fileName, lines.Number, "lattice size") != size
                || LutText.ParseInt(line[tok[2]], fileName, lines.Number, "lattice size") != size)
            {
                throw new InputException("lattices with different sizes per axis are not supported", fileName, lines.Number);
            }
            if (size < 2 || size > Lut3DOpData.MaxSize)
            {
                throw new InputException($"lattice size {size} is out of range (2..{Lut3DOpData.MaxSize})", fileName, lines.Number);
            }
            // Red fastest in the file and in Lut3DOpData.
            var table = ReadTriples(ref lines, size * size * size, fileName);
            return new LutFile(shaper, new Lut3DOpData(size, table), title);
        }

        if (shaper is not null)
        {
            throw new InputException("a 1D .csp with a prelut is not supported", fileName, lines.Number);
        }
        if (LutText.Split(line, tok) != 1)
        {
            throw new InputException("expected the 1D LUT entry count", fileName, lines.Number);
        }
        int count = LutText.ParseInt(line[tok[0]], fileName, lines.Number, "entry count");
        if (count < 2 || count > Lut1DOpData.MaxSize)
        {
            throw new InputException($"1D entry count {count} is out of range (2..{Lut1DOpData.MaxSize})", fileName, lines.Number);
        }
        return new LutFile(new Lut1DOpData(ReadTriples(ref lines, count, fileName)), null, title);
    }

    private static float[] ReadRow(ref LutLines lines, int points, string? file, string what)
    {
        if (!NextContent(ref lines, out var line))
        {
            throw new InputException($"the file ends before the {what}", file, lines.LastContentLine + 1);
        }
        var values = new float[points];
        int i = 0, pos = 0;
        while (pos < line.Length)
        {
            while (pos < line.Length && char.IsWhiteSpace(line[pos]))
            {
                pos++;
            }
            int start = pos;
            while (pos < line.Length && !char.IsWhiteSpace(line[pos]))
            {
                pos++;
            }
            if (pos > start)
            {
                if (i >= points)
                {
                    throw new InputException($"more than {points} {what}", file, lines.Number);
                }
                values[i++] = LutText.ParseFloat(line[start..pos], file, lines.Number, what);
            }
        }
        if (i != points)
        {
            throw new InputException($"expected {points} {what}, found {i}", file, lines.Number);
        }
        return values;
    }

    private static float[] ReadTriples(ref LutLines lines, int count, string? file)
    {
        Span<Range> tok = stackalloc Range[5];
        var table = new float[3 * count];
        for (int k = 0; k < count; k++)
        {
            if (!NextContent(ref lines, out var line))
            {
                throw new InputException($"the table ends after {k} of {count} entries", file, lines.LastContentLine + 1);
            }
            int n = LutText.Split(line, tok);
            if (n != 3)
            {
                throw new InputException($"expected 3 values (R G B), found {n}{(n == tok.Length ? " or more" : "")}", file, lines.Number);
            }
            table[3 * k] = LutText.ParseFloat(line[tok[0]], file, lines.Number);
            table[3 * k + 1] = LutText.ParseFloat(line[tok[1]], file, lines.Number);
            table[3 * k + 2] = LutText.ParseFloat(line[tok[2]], file, lines.Number);
        }
        if (NextContent(ref lines, out _))
        {
            throw new InputException($"more table entries than the {count} declared", file, lines.Number);
        }
        return table;
    }

    private static bool NextContent(ref LutLines lines, out ReadOnlySpan<char> line)
    {
        while (lines.Next(out line))
        {
            if (!line.IsEmpty)
            {
                return true;
            }
        }
        return false;
    }

    private static bool EqualWithRelativeError(float[] a, float[] b, float e)
    {
        for (int i = 0; i < a.Length; i++)
        {
            if (MathF.Abs(a[i] - b[i]) > e * MathF.Max(MathF.Abs(a[i]), MathF.Abs(b[i])))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>All three preluts resampled at <see cref="PrelutSamples"/> points over their own input range.</summary>
    internal static Lut1DOpData ResamplePreluts(float[][] inputs, float[][] outputs)
    {
        var rgb = new float[3 * PrelutSamples];
        var min = new double[3];
        var max = new double[3];
        for (int c = 0; c < 3; c++)
        {
            var spline = new CinespaceSpline(inputs[c], outputs[c]);
            float from = inputs[c][0], to = inputs[c][^1];
            (min[c], max[c]) = (from, to);
            for (int i = 0; i < PrelutSamples; i++)
            {
                float t = i / (float)(PrelutSamples - 1);
                // OCIO's lerpf(from, to, t) = (to - from) * t + from, in float.
                float x = (to - from) * t + from;
                rgb[3 * i + c] = spline.Evaluate(x);
            }
        }
        return new Lut1DOpData(rgb, min, max);
    }

    /// <summary>
    /// Cinespace's prelut interpolator (rsr_Interpolator1D in OpenColorIO's FileFormatCSP.cpp): per segment
    /// a cubic in z = (x - x_i) / (x_{i+1} - x_i) whose end slopes are central differences scaled to the
    /// segment (quadratic in the first and last segments, linear with two points); constant beyond the ends.
    /// Every operation is single precision and in the original order, so the samples match OCIO's.
    /// </summary>
    private sealed class CinespaceSpline
    {
        private readonly float[] _x;
        private readonly float[] _p; // per segment: 1/delta, a, b, c, d
        private readonly float _first, _last;

        public CinespaceSpline(float[] x, float[] f)
        {
            _x = x;
            int n = x.Length;
            _first = f[0];
            _last = f[n - 1];
            _p = new float[5 * (n - 1)];
            if (n == 2)
            {
                _p[0] = 1.0f / (x[1] - x[0]);
                _p[1] = f[0];
                _p[2] = f[1] - f[0];
                return;
            }
            for (int i = 0; i < n - 1; i++)
            {
                float f0 = f[i], f1 = f[i + 1];
                int o = 5 * i;
                _p[o] = 1.0f / (x[i + 1] - x[i]);
                float delta = x[i + 1] - x[i];
                if (i == 0)
                {
                    float delta2 = (x[i + 2] - x[i + 1]) / delta;
                    float dfdx1 = (f[i + 2] - f0) / (1 + delta2);
                    _p[o + 1] = f0;
                    _p[o + 2] = -2.0f * f0 + 2.0f * f1 - dfdx1;
                    _p[o + 3] = f0 - f1 + dfdx1;
                    _p[o + 4] = 0f;
                }
                else if (i == n - 2)
                {
                    float delta1 = (x[i] - x[i - 1]) / delta;
                    float dfdx0 = (f1 - f[i - 1]) / (1 + delta1);
                    _p[o + 1] = f0;
                    _p[o + 2] = dfdx0;
                    _p[o + 3] = -1.0f * f0 + f1 - dfdx0;
                    _p[o + 4] = 0f;
                }
                else
                {
                    float delta1 = (x[i] - x[i - 1]) / delta;
                    float delta2 = (x[i + 2] - x[i + 1]) / delta;
                    float dfdx0 = (f1 - f[i - 1]) / (1.0f + delta1);
                    float dfdx1 = (f[i + 2] - f0) / (1.0f + delta2);
                    _p[o + 1] = f0;
                    _p[o + 2] = dfdx0;
                    _p[o + 3] = -3.0f * f0 - 2.0f * dfdx0 + 3.0f * f1 - dfdx1;
                    _p[o + 4] = 2.0f * f0 + dfdx0 - 2.0f * f1 + dfdx1;
                }
            }
        }

        public float Evaluate(float v)
        {
            if (float.IsNaN(v))
            {
                return v;
            }
            if (v < _x[0])
            {
                return _first;
            }
            if (v > _x[^1])
            {
                return _last;
            }
            // The segment whose start is the last point <= v (OCIO's recursive bisection, unrolled).
            int low = 0, high = _x.Length - 1;
            while (high - low > 1)
            {
                int mid = (low + high) / 2;
                if (v < _x[mid])
                {
                    high = mid;
                }
                else
                {
                    low = mid;
                }
            }
            int o = 5 * low;
            float z = (v - _x[low]) * _p[o];
            return _p[o + 1] + z * (_p[o + 2] + z * (_p[o + 3] + _p[o + 4] * z));
        }
    }
}
