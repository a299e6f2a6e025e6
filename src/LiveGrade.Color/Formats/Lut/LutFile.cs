using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Lut1D;
using LiveGrade.Color.Ops.Lut3D;

namespace LiveGrade.Color.Formats.Lut;

/// <summary>
/// What a LUT file holds: an optional 1D LUT and an optional 3D LUT (at least one), and a title.
/// When both are present the 1D LUT is a shaper applied first (Resolve .cube with LUT_1D_SIZE and
/// LUT_3D_SIZE, .csp preluts, a non-uniform .3dl mesh); on its own it is the whole LUT.
/// </summary>
public sealed class LutFile
{
    public LutFile(Lut1DOpData? lut1D, Lut3DOpData? lut3D, string? title = null)
    {
        if (lut1D is null && lut3D is null)
        {
            throw new ArgumentException("a LUT file needs a 1D LUT, a 3D LUT or both");
        }
        Lut1D = lut1D;
        Lut3D = lut3D;
        Title = string.IsNullOrWhiteSpace(title) ? null : title;
    }

    /// <summary>The 1D LUT: the shaper before <see cref="Lut3D"/>, or the whole LUT when there is no 3D LUT.</summary>
    public Lut1DOpData? Lut1D { get; }

    public Lut3DOpData? Lut3D { get; }

    public string? Title { get; }

    /// <summary>True when a 1D LUT feeds a 3D LUT.</summary>
    public bool HasShaper => Lut1D is not null && Lut3D is not null;

    /// <summary>The ops in application order; <paramref name="interpolation"/> overrides the 3D LUT's interpolation.</summary>
    public OpList ToOps(Lut3DInterpolation? interpolation = null)
    {
        var ops = new OpList();
        if (Lut1D is not null)
        {
            ops.Add(Lut1D);
        }
        if (Lut3D is not null)
        {
            ops.Add(interpolation is { } i ? Lut3D.WithInterpolation(i) : Lut3D);
        }
        return ops;
    }

    /// <summary>Smallest and largest output the LUT can produce (of the 3D LUT when there is one).</summary>
    public (float Min, float Max) OutputRange() => Lut3D?.OutputRange() ?? Lut1D!.OutputRange();

    public override string ToString() =>
        (Title is null ? "" : $"\"{Title}\": ") + string.Join(" -> ", new object?[] { Lut1D, Lut3D }.Where(o => o is not null));
}
