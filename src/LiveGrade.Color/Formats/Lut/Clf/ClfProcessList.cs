using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Lut1D;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Ops.Matrix;
using LiveGrade.Color.Ops.Range;

namespace LiveGrade.Color.Formats.Lut.Clf;

/// <summary>The sample encodings a CLF process node declares for its input and output (CLF v3 section 5).</summary>
public enum ClfBitDepth
{
    UInt8,
    UInt10,
    UInt12,
    UInt16,
    Float16,
    Float32,
}

public static class ClfBitDepths
{
    /// <summary>The attribute text ("8i", "10i", "12i", "16i", "16f", "32f"), or null when unknown.</summary>
    public static ClfBitDepth? Parse(string text) => text switch
    {
        "8i" => ClfBitDepth.UInt8,
        "10i" => ClfBitDepth.UInt10,
        "12i" => ClfBitDepth.UInt12,
        "16i" => ClfBitDepth.UInt16,
        "16f" => ClfBitDepth.Float16,
        "32f" => ClfBitDepth.Float32,
        _ => null,
    };

    public static string ToText(ClfBitDepth depth) => depth switch
    {
        ClfBitDepth.UInt8 => "8i",
        ClfBitDepth.UInt10 => "10i",
        ClfBitDepth.UInt12 => "12i",
        ClfBitDepth.UInt16 => "16i",
        ClfBitDepth.Float16 => "16f",
        _ => "32f",
    };

    /// <summary>
    /// The value that stands for 1.0 in this encoding: 2^n - 1 for integers, 1 for floats. A node's
    /// parameters in file units are divided by it to work on normalised values (CLF v3 section 5.2).
    /// </summary>
    public static double Scale(ClfBitDepth depth) => depth switch
    {
        ClfBitDepth.UInt8 => 255,
        ClfBitDepth.UInt10 => 1023,
        ClfBitDepth.UInt12 => 4095,
        ClfBitDepth.UInt16 => 65535,
        _ => 1,
    };
}

/// <summary>
/// One process node of a CLF/CTF file, as read: its element name, metadata, bit depths, the 1-based line of
/// its start tag, and the LiveGrade ops it became (normalised to 0..1 values). A Range with clamping is a
/// <see cref="RangeOpData"/>; a non-clamping Range a <see cref="MatrixOpData"/>.
/// </summary>
public sealed record ClfNode(string Element, string? Id, string? Name, IReadOnlyList<string> Descriptions,
    ClfBitDepth InBitDepth, ClfBitDepth OutBitDepth, int Line, IReadOnlyList<ColorOpData> Ops);

