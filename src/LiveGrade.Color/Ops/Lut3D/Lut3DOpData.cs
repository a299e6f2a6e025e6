using LiveGrade.Color.Ops.Lut1D;

namespace LiveGrade.Color.Ops.Lut3D;

/// <summary>How a 3D LUT interpolates between its lattice points.</summary>
public enum Lut3DInterpolation
{
    /// <summary>Four lattice points around the input (one of six tetrahedra per cube): the default, as in OCIO and Resolve.</summary>
    Tetrahedral,

    /// <summary>The eight lattice points of the enclosing cube.</summary>
    Trilinear,
}

/// <summary>
/// A 3D LUT: an N x N x N lattice (N in 2..<see cref="MaxSize"/>) of RGB float outputs sampled uniformly
/// over an input domain [DomainMin, DomainMax] per channel (the cube's DOMAIN_MIN/DOMAIN_MAX).
///
/// Layout: RED FASTEST. Entry (r, g, b) is at index r + N * (g + N * b), its three floats at 3 * index.
/// This is the order of .cube files and of a GL 3D texture with x = red, so the table uploads to the GPU
/// as is; readers of blue-fastest formats (.3dl, .spi3d, OCIO internally) transpose once on load.
///
/// Inputs are clamped to the domain; NaN is treated as the domain minimum (OpenColorIO does the same).
/// Inverting a 3D LUT is not supported yet: <see cref="Inverse"/> throws <see cref="NotSupportedException"/>.
/// </summary>
public sealed class Lut3DOpData : ColorOpData
{
    /// <summary>Largest edge accepted: 129 (the .cube and OCIO limit; 129^3 entries are 24 MiB of floats).</summary>
    public const int MaxSize = 129;

    private readonly float[] _table;
    private readonly double[] _domainMin;
    private readonly double[] _domainMax;

    /// <param name="size">Edge length N.</param>
    /// <param name="redFastestRgb">3 N^3 floats, red fastest (see the class notes); copied.</param>
    /// <param name="domainMin">Input that maps to lattice index 0, per channel; [0, 0, 0] when empty.</param>
    /// <param name="domainMax">Input that maps to lattice index N-1, per channel; [1, 1, 1] when empty.</param>
    public Lut3DOpData(int size, ReadOnlySpan<float> redFastestRgb, ReadOnlySpan<double> domainMin = default,
        ReadOnlySpan<double> domainMax = default, Lut3DInterpolation interpolation = Lut3DInterpolation.Tetrahedral)
    {
        if (size < 2 || size > MaxSize)
        {
            throw new ArgumentException($"a 3D LUT edge must be 2 to {MaxSize}, got {size}", nameof(size));
        }
        if (redFastestRgb.Length != 3 * size * size * size)
        {
            throw new ArgumentException($"a {size}^3 LUT needs {3 * size * size * size} values, got {redFastestRgb.Length}",
                nameof(redFastestRgb));
        }
        _table = redFastestRgb.ToArray();
        foreach (var v in _table)
        {
            Lut1DOpData.Finite(v, "entry");
        }
        _domainMin = Lut1DOpData.Domain(domainMin, 0, nameof(domainMin));
        _domainMax = Lut1DOpData.Domain(domainMax, 1, nameof(domainMax));
        for (int c = 0; c < 3; c++)
        {
            if (!(_domainMin[c] < _domainMax[c]))
            {
                throw new ArgumentException($"3D LUT domain minimum {_domainMin[c]} must be below its maximum {_domainMax[c]}");
            }
        }
        Size = size;
        Interpolation = interpolation;
    }

    // Shares an already validated table (used by With* copies).
    private Lut3DOpData(Lut3DOpData other, Lut3DInterpolation interpolation)
    {
        _table = other._table;
        _domainMin = other._domainMin;
        _domainMax = other._domainMax;
        Size = other.Size;
        Interpolation = interpolation;
    }

    /// <summary>Samples <paramref name="f"/>(r, g, b) on the lattice over [min, max]^3.</summary>
    public static Lut3DOpData FromFunction(int size, Func<double, double, double, (double R, double G, double B)> f,
        double min = 0, double max = 1, Lut3DInterpolation interpolation = Lut3DInterpolation.Tetrahedral)
    {
        var t = new float[3 * size * size * size];
        for (int b = 0; b < size; b++)
        {
            for (int g = 0; g < size; g++)
            {
                for (int r = 0; r < size; r++)
                {
                    double x(int i) => min + (max - min) * i / (size - 1);
                    var (ro, go, bo) = f(x(r), x(g), x(b));
                    int at = 3 * Index(r, g, b, size);
                    (t[at], t[at + 1], t[at + 2]) = ((float)ro, (float)go, (float)bo);
                }
            }
        }
        return new Lut3DOpData(size, t, [min, min, min], [max, max, max], interpolation);
    }

    /// <summary>The identity lattice of edge <paramref name="size"/> on [0, 1].</summary>
    public static Lut3DOpData Identity(int size) => FromFunction(size, (r, g, b) => (r, g, b));

    /// <summary>Position of lattice point (r, g, b) in the red-fastest layout, in entries (multiply by 3 for floats).</summary>
    public static int Index(int r, int g, int b, int size) => r + size * (g + size * b);

    public int Size { get; }

    /// <summary>The lattice, red fastest, 3 floats per entry.</summary>
    public ReadOnlySpan<float> Table => _table;

    /// <summary>The same lattice as shared read-only memory (the GPU uploads it without a copy).</summary>
    public ReadOnlyMemory<float> TableMemory => _table;

    public IReadOnlyList<double> DomainMin => _domainMin;

    public IReadOnlyList<double> DomainMax => _domainMax;

    public bool HasUniformDomain =>
        _domainMin[0] == _domainMin[1] && _domainMin[1] == _domainMin[2]
        && _domainMax[0] == _domainMax[1] && _domainMax[1] == _domainMax[2];

    /// <summary>True when the domain is [0, 1] on every channel (formats without a domain need this).</summary>
    public bool HasUnitDomain => _domainMin.All(v => v == 0) && _domainMax.All(v => v == 1);

    public Lut3DInterpolation Interpolation { get; }

    /// <summary>The same LUT with another interpolation (the table is shared, not copied).</summary>
    public Lut3DOpData WithInterpolation(Lut3DInterpolation interpolation) =>
        interpolation == Interpolation ? this : new Lut3DOpData(this, interpolation);

    /// <summary>Never true: even an identity lattice clamps to its domain.</summary>
    public override bool IsIdentity => false;

    /// <summary>Not supported yet: inverting a 3D LUT needs an iterative search over the lattice (OCIO's InvLut3D).</summary>
    public override ColorOpData Inverse() =>
        throw new NotSupportedException("inverting a 3D LUT is not supported yet");

    /// <summary>Smallest and largest output value over all entries and channels.</summary>
    public (float Min, float Max) OutputRange()
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (var v in _table)
        {
            min = MathF.Min(min, v);
            max = MathF.Max(max, v);
        }
        return (min, max);
    }

    public override IColorOpCpuRenderer CreateCpuRenderer() => new Lut3DCpuRenderer(this);

    public override Gpu.IColorOpGpuEmitter CreateGpuEmitter() => new Lut3DGpuEmitter(this);

    public override string ToString() =>
        $"Lut3D {Size}^3 {Interpolation}, domain [{_domainMin[0]:G6} {_domainMin[1]:G6} {_domainMin[2]:G6}]..[{_domainMax[0]:G6} {_domainMax[1]:G6} {_domainMax[2]:G6}]";
}
