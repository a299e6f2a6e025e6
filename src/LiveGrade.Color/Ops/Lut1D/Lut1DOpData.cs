namespace LiveGrade.Color.Ops.Lut1D;

/// <summary>
/// A 1D LUT: one table per channel, all of the same size N (2..<see cref="MaxSize"/>), sampled uniformly
/// over an input domain [DomainMin, DomainMax] that may differ per channel.
///
/// Forward: the input is clamped to the domain (as OpenColorIO and Resolve do: a LUT says nothing about
/// values outside the range it was sampled on), mapped to an index in [0, N-1] and interpolated linearly
/// between the two nearest entries. NaN is treated as the domain minimum.
///
/// Inverse (<see cref="Inverse"/>): an exact inverse by search rather than a resampled table, so that
/// inverse(forward(x)) == x to float precision for strictly monotonic tables. Each channel is first made
/// monotonic (a reversal in a mostly rising table is flattened to the running maximum; in a falling table
/// to the running minimum), as OpenColorIO's InvLut1D does. The input is clamped to the table's output
/// range and the segment containing it is found by binary search; on a flat run the lowest input index
/// of the run is returned. NaN is treated as the first table entry.
///
/// Half domain (<see cref="HalfDomain"/>, CLF's halfDomain): 65536 entries, one per half-float bit pattern;
/// the input is located between the two half values around it and interpolated linearly (OpenColorIO's
/// Lut1DRendererHalfCode), so every half value maps exactly to its entry and the LUT covers the whole
/// half range (±65504) without a domain. Such a LUT is not inverted (<see cref="Inverse"/> throws).
/// </summary>
public sealed class Lut1DOpData : ColorOpData
{
    /// <summary>Largest table accepted: 65536 entries covers a full 16-bit or half-float code range.</summary>
    public const int MaxSize = 65536;

    /// <summary>Largest magnitude of a table entry or domain bound: far beyond any picture value, finite in float.</summary>
    public const double MaxMagnitude = 1e30;

    private readonly float[] _red;
    private readonly float[] _green;
    private readonly float[] _blue;
    private readonly double[] _domainMin;
    private readonly double[] _domainMax;

    /// <summary>
    /// Builds a LUT from interleaved RGB entries (<paramref name="rgb"/>.Length = 3 N). The domain is
    /// [0, 1] on every channel unless given.
    /// </summary>
    public Lut1DOpData(ReadOnlySpan<float> rgb, ReadOnlySpan<double> domainMin = default, ReadOnlySpan<double> domainMax = default,
        TransformDirection direction = TransformDirection.Forward)
        : this(rgb, domainMin, domainMax, direction, halfDomain: false)
    {
    }

    private Lut1DOpData(ReadOnlySpan<float> rgb, ReadOnlySpan<double> domainMin, ReadOnlySpan<double> domainMax,
        TransformDirection direction, bool halfDomain)
    {
        if (rgb.Length % 3 != 0)
        {
            throw new ArgumentException("a 1D LUT needs three values (R, G, B) per entry", nameof(rgb));
        }
        int size = rgb.Length / 3;
        if (size < 2 || size > MaxSize)
        {
            throw new ArgumentException($"a 1D LUT needs 2 to {MaxSize} entries, got {size}", nameof(rgb));
        }
        _red = new float[size];
        _green = new float[size];
        _blue = new float[size];
        for (int i = 0; i < size; i++)
        {
            _red[i] = Finite(rgb[3 * i], "entry");
            _green[i] = Finite(rgb[3 * i + 1], "entry");
            _blue[i] = Finite(rgb[3 * i + 2], "entry");
        }
        _domainMin = Domain(domainMin, 0, nameof(domainMin));
        _domainMax = Domain(domainMax, 1, nameof(domainMax));
        for (int c = 0; c < 3; c++)
        {
            if (!(_domainMin[c] < _domainMax[c]))
            {
                throw new ArgumentException($"1D LUT domain minimum {_domainMin[c]} must be below its maximum {_domainMax[c]}");
            }
        }
        Direction = direction;
        HalfDomain = halfDomain;
        if (halfDomain && size != MaxSize)
        {
            throw new ArgumentException($"a half-domain 1D LUT has {MaxSize} entries (one per half-float value), got {size}", nameof(rgb));
        }
    }

    /// <summary>
    /// A half-domain LUT: entry i is the output for the half-float whose bits are i (interleaved RGB,
    /// 3 x 65536 values). Entries at NaN bit patterns are used for NaN inputs.
    /// </summary>
    public static Lut1DOpData FromHalfDomain(ReadOnlySpan<float> rgb) =>
        new(rgb, default, default, TransformDirection.Forward, halfDomain: true);

    /// <summary>True when the table is indexed by half-float bit patterns rather than spread over a domain.</summary>
    public bool HalfDomain { get; }

    /// <summary>An identity table of <paramref name="size"/> entries over [min, max] on every channel.</summary>
    public static Lut1DOpData Identity(int size, double min = 0, double max = 1)
    {
        var rgb = new float[size * 3];
        for (int i = 0; i < size; i++)
        {
            float v = (float)(min + (max - min) * i / (size - 1));
            rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = v;
        }
        return new Lut1DOpData(rgb, [min, min, min], [max, max, max]);
    }

