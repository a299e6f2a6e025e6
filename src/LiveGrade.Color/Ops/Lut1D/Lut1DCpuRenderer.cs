namespace LiveGrade.Color.Ops.Lut1D;

/// <summary>
/// Forward 1D LUT in single precision, arithmetic ordered as OpenColorIO 2.1's Lut1DRenderer (SSE path)
/// so the two agree to float rounding: index = (x - min) * (N-1)/(max-min), clamped to [0, N-1] with NaN
/// going to 0; low = floor(index), high = min(low + 1, N-1); out = (lut[low] - lut[high]) * (high - index)
/// + lut[high]. Interpolating from the high end keeps an infinite-free table from producing 0 * inf.
/// Allocation-free per call; the tables are private copies.
/// </summary>
public sealed class Lut1DCpuRenderer : IColorOpCpuRenderer, Processing.Simd.ISimdFusable
{
    private readonly float[] _red, _green, _blue;
    private readonly float _minR, _minG, _minB;
    private readonly float _scaleR, _scaleG, _scaleB;
    private readonly float _maxIndex;
    private readonly int _last;

    public Lut1DCpuRenderer(Lut1DOpData data)
    {
        _red = data.Channel(0).ToArray();
        _green = data.Channel(1).ToArray();
        _blue = data.Channel(2).ToArray();
        _last = data.Size - 1;
        _maxIndex = _last;
        (_minR, _minG, _minB) = ((float)data.DomainMin[0], (float)data.DomainMin[1], (float)data.DomainMin[2]);
        _scaleR = (float)(_last / (data.DomainMax[0] - data.DomainMin[0]));
        _scaleG = (float)(_last / (data.DomainMax[1] - data.DomainMin[1]));
        _scaleB = (float)(_last / (data.DomainMax[2] - data.DomainMin[2]));
    }

    Processing.Simd.SimdStage Processing.Simd.ISimdFusable.CreateSimdStage(Processing.Simd.SimdStageOptions options) =>
        new Lut1DSimdStage(_red, _green, _blue, [_minR, _minG, _minB], [_scaleR, _scaleG, _scaleB], _last);

    public void Apply(Span<float> rgba)
    {
        for (int i = 0; i + 3 < rgba.Length; i += 4)
        {
            rgba[i] = Lookup(_red, (rgba[i] - _minR) * _scaleR);
            rgba[i + 1] = Lookup(_green, (rgba[i + 1] - _minG) * _scaleG);
            rgba[i + 2] = Lookup(_blue, (rgba[i + 2] - _minB) * _scaleB);
        }
    }

    private float Lookup(float[] table, float index)
    {
        // NaN fails the first comparison and lands on 0 (the domain minimum).
        index = index > 0f ? (index < _maxIndex ? index : _maxIndex) : 0f;
        int low = (int)index;
        int high = low < _last ? low + 1 : _last;
        float delta = high - index;
        float hv = table[high];
        return (table[low] - hv) * delta + hv;
    }
}

/// <summary>
/// Inverse 1D LUT by search (see <see cref="Lut1DOpData"/> for the rules): each channel's table is made
/// monotonic once here, falling tables are negated so one rising search serves both, and each value is
/// located by binary search (at most 16 steps for 65536 entries). Allocation-free per call.
/// </summary>
public sealed class InverseLut1DCpuRenderer : IColorOpCpuRenderer
{
    private readonly Channel _red, _green, _blue;

    public InverseLut1DCpuRenderer(Lut1DOpData data)
    {
        _red = new Channel(data, 0);
        _green = new Channel(data, 1);
        _blue = new Channel(data, 2);
    }

    public void Apply(Span<float> rgba)
    {
        for (int i = 0; i + 3 < rgba.Length; i += 4)
        {
            rgba[i] = _red.Invert(rgba[i]);
            rgba[i + 1] = _green.Invert(rgba[i + 1]);
            rgba[i + 2] = _blue.Invert(rgba[i + 2]);
        }
    }

    private sealed class Channel
    {
        private readonly float[] _rising;
        private readonly float _sign;
        private readonly float _min;
        private readonly float _step;