/// <summary>
/// A CLF v3 (SMPTE ST 2136-1 / Academy S-2014-006) ProcessList, or a CLF-compatible Autodesk CTF: its
/// metadata and its nodes in order. <see cref="ToOps"/> is the look; <see cref="ToLutFile"/> recognises the
/// lists that are just a LUT (an optional shaper 1D LUT and a 3D LUT, each optionally after a Range or a
/// diagonal Matrix that sets its input domain, as LiveGrade and OpenColorIO write them).
/// </summary>
public sealed class ClfProcessList(string? id, string? name, string? version, bool isCtf, IReadOnlyList<string> descriptions,
    string? inputDescriptor, string? outputDescriptor, IReadOnlyList<ClfNode> nodes)
{
    public string? Id { get; } = id;
    public string? Name { get; } = name;

    /// <summary>compCLFversion (CLF) or version (CTF), as written.</summary>
    public string? Version { get; } = version;

    public bool IsCtf { get; } = isCtf;
    public IReadOnlyList<string> Descriptions { get; } = descriptions;
    public string? InputDescriptor { get; } = inputDescriptor;
    public string? OutputDescriptor { get; } = outputDescriptor;
    public IReadOnlyList<ClfNode> Nodes { get; } = nodes;

    /// <summary>The process list's name, or its first description: what a LUT file would call its title.</summary>
    public string? Title => Name ?? Descriptions.FirstOrDefault();

    /// <summary>
    /// Every node's ops in order. <paramref name="interpolation"/>, when given, overrides the 3D LUTs'
    /// own interpolation attribute (CLF's default is trilinear).
    /// </summary>
    public OpList ToOps(Lut3DInterpolation? interpolation = null)
    {
        var ops = new OpList();
        foreach (var op in Nodes.SelectMany(n => n.Ops))
        {
            ops.Add(interpolation is { } i && op is Lut3DOpData l3 ? l3.WithInterpolation(i) : op);
        }
        return ops;
    }

    /// <summary>
    /// This list as a <see cref="LutFile"/> when it is only LUTs: [domain] LUT1D, [domain] LUT3D, or
    /// [domain] LUT1D [domain] LUT3D, where a domain step is a clamping Range onto [0, 1] or a diagonal
    /// Matrix with positive scales (LUTs clamp their input to the domain anyway). Null otherwise.
    /// </summary>
    public LutFile? ToLutFile()
    {
        var ops = ToOps().Ops;
        int i = 0;
        Lut1DOpData? lut1D = null;
        Lut3DOpData? lut3D = null;
        if (TakeLut(ops, ref i) is { } first)
        {
            if (first is Lut1DOpData l1)
            {
                lut1D = l1;
                if (TakeLut(ops, ref i) is { } second)
                {
                    lut3D = second as Lut3DOpData;
                    if (lut3D is null)
                    {
                        return null;
                    }
                }
            }
            else
            {
                lut3D = (Lut3DOpData)first;
            }
        }
        if (i != ops.Count || (lut1D is null && lut3D is null))
        {
            return null;
        }
        if (lut1D is { } f && (f.Direction != TransformDirection.Forward || f.HalfDomain))
        {
            return null;
        }
        return new LutFile(lut1D, lut3D, Title);
    }

    // A LUT at ops[i], with the domain step before it folded in; advances i. Null when there is none.
    private static ColorOpData? TakeLut(IReadOnlyList<ColorOpData> ops, ref int i)
    {
        if (i >= ops.Count)
        {
            return null;
        }
        double[]? min = null, max = null;
        int at = i;
        if (ops[at] is RangeOpData { Direction: TransformDirection.Forward, MinIn: { } a, MaxIn: { } b, MinOut: 0.0, MaxOut: 1.0 })
        {
            (min, max) = ([a, a, a], [b, b, b]);
            at++;
        }
        else if (ops[at] is MatrixOpData m && IsPositiveDiagonal(m))
        {
            // x * s + o spans [0, 1] over [-o / s, (1 - o) / s].
            var v = m.Matrix.Values;
            min = new double[3];
            max = new double[3];
            for (int c = 0; c < 3; c++)
            {
                double s = v[c * 4], o = m.Offset[c];
                (min[c], max[c]) = (-o / s, (1 - o) / s);
            }
            at++;
        }
        if (at >= ops.Count)
        {
            return null;
        }
        var lut = ops[at];
        bool unitDomain = lut switch
        {
            Lut1DOpData l1 => !l1.HalfDomain && l1.DomainMin.All(d => d == 0) && l1.DomainMax.All(d => d == 1),
            Lut3DOpData l3 => l3.HasUnitDomain,
            _ => false,
        };
        if (!unitDomain)
        {
            return null;
        }
        i = at + 1;
        if (min is null)
        {
            return lut;
        }
        return lut switch
        {
            Lut1DOpData l1 => new Lut1DOpData(l1.InterleavedTable(), min, max!, l1.Direction),
            Lut3DOpData l3 => new Lut3DOpData(l3.Size, l3.Table, min, max!, l3.Interpolation),
            _ => null,
        };
    }

    private static bool IsPositiveDiagonal(MatrixOpData m)
    {
        var v = m.Matrix.Values;
        for (int r = 0; r < 3; r++)
        {
            for (int c = 0; c < 3; c++)
            {
                if (r == c ? !(v[r * 3 + c] > 0) : v[r * 3 + c] != 0)
                {
                    return false;
                }
            }
        }
        return true;
    }
}