    /// <summary>Samples <paramref name="f"/> (channel, input) at <paramref name="size"/> uniform points of [min, max].</summary>
    public static Lut1DOpData FromFunction(int size, Func<int, double, double> f, double min = 0, double max = 1)
    {
        var rgb = new float[size * 3];
        for (int i = 0; i < size; i++)
        {
            double x = min + (max - min) * i / (size - 1);
            for (int c = 0; c < 3; c++)
            {
                rgb[3 * i + c] = (float)f(c, x);
            }
        }
        return new Lut1DOpData(rgb, [min, min, min], [max, max, max]);
    }

    /// <summary>Number of entries per channel.</summary>
    public int Size => _red.Length;

    /// <summary>The table of one channel (0 = R, 1 = G, 2 = B).</summary>
    public ReadOnlySpan<float> Channel(int c) => c switch
    {
        0 => _red,
        1 => _green,
        2 => _blue,
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary>Lower bound of the input domain per channel (the input that maps to entry 0).</summary>
    public IReadOnlyList<double> DomainMin => _domainMin;

    /// <summary>Upper bound of the input domain per channel (the input that maps to entry N-1).</summary>
    public IReadOnlyList<double> DomainMax => _domainMax;

    /// <summary>True when every channel has the same domain (formats with a single range need this).</summary>
    public bool HasUniformDomain =>
        _domainMin[0] == _domainMin[1] && _domainMin[1] == _domainMin[2]
        && _domainMax[0] == _domainMax[1] && _domainMax[1] == _domainMax[2];

    /// <summary>True when the three channels hold the same table.</summary>
    public bool ChannelsEqual => _red.AsSpan().SequenceEqual(_green) && _red.AsSpan().SequenceEqual(_blue);

    public TransformDirection Direction { get; }

    /// <summary>
    /// Never true: even a table that holds the identity ramp clamps to its domain, which the optimiser
    /// must not drop (see <see cref="HasIdentityValues"/>).
    /// </summary>
    public override bool IsIdentity => false;

    /// <summary>True when each entry equals its own input (to float precision): the LUT then only clamps.</summary>
    public bool HasIdentityValues
    {
        get
        {
            if (HalfDomain)
            {
                return false;
            }
            for (int c = 0; c < 3; c++)
            {
                var t = Channel(c);
                double step = (_domainMax[c] - _domainMin[c]) / (Size - 1);
                for (int i = 0; i < t.Length; i++)
                {
                    double x = _domainMin[c] + step * i;
                    if (System.Math.Abs(t[i] - x) > 1e-6 * System.Math.Max(1, System.Math.Abs(x)))
                    {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /// <summary>The same table applied in the other direction (see the class notes for the inverse's rules).</summary>
    public override ColorOpData Inverse() => HalfDomain
        ? throw new NotSupportedException("inverting a half-domain 1D LUT is not supported")
        : new Lut1DOpData(InterleavedTable(), _domainMin, _domainMax,
            Direction == TransformDirection.Forward ? TransformDirection.Inverse : TransformDirection.Forward);

    /// <summary>The entries as interleaved RGB (a copy), in the layout the constructor takes.</summary>
    public float[] InterleavedTable()
    {
        var rgb = new float[Size * 3];
        for (int i = 0; i < Size; i++)
        {
            rgb[3 * i] = _red[i];
            rgb[3 * i + 1] = _green[i];
            rgb[3 * i + 2] = _blue[i];
        }
        return rgb;
    }

    /// <summary>Smallest and largest entry over all channels: the LUT's output range.</summary>
    public (float Min, float Max) OutputRange()
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (var t in new[] { _red, _green, _blue })
        {
            foreach (var v in t)
            {
                min = MathF.Min(min, v);
                max = MathF.Max(max, v);
            }
        }
        return (min, max);
    }

    // The GPU emitter samples a uniform domain; a half-domain table (indexed by the bits of a half) has no GPU form yet.
    public override Gpu.IColorOpGpuEmitter? CreateGpuEmitter() => HalfDomain ? null : new Lut1DGpuEmitter(this);

    public override IColorOpCpuRenderer CreateCpuRenderer() =>
        HalfDomain ? new HalfDomainLut1DCpuRenderer(this)
        : Direction == TransformDirection.Forward ? new Lut1DCpuRenderer(this)
        : new InverseLut1DCpuRenderer(this);

    public override string ToString() => HalfDomain ? "Lut1D half domain (65536 entries)" :
        $"Lut1D {Direction} {Size} entries, domain [{_domainMin[0]:G6} {_domainMin[1]:G6} {_domainMin[2]:G6}]..[{_domainMax[0]:G6} {_domainMax[1]:G6} {_domainMax[2]:G6}]";

    internal static float Finite(float v, string what)
    {
        if (!float.IsFinite(v) || System.Math.Abs(v) > MaxMagnitude)
        {
            throw new ArgumentException($"LUT {what} must be a finite number of magnitude at most {MaxMagnitude:G3}, got {v}");
        }
        return v;
    }

    internal static double[] Domain(ReadOnlySpan<double> values, double fallback, string name)
    {
        if (values.IsEmpty)
        {
            return [fallback, fallback, fallback];
        }
        if (values.Length != 3)
        {
            throw new ArgumentException("a LUT domain bound needs three values (R, G, B)", name);
        }
        foreach (var v in values)
        {
            if (!double.IsFinite(v) || System.Math.Abs(v) > MaxMagnitude)
            {
                throw new ArgumentException($"LUT domain bounds must be finite numbers of magnitude at most {MaxMagnitude:G3}, got {v}", name);
            }
        }
        return values.ToArray();
    }
}