        public Channel(Lut1DOpData data, int c)
        {
            var t = data.Channel(c);
            bool falling = t[^1] < t[0];
            _sign = falling ? -1f : 1f;
            _rising = new float[t.Length];
            float running = float.NegativeInfinity;
            for (int i = 0; i < t.Length; i++)
            {
                // Flatten reversals: the running maximum of the (sign-adjusted) table.
                running = MathF.Max(running, _sign * t[i]);
                _rising[i] = running;
            }
            _min = (float)data.DomainMin[c];
            _step = (float)((data.DomainMax[c] - data.DomainMin[c]) / (t.Length - 1));
        }

        public float Invert(float y)
        {
            var t = _rising;
            y *= _sign;
            float index;
            // NaN and values at or below the first entry map to index 0.
            if (!(y > t[0]))
            {
                index = 0f;
            }
            else
            {
                if (y > t[^1])
                {
                    y = t[^1];
                }
                // Lower bound: the first entry >= y (entry 0 is < y here, so it lies in [1, N-1]).
                int lo = 1, hi = t.Length - 1;
                while (lo < hi)
                {
                    int mid = (lo + hi) >>> 1;
                    if (t[mid] < y)
                    {
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid;
                    }
                }
                float below = t[lo - 1];
                index = lo - 1 + (y - below) / (t[lo] - below);
            }
            return _min + index * _step;
        }
    }
}

/// <summary>
/// A half-domain 1D LUT (<see cref="Lut1DOpData.HalfDomain"/>) in single precision, as OpenColorIO 2.1's
/// Lut1DRendererHalfCode interpolates float input (IndexPair::GetEdgeFloatValues): the input is rounded to
/// the nearest half h (ties to even); infinities, and values that round to them, are taken as ±65504. The two
/// half codes bracketing the input are h and its neighbour away from or towards zero, the fraction
/// f = (in - a) / (b - a) (0 when that is NaN), and out = (lut[a] - lut[b]) * (1 - f) + lut[b].
/// NaN inputs read the entry at their own half bit pattern.
/// </summary>
public sealed class HalfDomainLut1DCpuRenderer : IColorOpCpuRenderer
{
    private readonly float[] _red, _green, _blue;

    public HalfDomainLut1DCpuRenderer(Lut1DOpData data)
    {
        if (!data.HalfDomain)
        {
            throw new ArgumentException("not a half-domain LUT", nameof(data));
        }
        _red = data.Channel(0).ToArray();
        _green = data.Channel(1).ToArray();
        _blue = data.Channel(2).ToArray();
    }

    public void Apply(Span<float> rgba)
    {
        for (int i = 0; i + 3 < rgba.Length; i += 4)
        {
            rgba[i] = Lookup(_red, rgba[i]);
            rgba[i + 1] = Lookup(_green, rgba[i + 1]);
            rgba[i + 2] = Lookup(_blue, rgba[i + 2]);
        }
    }

    private const ushort HalfMaxBits = 0x7BFF;

    internal static float Lookup(float[] table, float x)
    {
        var h = (Half)x;
        if (Half.IsInfinity(h))
        {
            h = Half.IsNegative(h) ? Half.MinValue : Half.MaxValue;
            x = (float)h;
        }
        float rounded = (float)h;
        int bits = BitConverter.HalfToUInt16Bits(h);
        int a, b;
        if (MathF.Abs(rounded) > MathF.Abs(x))
        {
            // The half is further from zero than the input: the other bracket is one code towards zero.
            b = bits;
            a = (bits - 1) & 0xFFFF;
        }
        else
        {
            a = bits;
            b = (bits + 1) & 0xFFFF;
            if (Half.IsInfinity(BitConverter.UInt16BitsToHalf((ushort)b)))
            {
                b = (b & 0x8000) | HalfMaxBits;
            }
        }
        float fa = (float)BitConverter.UInt16BitsToHalf((ushort)a);
        float fb = (float)BitConverter.UInt16BitsToHalf((ushort)b);
        float f = (x - fa) / (fb - fa);
        if (float.IsNaN(f))
        {
            f = 0f;
        }
        float vb = table[b];
        return (table[a] - vb) * (1f - f) + vb;
    }
}
