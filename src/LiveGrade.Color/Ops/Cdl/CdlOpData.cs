namespace LiveGrade.Color.Ops.Cdl;

/// <summary>How a CDL treats values outside 0..1.</summary>
public enum CdlStyle
{
    /// <summary>ASC CDL v1.2: clamps to [0, 1] after slope/offset and after saturation.</summary>
    AscV12,

    /// <summary>No clamping: negatives pass through the power unchanged, values above 1 are kept.</summary>
    NoClamp,
}

/// <summary>
/// ASC CDL v1.2 (slope, offset, power per channel, then saturation with Rec.709 luma weights), in either
/// direction and either <see cref="CdlStyle"/>. Operation order and clamping follow the ASC CDL v1.2
/// specification and OpenColorIO's CDLOpCPU, which the tests check value for value.
/// </summary>
public sealed class CdlOpData : ColorOpData
{
    /// <summary>Rec.709 luma weights used by the ASC saturation (ASC CDL v1.2, section on SAT).</summary>
    public static readonly double[] LumaWeights = [0.2126, 0.7152, 0.0722];

    /// <summary>Largest magnitude a CDL value may take: far beyond any grade, small enough to keep float maths finite.</summary>
    public const double MaxMagnitude = 1e6;

    public CdlOpData(ReadOnlySpan<double> slope, ReadOnlySpan<double> offset, ReadOnlySpan<double> power,
        double saturation, CdlStyle style = CdlStyle.AscV12, TransformDirection direction = TransformDirection.Forward)
    {
        if (slope.Length != 3 || offset.Length != 3 || power.Length != 3)
        {
            throw new ArgumentException("slope, offset and power need three values each");
        }
        for (int c = 0; c < 3; c++)
        {
            Require(slope[c], "slope", min: 0);
            Require(offset[c], "offset", min: -MaxMagnitude);
            Require(power[c], "power", min: 0, exclusiveMin: true);
        }
        Require(saturation, "saturation", min: 0);
        Slope = slope.ToArray();
        Offset = offset.ToArray();
        Power = power.ToArray();
        Saturation = saturation;
        Style = style;
        Direction = direction;
    }

    public static CdlOpData Identity(CdlStyle style = CdlStyle.AscV12) => new([1, 1, 1], [0, 0, 0], [1, 1, 1], 1, style);

    public IReadOnlyList<double> Slope { get; }
    public IReadOnlyList<double> Offset { get; }
    public IReadOnlyList<double> Power { get; }
    public double Saturation { get; }
    public CdlStyle Style { get; }
    public TransformDirection Direction { get; }

    /// <summary>True when the values do nothing. The clamping style still clamps, so it is never an identity.</summary>
    public bool HasIdentityValues =>
        Slope.All(s => s == 1) && Offset.All(o => o == 0) && Power.All(p => p == 1) && Saturation == 1;

    public override bool IsIdentity => Style == CdlStyle.NoClamp && HasIdentityValues;

    public override ColorOpData Inverse() => new CdlOpData(Slope.ToArray(), Offset.ToArray(), Power.ToArray(), Saturation,
        Style, Direction == TransformDirection.Forward ? TransformDirection.Inverse : TransformDirection.Forward);

    public override bool IsInverseOf(ColorOpData previous) =>
        Style == CdlStyle.NoClamp && previous is CdlOpData p && p.Style == Style && p.Direction != Direction && SameValues(p);

    public bool SameValues(CdlOpData other) =>
        Slope.SequenceEqual(other.Slope) && Offset.SequenceEqual(other.Offset) && Power.SequenceEqual(other.Power)
        && Saturation == other.Saturation;

    public override IColorOpCpuRenderer CreateCpuRenderer() => new CdlCpuRenderer(this);

    public override Gpu.IColorOpGpuEmitter CreateGpuEmitter() => new CdlGpuEmitter(this);

    public override string ToString() =>
        $"CDL {Style} {Direction} slope ({Slope[0]:G6} {Slope[1]:G6} {Slope[2]:G6}) offset ({Offset[0]:G6} {Offset[1]:G6} {Offset[2]:G6}) " +
        $"power ({Power[0]:G6} {Power[1]:G6} {Power[2]:G6}) sat {Saturation:G6}";

    private static void Require(double v, string name, double min, bool exclusiveMin = false)
    {
        if (!double.IsFinite(v))
        {
            throw new ArgumentException($"CDL {name} must be a finite number, got {v}");
        }
        if (v < min || (exclusiveMin && v == min))
        {
            throw new ArgumentException($"CDL {name} must be {(exclusiveMin ? "greater than" : "at least")} {min}, got {v}");
        }
        if (System.Math.Abs(v) > MaxMagnitude)
        {
            throw new ArgumentException($"CDL {name} {v} is out of range (|value| <= {MaxMagnitude})");
        }
    }
}
